// `npm run gateway`: reads the configuration, opens the store, and listens. In development it also starts the
// Telephony Integration API emulator in place of Salesforce and the simulated carrier in place of a telephony
// platform, so the whole path runs on one machine. `npm run gateway -- hash-password` makes an agent's password hash.
import { createInterface } from 'node:readline/promises';
import { join } from 'node:path';
import pino from 'pino';
import { CarrierClient } from './carrier/carrier-client.js';
import { SimulatedCarrier } from './carrier/simulated-carrier.js';
import { ConfigError, DEMO_AGENTS, loadConfig } from './config.js';
import { GatewayMetrics } from './metrics.js';
import { createGateway } from './gateway.js';
import { hashPassword } from './agents/session-tokens.js';
import { createTelephonyApiEmulator } from './salesforce/emulator.js';
import { loadKeyPair, loadOrCreateDevKeyPair } from './salesforce/keys.js';
import { TelephonyApiClient } from './salesforce/telephony-api-client.js';
import type { Store } from './store/store.js';
import { REDACTED_PATHS } from './redaction.js';
import { registerSimulatorRoutes } from './carrier/simulator-routes.js';
import { EXIT_WITH_PARENT_ENV } from './gateway-child-process.js';
import { runCommandLine, usageFailure } from './command-line.js';

const COMMAND = {
    usage: 'npm run gateway -- [hash-password]',
    about: 'Starts the Partner Telephony gateway. In development it also starts the Telephony Integration API emulator\nand the simulated carrier, so the whole path runs on one machine.',
    positionals: true,
    options: {},
    footer: [
        'Commands:',
        '  (none)          start the gateway',
        "  hash-password   read a password and print its hash, for an agent's entry in the configuration",
        '',
        'Configuration: the JSON file named by SWITCHBOARD_CONFIG, overlaid by environment variables (gateway/README.md).'
    ].join('\n')
};

async function hashPasswordCommand(): Promise<void> {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const password = await rl.question('Password: ');
    rl.close();
    if (password.length < 12) throw new ConfigError('Use a password of at least 12 characters.');
    process.stdout.write(`${hashPassword(password)}\n`);
}

