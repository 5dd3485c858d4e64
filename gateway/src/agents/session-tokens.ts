// Agents' session tokens: short-lived signed JWTs (HS256, jose). The connector presents one to reconnect and renews
// it before it expires; the gateway checks it when a connection opens and again before every action, so a token that
// ran out stops working at once, not at the next reconnect.
import { createHash, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export interface SessionClaims {
    agentId: string;
    sessionId: string;
    /** Epoch ms. */
    expiresAt: number;
}

export class SessionTokens {
    readonly #key: Uint8Array;
    readonly #ttlMs: number;
    readonly #now: () => number;

    constructor(secret: string, ttlSeconds: number, now: () => number = Date.now) {
        this.#key = createHash('sha256').update(secret).digest();
        this.#ttlMs = ttlSeconds * 1000;
        this.#now = now;
    }

    async issue(agentId: string, sessionId: string = randomUUID()): Promise<{ token: string } & SessionClaims> {
        const now = this.#now();
        const expiresAt = now + this.#ttlMs;
        const token = await new SignJWT({ sid: sessionId })
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
            .setSubject(agentId)
            .setIssuedAt(Math.floor(now / 1000))
            .setExpirationTime(Math.floor(expiresAt / 1000))
            .setAudience('switchboard-agent-channel')
            .sign(this.#key);
        return { token, agentId, sessionId, expiresAt: Math.floor(expiresAt / 1000) * 1000 };
    }

    /** The claims of a valid token, or a reason it is not valid. */
    async verify(token: string): Promise<SessionClaims | { invalid: string }> {
        try {
            const { payload } = await jwtVerify(token, this.#key, {
                algorithms: ['HS256'],
                audience: 'switchboard-agent-channel',
                currentDate: new Date(this.#now())
            });
            if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number')
                return { invalid: 'the session token lacks its claims' };
            return { agentId: payload.sub, sessionId: payload.sid, expiresAt: payload.exp * 1000 };
        } catch (error) {
            if (error instanceof errors.JWTExpired) return { invalid: 'the session has expired: sign in again' };
            return { invalid: 'the session token is not valid: sign in again' };
        }
    }
}

/** An agent account of the gateway: who may sign in, and who they are in Salesforce. */
export interface AgentAccount {
    agentId: string;
    username: string;
    displayName: string;
    /** `scrypt:<salt hex>:<hash hex>`, made by `hashPassword`. */
    passwordHash: string;
    /** The Salesforce username (sent to Salesforce as the call's agent), and the user id the contact center reports. */
    salesforceUsername?: string;
    salesforceUserId?: string;
    /** Agents whose calls this agent may supervise. */
    supervises?: string[];
}

export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
    return `scrypt:${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

function checkPassword(password: string, stored: string): boolean {
    const [scheme, saltHex, hashHex] = stored.split(':');
    if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
    const expected = Buffer.from(hashHex, 'hex');
    const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length);
    return timingSafeEqual(actual, expected);
}

export class AgentDirectory {
    readonly #byUsername = new Map<string, AgentAccount>();
    readonly #byId = new Map<string, AgentAccount>();

    constructor(accounts: readonly AgentAccount[]) {
        for (const account of accounts) {
            this.#byUsername.set(account.username.toLowerCase(), account);
            this.#byId.set(account.agentId, account);
        }
    }

    get(agentId: string): AgentAccount | undefined {
        return this.#byId.get(agentId);
    }

    /** The account for these credentials, or undefined; the same answer time whether the user exists or not. */
    authenticate(username: string, password: string): AgentAccount | undefined {
        const account = this.#byUsername.get(username.toLowerCase());
        const ok = checkPassword(password, account?.passwordHash ?? DUMMY_HASH);
        return ok && account ? account : undefined;
    }

    get size(): number {
        return this.#byId.size;
    }
}

const DUMMY_HASH = hashPassword('not a password', Buffer.alloc(16));
