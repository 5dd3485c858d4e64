// DTMF digits are what a caller keys in at a prompt: card numbers, PINs. They go to the gateway, which plays them, and
// nowhere else: not into this connector's log, not into the library's. scv-connector-base 3.6.2 logs every message it
// handles, SEND_DIGITS with its `digits`, and posts that LOG to Salesforce on the port; its own sanitiser removes
// phone numbers and names, not digits (connector-sdk.md §7.5). So the connector redacts the LOG messages on their way
// out of the port, and the library's log buffer when the agent downloads it.

export const REDACTED = '[redacted]';

/**
 * A copy of `value` with the value of every `digits` key, at any depth, replaced; and the payload of a SEND_DIGITS log
 * entry when it is bare text (the library logs a refused SEND_DIGITS as `{eventType, payload: <the digits>}`).
 */
export function redactDigits<T>(value: T, depth = 0): T {
    if (typeof value === 'string') return redactText(value) as T;
    if (typeof value !== 'object' || value === null || depth > 32) return value;
    if (Array.isArray(value)) return value.map((v: unknown) => redactDigits(v, depth + 1)) as T;
    const sendDigits = (value as { eventType?: unknown }).eventType === 'SEND_DIGITS';
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value))
        out[key] =
            key === 'digits' || (sendDigits && key === 'payload' && typeof v !== 'object')
                ? REDACTED
                : redactDigits(v, depth + 1);
    return out as T;
}

/** The same, in text that holds JSON: the library's log buffer keeps lines like `<time>|INFO|SYSTEM|{...}`. */
export function redactText(text: string): string {
    if (!text.includes('digits') && !text.includes('SEND_DIGITS')) return text;
    return text
        .replace(/("digits"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`)
        .replace(/("eventType"\s*:\s*"SEND_DIGITS"\s*,\s*"payload"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`);
}

interface Port {
    postMessage(message: unknown): void;
}

/**
 * Every LOG the library posts on `port` about SEND_DIGITS (its echo, its error) goes out with the digits redacted;
 * other messages are untouched (no copy: the library logs every message and event).
 */
function redactLogsOn(port: Port): void {
    const post = port.postMessage.bind(port);
    port.postMessage = (message: unknown) => {
        const m = message as { type?: unknown; payload?: { eventType?: unknown } } | null;
        post(m?.type === 'LOG' && m.payload?.eventType === 'SEND_DIGITS' ? redactDigits(message) : message);
    };
}

interface MessageTarget {
    addEventListener(type: 'message', listener: (event: unknown) => void): void;
    removeEventListener(type: 'message', listener: (event: unknown) => void): void;
}

/**
 * Watches for Salesforce's SETUP_CONNECTOR and redacts the port it hands over before the library uses it. Install
 * before `initializeConnector()`: window listeners run in the order they were added. One-shot, as the library's.
 */
export function installLogRedaction(target: MessageTarget): void {
    const listener = logRedactionListener(() => target.removeEventListener('message', listener));
    target.addEventListener('message', listener);
}

/** The window listener itself: redacts the port of the first SETUP_CONNECTOR message, then calls `done`. */
export function logRedactionListener(done: () => void = () => undefined): (event: unknown) => void {
    let installed = false;
    return (event) => {
        const e = event as { data?: { type?: unknown }; ports?: readonly Port[] } | null;
        const port = e?.ports?.[0];
        if (installed || e?.data?.type !== 'SETUP_CONNECTOR' || !port) return;
        installed = true;
        redactLogsOn(port);
        done();
    };
}
