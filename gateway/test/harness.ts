// A whole gateway on loopback for the tests: SQLite in a temporary folder, the Telephony Integration API emulator,
// the real client with a real key pair, the simulated carrier posting signed HTTP, and a raw agent-channel client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import {
    AGENT_CHANNEL_PROTOCOL,
    AGENT_CHANNEL_VERSION,
    decodeServerFrame,
    encodeClientFrame,
    type ClientFrame,
    type ServerFrame
} from '@switchboard/contracts';
import { CarrierClient } from '../src/carrier/carrier-client.js';
import { SimulatedCarrier } from '../src/carrier/simulated-carrier.js';
import { DEMO_AGENTS } from '../src/config.js';
import { GatewayMetrics } from '../src/metrics.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { hashPassword } from '../src/agents/session-tokens.js';
import { createTelephonyApiEmulator, type TelephonyApiEmulator } from '../src/salesforce/emulator.js';
import { loadOrCreateDevKeyPair } from '../src/salesforce/keys.js';
import { TelephonyApiClient } from '../src/salesforce/telephony-api-client.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { REDACTED_PATHS } from '../src/redaction.js';

export const CARRIER_SECRET = 'test-carrier-secret-0123456789abcdef-0123456789';
export const SESSION_SECRET = 'test-session-secret-0123456789abcdef-0123456789';
export const ORG_ID = '00D000000000001AAA';
export const CALL_CENTER = 'SwitchboardContactCenter';

export interface Harness {
    gateway: Gateway;
    emulator: TelephonyApiEmulator;
    carrier: SimulatedCarrier;
    carrierClient: CarrierClient;
    url: string;
    logLines: string[];
    close(): Promise<void>;
}

export interface HarnessOptions {
    sessionTtlSeconds?: number;
    now?: () => number;
    /** Agents' Salesforce usernames are `<username>@<this>`; default example.com. */
    salesforceDomain?: string;
    /** The Salesforce user id the contact center reports, per agent id (the gateway checks it at sign-in). */
    salesforceUserIds?: Record<string, string>;
    /** Agents besides the demo ones (e.g. a supervisor of nobody). */
    extraAgents?: { agentId: string; username: string; displayName: string; password: string; supervises?: string[] }[];
    /** The gateway's store (closed with it); default SQLite in the harness's folder. Several harnesses may share one. */
    store?: Store;
}

/** Also used by the connector's test against the real gateway: one way to stand the whole gateway up in a test. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-gateway-'));
    const keys = await loadOrCreateDevKeyPair(dir);
    const emulator = createTelephonyApiEmulator({
        ...(keys.certificatePem ? { certificatePem: keys.certificatePem } : { publicKey: keys.publicKey }),
        orgId: ORG_ID,
        callCenterApiName: CALL_CENTER,
        routing: () => ({ agent: 'agent-ada', queue: 'queue-support' })
    });
    const emulatorUrl = await emulator.app.listen({ host: '127.0.0.1', port: 0 });
    const logLines: string[] = [];
    const logger = pino(
        { level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
        {
            write: (line: string) => {
                logLines.push(line);
                if (process.env.GATEWAY_TEST_LOG) process.stderr.write(line);
            }
        }
    );
    const metrics = new GatewayMetrics();
    const link: { carrierClient?: CarrierClient } = {};
    const carrier = new SimulatedCarrier({
        // A real platform's webhook: signed HTTP, retried on 5xx; anything but 202 is a broken test.
        sink: async (events) => {
            const answer = await link.carrierClient!.deliver(events);
            if (answer.status !== 202)
                throw new Error(`the gateway refused carrier events: ${JSON.stringify(answer.body)}`);
        }
    });
    const gateway = await createGateway({
        store: options.store ?? openSqliteStore(join(dir, 'gateway.sqlite')),
        api: new TelephonyApiClient({
            baseUrl: `${emulatorUrl}/telephony/v1`,
            orgId: ORG_ID,
            callCenterApiName: CALL_CENTER,
            privateKey: keys.privateKey,
            providerName: 'Switchboard tests',
            onAttempt: metrics.recordAttempt,
            baseDelayMs: 5,
            maxDelayMs: 50
        }),
        adapter: carrier,
        logger,
        metrics,
        callCenterApiName: CALL_CENTER,
        carrier: { secrets: [CARRIER_SECRET], toleranceSeconds: 300, bodyLimitBytes: 64 * 1024 },
        agents: {
            sessionSecret: SESSION_SECRET,
            sessionTtlSeconds: options.sessionTtlSeconds ?? 900,
            accounts: [...DEMO_AGENTS, ...(options.extraAgents ?? [])].map(({ password, ...a }) => ({
                ...a,
                salesforceUsername: `${a.username}@${options.salesforceDomain ?? 'example.com'}`,
                ...(options.salesforceUserIds?.[a.agentId]
                    ? { salesforceUserId: options.salesforceUserIds[a.agentId] }
                    : {}),
                passwordHash: hashPassword(password)
            }))
        },
        outbox: { concurrency: 16, backoff: { baseMs: 100, maxMs: 1000 } },
        ...(options.now ? { now: options.now } : {})
    });
    const url = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
    const carrierClient = new CarrierClient(`${url}/carrier/events`, CARRIER_SECRET);
    link.carrierClient = carrierClient;
    gateway.start();
    return {
        gateway,
        emulator,
        carrier,
        carrierClient,
        url,
        logLines,
        close: async () => {
            carrier.close();
            await gateway.close();
            await emulator.app.close();
            rmSync(dir, { recursive: true, force: true });
        }
    };
}

/** Polls until `check` holds (bounded). */
export async function eventually<T>(
    check: () => T | undefined | Promise<T | undefined>,
    what: string,
    timeoutMs = 5000
): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await check();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

