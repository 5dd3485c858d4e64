// Plays Salesforce for the real scv-connector-base 3.6.2 in Node (connector-sdk.md §12.2): a stand-in `window`
// that captures the library's message listener, a SETUP_CONNECTOR handshake from a Salesforce origin carrying a
// real MessagePort, and the host end of that MessageChannel to send requests and record what comes back.
import { MessageChannel, type MessagePort } from 'node:worker_threads';

type Listener = (event: unknown) => unknown;
const windowListeners: Listener[] = [];

/** Must run before the library loads (it is imported first by the tests that drive the library). */
export function installStandInWindow(): void {
    if ((globalThis as { window?: unknown }).window) return;
    (globalThis as { window?: unknown }).window = {
        addEventListener: (type: string, fn: Listener) => {
            if (type === 'message') windowListeners.push(fn);
        },
        removeEventListener: (_type: string, fn: Listener) => {
            const at = windowListeners.indexOf(fn);
            if (at >= 0) windowListeners.splice(at, 1);
        }
    };
}
installStandInWindow();

export interface HostMessage {
    type: string;
    payload?: { telephonyEventType?: string; telephonyEventPayload?: unknown; [key: string]: unknown };
}
export interface DispatchedEvent {
    type: string;
    payload: unknown;
}

/** A payload as JSON sees it (undefined fields dropped), for exact comparisons. */
const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** Lets every pending macrotask (ports, fake gateway, deferred releases) run, several rounds deep. */
export async function drain(rounds = 12): Promise<void> {
    // Two passes: the connector releases in-flight entries and starts after-call work on setTimeout(0).
    for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * What crossed the port, in order: messages Salesforce sent, the library starting to handle one (its LOG echo,
 * posted just before it calls the connector method: from then on the request is in flight), and the telephony
 * events Salesforce received.
 */
export type TimelineEntry =
    { readonly sent: string } | { readonly handled: string } | { readonly event: DispatchedEvent };

/** The LOG the library posts for every inbound message before handling it: its payload is the message itself. */
function echoedType(m: HostMessage): string | undefined {
    if (m.type !== 'LOG') return undefined;
    const log = m.payload as { eventType?: unknown; payload?: { type?: unknown }; isError?: unknown } | undefined;
    return log?.isError === false && typeof log.eventType === 'string' && log.payload?.type === log.eventType
        ? log.eventType
        : undefined;
}

function toEvent(m: HostMessage): DispatchedEvent {
    return { type: m.payload!.telephonyEventType!, payload: plain(m.payload!.telephonyEventPayload) };
}

export class SalesforceHost {
    readonly received: HostMessage[] = [];
    readonly #timeline: TimelineEntry[] = [];
    #port: MessagePort | undefined;
    #connectorPort: MessagePort | undefined;

    /** Hands the connector its port, as Salesforce does when it loads the connector's iframe. */
    handshake(connectorConfig: Record<string, unknown>, origin = 'https://acme.lightning.force.com'): void {
        const listener = windowListeners[windowListeners.length - 1];
        if (!listener) throw new Error('initializeConnector() has not registered its window listener');
        const { port1, port2 } = new MessageChannel();
        this.#port = port1;
        this.#connectorPort = port2;
        port1.on('message', (data: HostMessage) => {
            this.received.push(data);
            if (data.type === 'TELEPHONY_EVENT_DISPATCHED') this.#timeline.push({ event: toEvent(data) });
            const handled = echoedType(data);
            if (handled) this.#timeline.push({ handled });
        });
        void listener({ data: { type: 'SETUP_CONNECTOR', connectorConfig }, origin, ports: [port2] });
    }

    send(message: Record<string, unknown>): void {
        if (!this.#port) throw new Error('no handshake yet');
        this.#timeline.push({ sent: String(message.type) });
        this.#port.postMessage(message);
    }

    /** Requests sent, handled, and events received, interleaved in the order they happened. */
    timeline(): readonly TimelineEntry[] {
        return this.#timeline;
    }

    /** Telephony events and errors, in order, without the library's LOG echoes. */
    events(): DispatchedEvent[] {
        return this.received.filter((m) => m.type === 'TELEPHONY_EVENT_DISPATCHED').map(toEvent);
    }

    eventTypes(): string[] {
        return this.events().map((e) => e.type);
    }

    /** Forget what was received so far (assert on what the next action produces). */
    clear(): void {
        this.received.length = 0;
        this.#timeline.length = 0;
    }

    close(): void {
        this.#port?.close();
        this.#connectorPort?.close();
        this.#port = this.#connectorPort = undefined;
    }
}
