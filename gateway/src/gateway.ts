// createGateway(): the whole gateway as one fastify instance, built but not listening, so tests inject requests and
// open sockets without a port while main.ts does the listening (fastify's split of app and server).
//
//   carrier ──POST /carrier/events──▶ EventPipeline ──commit──▶ Store ──▶ OutboxDispatcher ──▶ Telephony Integration API
//                                          │                              (per call, in order)
//   agent's connector ◀──/agent-channel── AgentChannelServer ◀── numbered agent events
//                     ──requests──▶ AgentCommands ──▶ CarrierAdapter.execute ──▶ EventPipeline (as echoes)
import websocket from '@fastify/websocket';
import { MAX_FRAME_BYTES, type TelephonyEvent } from '@switchboard/contracts';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { AgentChannelServer } from './agents/agent-channel-server.js';
import { AgentCommands } from './agents/agent-commands.js';
import { AgentDirectory, type AgentAccount, SessionTokens } from './agents/session-tokens.js';
import type { CarrierAdapter } from './carrier/carrier-adapter.js';
import { carrierRoutes } from './carrier/carrier-routes.js';
import { GatewayMetrics } from './metrics.js';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.js';
import type { SalesforceJob, TelephonyApi } from './salesforce/telephony-api.js';
import type { Store } from './store/store.js';
import { EventPipeline, toLedgerCall } from './telephony/event-pipeline.js';

export interface GatewayOptions {
    store: Store;
    api: TelephonyApi;
    adapter: CarrierAdapter;
    logger: FastifyBaseLogger;
    callCenterApiName: string;
    omniFlow?: { flowDevName?: string; fallbackQueue?: string };
    carrier: { secrets: readonly string[]; toleranceSeconds: number; bodyLimitBytes: number };
    agents: { accounts: readonly AgentAccount[]; sessionSecret: string; sessionTtlSeconds: number };
    outbox?: {
        concurrency?: number;
        leaseMs?: number;
        /** A send not answered after this long is given up and retried (default: leaseMs). */
        sendTimeoutMs?: number;
        maxJobAgeMs?: number;
        /** Rescheduling after a failed send: full jitter between 0 and min(maxMs, baseMs · 2^n). */
        backoff?: { baseMs: number; maxMs: number };
    };
    /** Pass the instance whose `recordAttempt` the Telephony Integration API client reports to. */
    metrics?: GatewayMetrics;
    now?: () => number;
}