/** The store line of the banner: never the database password. */
function describeStore(store: {
    kind: string;
    path: string;
    url?: string | undefined;
    thread?: string | undefined;
}): string {
    if (store.kind === 'memory') return 'in memory';
    if (store.kind !== 'postgres')
        return `${store.path} (SQLite, ${store.thread === 'main' ? 'on the event loop' : 'on a thread of its own'})`;
    try {
        const url = new URL(store.url ?? '');
        return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname} (shared by every instance)`;
    } catch {
        return 'PostgreSQL';
    }
}

/** Only the chosen store's modules load (the PostgreSQL driver alone takes a noticeable part of a start). */
async function openStore(config: ReturnType<typeof loadConfig>, logger: pino.Logger): Promise<Store> {
    if (config.store.kind === 'postgres') {
        const { openPgStore } = await import('./store/pg-store.js');
        return openPgStore(config.store.url!, {
            ...(config.store.poolSize ? { poolSize: config.store.poolSize } : {}),
            onError: (error) => logger.warn({ err: error }, 'PostgreSQL connection lost; reconnecting')
        });
    }
    if (config.store.kind === 'memory') return (await import('./store/memory-store.js')).createMemoryStore();
    if (config.store.thread === 'main')
        return (await import('./store/sqlite-store.js')).openSqliteStore(config.store.path);
    const { openThreadedSqliteStore } = await import('./store/sqlite-store-thread.js');
    return openThreadedSqliteStore(config.store.path, {}, (error) => {
        // Nothing committed is lost; a supervisor (or the workbench) starts the gateway again.
        logger.fatal({ err: error }, 'the SQLite store thread stopped; exiting');
        process.exit(1);
    });
}

async function main(): Promise<void> {
    const [command, ...extra] = runCommandLine(COMMAND).positionals;
    if (extra.length || (command !== undefined && command !== 'hash-password'))
        usageFailure(`unknown command "${[command, ...extra].join(' ')}": the only one is hash-password`);
    if (command === 'hash-password') return hashPasswordCommand();
    const config = loadConfig();
    const logger = pino({ level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
    // Opened while the keys load and the emulator starts; awaited before anything uses it.
    const opening = openStore(config, logger);
    opening.catch(() => {});
    // Several instances share the outbox (PostgreSQL): the dispatcher's default lease, stated, so the send timeout
    // below applies to it too.
    const leaseMs = config.outbox?.leaseMs ?? (config.store.kind === 'postgres' ? 30_000 : undefined);

    const keys =
        config.salesforce.privateKeyFile && config.salesforce.certificateFile
            ? await loadKeyPair(config.salesforce.privateKeyFile, config.salesforce.certificateFile)
            : await loadOrCreateDevKeyPair(config.dataDir);
    for (const warning of keys.warnings) logger.warn(warning);

    let baseUrl = config.salesforce.baseUrl;
    let closeEmulator = (): Promise<void> => Promise.resolve();
    if (baseUrl === 'emulator') {
        const emulator = createTelephonyApiEmulator({
            ...(keys.certificatePem ? { certificatePem: keys.certificatePem } : { publicKey: keys.publicKey }),
            orgId: config.salesforce.orgId,
            callCenterApiName: config.salesforce.callCenterApiName
        });
        const address = await emulator.app.listen({ host: '127.0.0.1', port: 0 });
        baseUrl = `${address}/telephony/v1`;
        closeEmulator = () => emulator.app.close();
        logger.info({ baseUrl }, 'Telephony Integration API emulator listening (development: no Salesforce org)');
    }
    const metrics = new GatewayMetrics();
    const api = new TelephonyApiClient({
        onAttempt: metrics.recordAttempt,
        baseUrl,
        orgId: config.salesforce.orgId,
        callCenterApiName: config.salesforce.callCenterApiName,
        privateKey: keys.privateKey,
        providerName: config.salesforce.providerName,
        tokenTtlSeconds: config.salesforce.tokenTtlSeconds,
        logger
    });

    const link: { carrierClient?: CarrierClient } = {};
    const carrier = new SimulatedCarrier({
        autoAnswerMs: 1500,
        sink: async (events) => {
            if (!link.carrierClient) throw new Error('the gateway is not listening yet');
            const answer = await link.carrierClient.deliver(events);
            if (answer.status !== 202)
                throw new Error(`the gateway refused the events: ${JSON.stringify(answer.body)}`);
        }
    });
    const store = await opening;
    const gateway = await createGateway({
        store,
        api,
        adapter: carrier,
        logger,
        metrics,
        callCenterApiName: config.salesforce.callCenterApiName,
        ...(config.salesforce.omniFlow ? { omniFlow: config.salesforce.omniFlow } : {}),
        carrier: config.carrier,
        agents: config.agents,
        // A send ends (and is retried) well before its lease does, so no other instance takes the job over while
        // this one may still be sending it: a call's requests never go out in parallel.
        ...(leaseMs ? { outbox: { leaseMs, sendTimeoutMs: Math.floor(leaseMs / 2) } } : {})
    });
    if (config.mode === 'development') registerSimulatorRoutes(gateway.app, carrier);
    const address = await gateway.app.listen({ host: config.host, port: config.port });
    link.carrierClient = new CarrierClient(`${address}/carrier/events`, config.carrier.secrets[0]!);
    gateway.start();

    const ws = address.replace(/^http/, 'ws');
    process.stdout.write(
        [
            `Switchboard gateway (${config.mode}) listening on ${address}`,
            `  agent channel     ${ws}/agent-channel`,
            `  carrier events    POST ${address}/carrier/events   (schema: GET ${address}/carrier/events/schema)`,
            `  health            ${address}/healthz  ${address}/readyz  ${address}/metrics`,
            `  store             ${describeStore(config.store)}`,
            `  Salesforce        ${config.salesforce.baseUrl === 'emulator' ? `emulator at ${baseUrl} (what it holds: GET ${baseUrl.replace(/\/telephony\/v1$/, '')}/__emulator/state)` : baseUrl}`,
            ...(config.mode === 'development'
                ? [
                      `  demo agents       ${DEMO_AGENTS.map((a) => `${a.username} / ${a.password}`).join(',  ')}`,
                      `  secrets           ${join(config.dataDir, 'dev-secrets.json')} (development only)`,
                      `  simulate a call   curl -X POST ${address}/simulator/calls -H 'content-type: application/json' -d '{"agentId":"agent-ada"}'`
                  ]
                : []),
            ''
        ].join('\n')
    );

    let stopping = false;
    const stop = async (signal: string): Promise<void> => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        carrier.close();
        await gateway.close();
        await closeEmulator();
        process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    // Run by a supervisor (the workbench) that gave it a pipe as stdin: when that closes, the supervisor is gone,
    // even killed with SIGKILL, and the gateway must not live on without it.
    if (process.env[EXIT_WITH_PARENT_ENV] === '1') {
        process.stdin.on('end', () => void stop('parent gone'));
        process.stdin.on('close', () => void stop('parent gone'));
        process.stdin.resume();
    }
}

main().catch((error: unknown) => {
    if (error instanceof ConfigError || (error instanceof Error && error.name === 'KeyMaterialError')) {
        process.stderr.write(`${error.message}\n`);
        process.exit(78); // EX_CONFIG
    }
    process.stderr.write(
        `The gateway stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    process.exit(1);
});
