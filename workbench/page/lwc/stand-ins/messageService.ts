// Stands in for `lightning/messageService` (Lightning Message Service): an in-page publish/subscribe. Every
// subscriber of a channel receives every message published on it, its own publisher included, as on the platform
// (voice-platform.md §2.3). Outside an org there is one page, so APPLICATION_SCOPE and the default scope behave alike.

/** What `@wire(MessageContext)` delivers. Opaque on the platform; here it only names itself for debugging. */
export interface MessageContextValue {
    readonly workbench: 'message-context';
}

/** A channel reference as `@salesforce/messageChannel/<Name>__c` gives it (see messageChannel.ts). */
export type MessageChannel = string | object;

export interface Subscription {
    readonly channel: MessageChannel;
}

type Listener = (message: unknown) => void;

interface Entry extends Subscription {
    readonly listener: Listener;
}

/** The platform exports an opaque scope value; any unique value serves here. */
export const APPLICATION_SCOPE: unique symbol = Symbol('APPLICATION_SCOPE');

const subscriptions = new Set<Entry>();
const watchers = new Set<(channel: MessageChannel, message: unknown) => void>();

export function createMessageContext(): MessageContextValue {
    return { workbench: 'message-context' };
}

export function releaseMessageContext(_context: MessageContextValue): void {
    // nothing is held per context here
}

/** The MessageContext wire adapter: delivers a context as soon as the component connects (before connectedCallback). */
export class MessageContext {
    private readonly deliver: (value: MessageContextValue) => void;

    constructor(dataCallback: (value: MessageContextValue) => void) {
        this.deliver = dataCallback;
    }

    connect(): void {
        this.deliver(createMessageContext());
    }

    update(): void {
        // no configuration
    }

    disconnect(): void {
        // nothing to release
    }
}

export function subscribe(
    _context: MessageContextValue | undefined,
    channel: MessageChannel,
    listener: Listener,
    _options?: { scope?: symbol }
): Subscription {
    const entry: Entry = { channel, listener };
    subscriptions.add(entry);
    return entry;
}

export function unsubscribe(subscription: Subscription | null | undefined): void {
    if (subscription) subscriptions.delete(subscription as Entry);
}

/**
 * Delivers after the publisher's synchronous work, each subscriber getting its own structured clone: a subscriber can
 * neither change what another one sees nor run inside the publisher's call, and one that throws does not stop the
 * others. A message that cannot be cloned throws here, at the publisher.
 */
export function publish(_context: MessageContextValue | undefined, channel: MessageChannel, message?: unknown): void {
    const snapshot: unknown = message === undefined ? undefined : structuredClone(message);
    const copy = (): unknown => (snapshot === undefined ? undefined : structuredClone(snapshot));
    for (const watch of watchers) queueMicrotask(() => watch(channel, copy()));
    for (const s of subscriptions) {
        if (s.channel !== channel) continue;
        queueMicrotask(() => {
            if (subscriptions.has(s)) s.listener(copy());
        });
    }
}

/**
 * Workbench only (no Salesforce equivalent): sees every message on every channel, for the page's message log.
 * Returns the function that stops it.
 */
export function onAnyMessage(listener: (channel: MessageChannel, message: unknown) => void): () => void {
    watchers.add(listener);
    return () => {
        watchers.delete(listener);
    };
}