export interface Gateway {
    app: FastifyInstance;
    pipeline: EventPipeline;
    agents: AgentChannelServer;
    dispatcher: OutboxDispatcher;
    metrics: GatewayMetrics;
    /** Starts the outbox; call after listen (or after ready() in tests). */
    start(): void;
    /** Stops taking work, lets in-flight Salesforce calls finish, closes sockets, the server and the store. */
    close(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
    const { store, adapter, logger } = options;
    const metrics = options.metrics ?? new GatewayMetrics();
    const directory = new AgentDirectory(options.agents.accounts);
    const tokens = new SessionTokens(options.agents.sessionSecret, options.agents.sessionTtlSeconds, options.now);
    // The pipeline is built first and delivers to the agents and kicks the outbox, which are built after it.
    const late: { agents?: AgentChannelServer; dispatcher?: OutboxDispatcher; commands?: AgentCommands } = {};

    const pipeline = new EventPipeline({
        store,
        context: {
            callCenterApiName: options.callCenterApiName,
            salesforceUsername: (agentId) => directory.get(agentId)?.salesforceUsername,
            ...(options.omniFlow ? { omniFlow: options.omniFlow } : {})
        },
        onCommitted: (records, jobs) => {
            late.commands?.observe(records);
            late.agents?.deliver(records);
            if (jobs > 0) late.dispatcher?.kick();
        }
    });

    /** Tells the call's agent that Salesforce has not got the call; the call itself goes on. */
    const reportToAgent = async (job: SalesforceJob, message: string): Promise<void> => {
        const record = (await store.loadCalls([job.callKey])).get(job.callKey);
        const agentId = record ? toLedgerCall(record).agentId : undefined;
        if (!agentId) return;
        const event = {
            type: 'salesforceSyncFailed',
            callId: job.callKey,
            operation: job.kind,
            message
        } as TelephonyEvent;
        await pipeline.submit([], undefined, [{ agentId, event }]);
    };

    const dispatcher = new OutboxDispatcher({
        store,
        api: options.api,
        logger,
        ...(options.outbox ?? {}),
        onResult: ({ job }, result) => {
            if (job.kind === 'createVoiceCall')
                logger.info({ callKey: job.callKey, voiceCallId: result.voiceCallId }, 'VoiceCall created');
            if (result.warnings?.length)
                logger.warn(
                    { callKey: job.callKey, kind: job.kind, warnings: result.warnings },
                    'Salesforce reported automation errors'
                );
            if (job.kind === 'executeOmniFlow' && adapter.route)
                adapter
                    .route(job.callKey, {
                        ...(result.agent ? { agent: result.agent } : {}),
                        ...(result.queue ? { queue: result.queue } : {})
                    })
                    .catch((error: unknown) =>
                        logger.error({ err: error, callKey: job.callKey }, 'routing the call failed')
                    );
        },
        onFailure: ({ job }, error, info) => {
            if (!info.final && !info.firstRoundExhausted) return;
            metrics.jobsFailed.inc({ kind: job.kind, final: String(info.final) });
            logger.error(
                { callKey: job.callKey, kind: job.kind, attempts: info.attempts, final: info.final, err: error },
                info.final ? 'Salesforce job given up' : 'Salesforce job failing; retrying in the background'
            );
            // Salesforce's resiliency guidance: when Create VoiceCall still fails after its retries, the call goes to
            // the agent anyway; the agent is told that Salesforce has no record of it yet.
            if (job.kind === 'createVoiceCall' || info.final)
                reportToAgent(job, error instanceof Error ? error.message : String(error)).catch((e: unknown) =>
                    logger.error({ err: e }, 'could not tell the agent about a Salesforce failure')
                );
        }
    });

    const commands = new AgentCommands({ store, pipeline, adapter, log: logger, directory });
    const agents = new AgentChannelServer({
        store,
        commands,
        directory,
        tokens,
        capabilities: adapter.capabilities,
        log: logger,
        ...(options.now ? { now: options.now } : {}),
        onConnectionsChanged: (n) => metrics.connectedAgents.set(n)
    });

    late.commands = commands;
    late.agents = agents;
    late.dispatcher = dispatcher;
    // Several instances on one store: events another instance commits for an agent connected here are read from
    // the store when it says so.
    const unwatch = store.watchAgentEvents
        ? await store.watchAgentEvents(
              ({ agentId, seq }) => agents.notice(agentId, seq),
              () => agents.resync()
          )
        : undefined;

    const app = Fastify({
        loggerInstance: logger,
        // One log line per request would drown the log at thousands of carrier events a second.
        logController: new LogController({ disableRequestLogging: true }),
        bodyLimit: options.carrier.bodyLimitBytes
    });
    await app.register(carrierRoutes, {
        pipeline,
        metrics,
        ...options.carrier,
        ...(options.now ? { now: options.now } : {})
    });
    // A frame over the protocol's limit still arrives, so the server can refuse it with a reason; the transport's own
    // limit sits above it only to protect memory.
    await app.register(websocket, { options: { maxPayload: 4 * MAX_FRAME_BYTES } });
    const channel = agents;
    app.get('/agent-channel', { websocket: true }, (socket) => {
        const handle = channel.open({
            send: (text) => {
                if (socket.readyState === socket.OPEN) socket.send(text);
            },
            close: (code, reason) => socket.close(code, reason)
        });
        socket.on('message', (data: Buffer) => handle.message(data.toString('utf8')));
        socket.on('close', () => handle.closed());
    });
    app.get('/healthz', (_request, reply) => reply.send({ status: 'ok' }));
    app.get('/readyz', async (_request, reply) => {
        try {
            const depth = await store.outboxDepth();
            return { status: 'ready', outboxDepth: depth, connectedAgents: channel.connectedAgents };
        } catch (error) {
            return reply.code(503).send({ status: 'not ready', reason: (error as Error).message });
        }
    });
    app.get('/metrics', async (_request, reply) => {
        metrics.outboxDepth.set(await store.outboxDepth());
        return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });

    const outbox = dispatcher;
    return {
        app,
        pipeline,
        agents: channel,
        dispatcher: outbox,
        metrics,
        start: () => outbox.start(),
        close: async () => {
            channel.closeAll('gateway shutting down');
            await app.close();
            await outbox.stop();
            await unwatch?.();
            await store.close();
        }
    };
}
