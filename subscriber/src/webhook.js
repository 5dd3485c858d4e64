// POSTs call events to a webhook, the way Open CTI adapters used to call external systems on each call change. A
// failure that may pass (network, timeout, 429, 5xx) is retried with a growing pause; any other answer is final.
import { createHmac } from 'node:crypto';

/** A POST the webhook refused or that kept failing: the subscriber stops so no event is skipped. */
class WebhookError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'WebhookError';
    }
}

/**
 * @param {object} options
 * @param {string} options.url the webhook
 * @param {string} [options.secret] HMAC-SHA256 key: each POST carries X-Switchboard-Signature: sha256=<hex of the body>
 * @param {number} [options.attempts] tries per event (default 5)
 * @param {number} [options.timeoutMs] per try (default 10 s)
 * @param {number} [options.firstPauseMs] pause after the first failure, doubled after each (default 500 ms)
 * @param {typeof fetch} [options.fetch] the HTTP client (tests)
 * @returns {(event: import('./call-event.js').CallEvent) => Promise<void>}
 */
export function webhookSender({
    url,
    secret,
    attempts = 5,
    timeoutMs = 10_000,
    firstPauseMs = 500,
    fetch = globalThis.fetch
}) {
    return async function send(event) {
        const body = JSON.stringify(event);
        const headers = { 'content-type': 'application/json', 'user-agent': 'switchboard-subscriber' };
        if (secret)
            headers['x-switchboard-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
        // A receiver can drop a repeat (after a restart the last event may come again). The Pub/Sub event id is unique;
        // the replay ID is unique on the channel except across org migrations (Pub/Sub API guide).
        headers['idempotency-key'] = event.eventId ?? `replay-${event.replayId}`;
        let failure;
        for (let attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) await pause(firstPauseMs * 2 ** (attempt - 2));
            let response;
            try {
                response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
                await response.arrayBuffer();
            } catch (error) {
                failure = new WebhookError(`POST for replay ID ${event.replayId} failed: ${error.message}`, {
                    cause: error
                });
                continue;
            }
            if (response.ok) return;
            failure = new WebhookError(`the webhook answered HTTP ${response.status} for replay ID ${event.replayId}`);
            if (response.status !== 429 && response.status < 500) throw failure;
        }
        throw new WebhookError(`${failure.message} (gave up after ${attempts} tries)`, { cause: failure.cause });
    };
}

function pause(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
