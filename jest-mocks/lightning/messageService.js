// Lightning Message Service double with a real publish → subscribe registry: a message published on a channel
// reaches every subscriber of that channel (its publisher included, as on the platform), as a structured clone.
// publish/subscribe/unsubscribe are jest.fn so tests can also assert the calls.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');
export const MessageContext = createTestWireAdapter(jest.fn());

const subscriptions = new Set();

export const subscribe = jest.fn((context, channel, listener, options) => {
    const subscription = { channel, listener, scope: options?.scope };
    subscriptions.add(subscription);
    return subscription;
});

export const unsubscribe = jest.fn((subscription) => {
    subscriptions.delete(subscription);
});

export const publish = jest.fn((context, channel, message) => {
    for (const s of [...subscriptions]) {
        if (s.channel === channel) s.listener(JSON.parse(JSON.stringify(message ?? null)));
    }
});

export const createMessageContext = jest.fn(() => ({}));
export const releaseMessageContext = jest.fn();

/** How many subscribers a channel has now (to prove subscribe-once and unsubscribe-on-disconnect). */
export function subscriberCount(channel) {
    return [...subscriptions].filter((s) => s.channel === channel).length;
}

/** Forget every subscription between tests. */
export function resetMessageService() {
    subscriptions.clear();
    subscribe.mockClear();
    unsubscribe.mockClear();
    publish.mockClear();
}
