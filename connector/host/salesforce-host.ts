// Salesforce's end of the connector's wire protocol (connector-sdk.md §7): the host sends method messages on the
// port SETUP_CONNECTOR handed over, and reads what comes back — CONNECTOR_READY, telephony events, and the LOG the
// library echoes for every message it starts to handle. One implementation for both places Salesforce is played:
// the connector's tests in Node (a worker_threads MessagePort) and the workbench page in a browser (a MessagePort
// handed into the connector's iframe). The handshake itself differs between the two and stays with each.

/** The part of a MessagePort the host needs (browser and Node ports both have it). */
export interface HostPort {
    postMessage(message: unknown): void;
    close(): void;
}

export interface HostMessage {
    type: string;
    payload?: { telephonyEventType?: string; telephonyEventPayload?: unknown; [key: string]: unknown };
}

export interface DispatchedEvent {
    type: string;
    payload: unknown;
}

/**
 * What crossed the port, in order: messages Salesforce sent, the library starting to handle one (its LOG echo,
 * posted just before it calls the connector method: from then on the request is in flight), and the telephony
 * events Salesforce received.
 */
export type TimelineEntry =
    { readonly sent: string } | { readonly handled: string } | { readonly event: DispatchedEvent };

/** A payload as JSON sees it (undefined fields dropped), for exact comparisons. */
const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** The message type a LOG echoes, when it is the library's echo of an inbound message (§7.5); else undefined. */
export function echoedType(m: HostMessage): string | undefined {
    if (m.type !== 'LOG') return undefined;
    const log = m.payload as { eventType?: unknown; payload?: { type?: unknown }; isError?: unknown } | undefined;
    return log?.isError === false && typeof log.eventType === 'string' && log.payload?.type === log.eventType
        ? log.eventType
        : undefined;
}

/** The telephony event a TELEPHONY_EVENT_DISPATCHED message carries. */
export function toEvent(m: HostMessage): DispatchedEvent {
    return { type: m.payload?.telephonyEventType ?? '', payload: plain(m.payload?.telephonyEventPayload) };
}

/** The HANGUP payload's calls: Salesforce gets an object from some paths and an array from others (§5.6). */
export function hangupCalls(payload: unknown): Record<string, unknown>[] {
    const list = Array.isArray(payload) ? payload : [payload];
    return list.filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null);
}

export type HostListener = (message: HostMessage, direction: 'in' | 'out') => void;

export class SalesforceHost {
    readonly received: HostMessage[] = [];
    readonly #timeline: TimelineEntry[] = [];
    readonly #listeners = new Set<HostListener>();
    #port: HostPort | undefined;

    /** Takes the host's end of the channel whose other end went to the connector with SETUP_CONNECTOR. */
    protected attach(port: HostPort): void {
        this.#port?.close();
        this.#port = port;
    }

    /** The environment's port listener calls this for every message the connector posts. */
    protected receive(data: HostMessage): void {
        this.received.push(data);
        if (data.type === 'TELEPHONY_EVENT_DISPATCHED') this.#timeline.push({ event: toEvent(data) });
        const handled = echoedType(data);
        if (handled) this.#timeline.push({ handled });
        for (const listener of this.#listeners) listener(data, 'in');
    }

    /** Every message both ways, as it happens (the workbench's protocol log). Returns the unsubscribe. */
    observe(listener: HostListener): () => void {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
    }

    get connected(): boolean {
        return this.#port !== undefined;
    }

    send(message: Record<string, unknown>): void {
        if (!this.#port) throw new Error('no handshake yet');
        this.#timeline.push({ sent: String(message.type) });
        this.#port.postMessage(message);
        for (const listener of this.#listeners) listener(message as unknown as HostMessage, 'out');
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
        this.#port = undefined;
    }
}
