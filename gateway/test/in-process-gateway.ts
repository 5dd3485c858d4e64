// The real gateway in this process, without a port: the memory store, the simulated carrier as its telephony (its own
// events going straight into the pipeline, as a carrier adapter in the same process would), and a Telephony
// Integration API that accepts every job. Agents reach it through `openAgentChannel`, the same AgentChannelServer the
// WebSocket route feeds. The connector's tests use it as their gateway: one implementation, no fake beside it.
import type { CallSnapshot, TelephonyEvent } from '@switchboard/contracts';
import pino from 'pino';
import { type AgentConnectionHandle, type AgentSocket } from '../src/agents/agent-channel-server.js';
import { hashPassword, SessionTokens } from '../src/agents/session-tokens.js';
import { SimulatedCarrier, type SimulatedCarrierOptions } from '../src/carrier/simulated-carrier.js';
import { DEMO_AGENTS } from '../src/config.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import type { SalesforceJobResult, TelephonyApi } from '../src/salesforce/telephony-api.js';
import { createMemoryStore, type MemoryStore } from '../src/store/memory-store.js';
import { toSnapshot } from '../src/telephony/call-ledger.js';
import { toLedgerCall } from '../src/telephony/event-pipeline.js';

export const IN_PROCESS_SESSION_SECRET = 'in-process-session-secret-0123456789abcdef-0123';
export const IN_PROCESS_CALL_CENTER = 'SwitchboardContactCenter';

export interface InProcessGatewayOptions {
    /** The gateway's clock (session expiry); the carrier keeps real time. */
    now?: () => number;
    sessionTtlSeconds?: number;
    capabilities?: SimulatedCarrierOptions['capabilities'];
}

export interface InProcessGateway {
    gateway: Gateway;
    carrier: SimulatedCarrier;
    store: MemoryStore;
    /** Session tokens as this gateway issues and checks them (same secret, same clock). */
    tokens: SessionTokens;
    /** One agent-channel connection: frames in through the handle, frames out through `socket`. */
    openAgentChannel(socket: AgentSocket): AgentConnectionHandle;
    /** The agent's calls as the gateway would put them in a snapshot, oldest first. */
    liveCalls(agentId: string): Promise<CallSnapshot[]>;
    /** Every event the gateway committed for the agent, in sequence order. */
    agentEvents(agentId: string): Promise<{ seq: number; event: TelephonyEvent; causedBy?: string }[]>;
    /** Commits an event the gateway itself tells an agent (as it tells a Salesforce failure), numbered and kept. */
    tell(agentId: string, event: TelephonyEvent): Promise<void>;
    close(): Promise<void>;
}

/** A Salesforce that takes every job: these tests look at the agent channel, not at what Salesforce records. */
const acceptingApi: TelephonyApi = {
    send: (job) =>
        Promise.resolve<SalesforceJobResult>({
            status: job.kind === 'createVoiceCall' ? 201 : 200,
            ...(job.kind === 'createVoiceCall' ? { voiceCallId: `0LQ${job.callKey}` } : {})
        })
};

export async function startInProcessGateway(options: InProcessGatewayOptions = {}): Promise<InProcessGateway> {
    const store = createMemoryStore();
    const sessionTtlSeconds = options.sessionTtlSeconds ?? 900;
    const link: { gateway?: Gateway } = {};
    const carrier = new SimulatedCarrier({
        sink: async (events) => {
            const results = await link.gateway!.pipeline.submit(events);
            const rejected = results.find((r) => r.status === 'rejected');
            if (rejected) throw new Error(`the gateway rejected a carrier event: ${JSON.stringify(rejected)}`);
        },
        ...(options.capabilities ? { capabilities: options.capabilities } : {})
    });
    const gateway = await createGateway({
        store,
        api: acceptingApi,
        adapter: carrier,
        logger: pino({ level: process.env.GATEWAY_TEST_LOG ? 'info' : 'silent' }),
        callCenterApiName: IN_PROCESS_CALL_CENTER,
        carrier: {
            secrets: ['in-process-carrier-secret-0123456789abcdef'],
            toleranceSeconds: 300,
            bodyLimitBytes: 65536
        },
        agents: {
            sessionSecret: IN_PROCESS_SESSION_SECRET,
            sessionTtlSeconds,
            accounts: DEMO_AGENTS.map(({ password, ...a }) => ({
                ...a,
                salesforceUsername: `${a.username}@example.com`,
                passwordHash: hashPassword(password)
            }))
        },
        outbox: { concurrency: 4, backoff: { baseMs: 10, maxMs: 100 } },
        ...(options.now ? { now: options.now } : {})
    });
    link.gateway = gateway;
    gateway.start();
    return {
        gateway,
        carrier,
        store,
        tokens: new SessionTokens(IN_PROCESS_SESSION_SECRET, sessionTtlSeconds, options.now),
        openAgentChannel: (socket) => gateway.agents.open(socket),
        liveCalls: async (agentId) =>
            (await store.liveCallsOfAgent(agentId))
                .map((r) => toSnapshot(toLedgerCall(r)))
                .sort((a, b) => a.startedAt - b.startedAt),
        agentEvents: async (agentId) =>
            ((await store.agentEventsAfter(agentId, 0, 1_000_000)) ?? []).map((r) => ({
                seq: r.seq,
                event: r.event,
                ...(r.causedBy ? { causedBy: r.causedBy } : {})
            })),
        tell: async (agentId, event) => {
            await gateway.pipeline.submit([], undefined, [{ agentId, event }]);
        },
        close: async () => {
            carrier.close();
            await gateway.close();
        }
    };
}
