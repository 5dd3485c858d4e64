// Sends carrier events to a gateway as a telephony platform must: a JSON POST signed with the shared HMAC secret.
// The simulated carrier, the tests and the benchmark use it; a real platform's adapter does the same in its language.
import { Agent, request } from 'undici';
import { SIGNATURE_HEADER, signPayload } from './signature.js';
import type { CarrierEvent } from './carrier-event.js';

export interface CarrierPostResult {
    status: number;
    body: unknown;
}

export class CarrierClient {
    /** Pooled keep-alive connections: a carrier posts thousands of events a second. */
    readonly #dispatcher = new Agent({ connections: 16, keepAliveTimeout: 10_000 });

    constructor(
        readonly url: string,
        readonly secret: string,
        readonly now: () => number = Date.now
    ) {}

    /** Posts one event or a batch; resolves with the gateway's answer (it does not throw on 4xx/5xx). */
    async post(events: CarrierEvent | CarrierEvent[], signal?: AbortSignal): Promise<CarrierPostResult> {
        const body = JSON.stringify(Array.isArray(events) ? { events } : events);
        const response = await request(this.url, {
            method: 'POST',
            headers: {
                'content-type': 'application/json',
                [SIGNATURE_HEADER]: signPayload(this.secret, Math.floor(this.now() / 1000), body)
            },
            body,
            dispatcher: this.#dispatcher,
            ...(signal ? { signal } : {})
        });
        const text = await response.body.text();
        let parsed: unknown = text;
        try {
            parsed = JSON.parse(text);
        } catch {
            // not JSON: keep the text
        }
        return { status: response.statusCode, body: parsed };
    }

    close(): Promise<void> {
        return this.#dispatcher.close();
    }

    /** Posts and retries on 5xx and network errors until accepted, as a carrier's webhook delivery does. */
    async deliver(events: CarrierEvent[], attempts = 20): Promise<CarrierPostResult> {
        let last: unknown;
        for (let attempt = 0; attempt < attempts; attempt++) {
            try {
                const result = await this.post(events);
                if (result.status < 500) return result;
                last = new Error(`gateway answered ${result.status}`);
            } catch (error) {
                last = error;
            }
            await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
        }
        throw new Error(`carrier events not delivered after ${attempts} attempts: ${String(last)}`);
    }
}