/** A raw agent-channel client over a real WebSocket: what a connector sends, without the connector. */
export class TestAgent {
    readonly frames: ServerFrame[] = [];
    socket!: WebSocket;
    closed = false;
    #next = 1;

    constructor(readonly url: string) {}

    async connect(): Promise<void> {
        this.socket = new WebSocket(`${this.url.replace(/^http/, 'ws')}/agent-channel`);
        this.closed = false;
        this.socket.on('message', (data: Buffer) => {
            const frame = decodeServerFrame(data.toString('utf8'));
            if (frame.kind !== 'unknown') this.frames.push(frame);
        });
        this.socket.on('close', () => (this.closed = true));
        await new Promise<void>((resolve, reject) => {
            this.socket.once('open', () => resolve());
            this.socket.once('error', reject);
        });
    }

    sendRaw(text: string | Buffer): void {
        this.socket.send(text);
    }

    send(frame: ClientFrame): void {
        this.socket.send(encodeClientFrame(frame));
    }

    async signIn(
        credential: Extract<ClientFrame, { kind: 'hello' }>['credential'],
        extra: Record<string, unknown> = {}
    ): Promise<ServerFrame> {
        const from = this.frames.length;
        this.send({
            kind: 'hello',
            protocol: AGENT_CHANNEL_PROTOCOL,
            version: AGENT_CHANNEL_VERSION,
            credential,
            client: { name: 'gateway-tests', version: '1' },
            ...extra
        });
        return eventually(
            () => this.frames.slice(from).find((f) => f.kind === 'welcome' || f.kind === 'rejected'),
            'welcome'
        );
    }

    async request(command: string, params: Record<string, unknown>): Promise<ServerFrame & { kind: 'reply' }> {
        const id = `r${this.#next++}`;
        this.send({ kind: 'request', id, command, params } as ClientFrame);
        return eventually(
            () => this.frames.find((f): f is ServerFrame & { kind: 'reply' } => f.kind === 'reply' && f.id === id),
            `reply to ${command}`
        );
    }

    events(): (ServerFrame & { kind: 'event' })[] {
        return this.frames.filter((f): f is ServerFrame & { kind: 'event' } => f.kind === 'event');
    }

    async waitForEvent(type: string, from = 0): Promise<ServerFrame & { kind: 'event' }> {
        return eventually(
            () =>
                this.events()
                    .slice(from)
                    .find((f) => f.event.type === type),
            `event ${type}`
        );
    }

    close(): void {
        this.socket.close();
    }

    /** Drops the TCP connection without a closing handshake (network loss). */
    drop(): void {
        this.socket.terminate();
    }
}
