// Carrier webhook signatures: HMAC-SHA256 over `<timestamp>.<raw body>`, sent as
//   Switchboard-Signature: t=<unix seconds>,v1=<hex digest>[,v1=<hex digest>...]
// The timestamp binds the body to a moment, so a captured request cannot be replayed after the window; within the
// window a replay carries a signature already seen and is refused too. Several v1 values and several secrets let a
// carrier and the gateway rotate secrets without downtime. Digests are compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'switchboard-signature';

export interface SignatureOptions {
    /** Accepted secrets, newest first (at least 32 bytes each). */
    secrets: readonly string[];
    /** How far the timestamp may be from now, either way. */
    toleranceSeconds: number;
    now?: () => number;
}

export type SignatureCheck = { ok: true; digest: string } | { ok: false; reason: string };

export function signPayload(secret: string, timestampSeconds: number, body: Buffer | string): string {
    const digest = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
    return `t=${timestampSeconds},v1=${digest}`;
}

function parseHeader(header: string): { timestamp: number; digests: string[] } | undefined {
    let timestamp: number | undefined;
    const digests: string[] = [];
    for (const part of header.split(',')) {
        const [key, value] = part.trim().split('=', 2);
        if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
        else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) digests.push(value);
    }
    return timestamp === undefined || digests.length === 0 ? undefined : { timestamp, digests };
}

/**
 * Verifies one request. Replays within the window are caught by the caller's `ReplayGuard` (keyed by the digest this
 * returns), apart from this pure check.
 */
export function verifySignature(header: string | undefined, body: Buffer, options: SignatureOptions): SignatureCheck {
    if (!header) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
    const parsed = parseHeader(header);
    if (!parsed) return { ok: false, reason: `malformed ${SIGNATURE_HEADER} header: expected t=<seconds>,v1=<hex>` };
    const now = Math.floor((options.now?.() ?? Date.now()) / 1000);
    if (Math.abs(now - parsed.timestamp) > options.toleranceSeconds)
        return {
            ok: false,
            reason: `signature timestamp is ${now - parsed.timestamp} s from the gateway's clock (window ±${options.toleranceSeconds} s): check the carrier's clock`
        };
    for (const secret of options.secrets) {
        const expected = Buffer.from(
            createHmac('sha256', secret).update(`${parsed.timestamp}.`).update(body).digest('hex'),
            'utf8'
        );
        for (const digest of parsed.digests) {
            const given = Buffer.from(digest, 'utf8');
            if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true, digest };
        }
    }
    return { ok: false, reason: 'signature does not match the body with any configured secret' };
}

/** Remembers the digests accepted within the tolerance window; a second request with the same digest is a replay. */
export class ReplayGuard {
    readonly #seen = new Map<string, number>();
    readonly #windowMs: number;
    readonly #now: () => number;

    constructor(toleranceSeconds: number, now: () => number = Date.now) {
        // A timestamp may be up to `tolerance` in the future, so a digest must be remembered for twice the window.
        this.#windowMs = 2 * toleranceSeconds * 1000;
        this.#now = now;
    }

    /** Returns false when the digest was seen within the window. */
    accept(digest: string): boolean {
        const now = this.#now();
        // Insertion order is time order, so expired digests are all at the front.
        for (const [seenDigest, seenAt] of this.#seen) {
            if (now - seenAt <= this.#windowMs) break;
            this.#seen.delete(seenDigest);
        }
        const at = this.#seen.get(digest);
        if (at !== undefined && now - at <= this.#windowMs) return false;
        this.#seen.set(digest, now);
        return true;
    }

    /**
     * Forgets an accepted digest whose events were not stored: the carrier's retry of the same signed request must
     * get in, or a 503 would turn into a 401 and the events would be lost.
     */
    release(digest: string): void {
        this.#seen.delete(digest);
    }
}
