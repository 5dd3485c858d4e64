// The workbench process put together: Salesforce's stand-in (the Telephony Integration API emulator over SQLite,
// the sample records, Apex and UI API), the gateway as a supervised child process pointed at that emulator, and the
// HTTP server for the page. main.ts is the command line around it; the tests start it directly.
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { GatewayChildProcess, freeLoopbackPort } from '@switchboard/gateway/child-process';
import { DEMO_AGENTS } from '@switchboard/gateway/config';
import { loadOrCreateDevKeyPair } from '@switchboard/gateway/keys';
import { EventStream } from './event-stream.js';
import { GatewaySupervisor } from './gateway-supervisor.js';
import { createLogger } from './log.js';
import { SalesforceOrg } from './org/salesforce-org.js';
import { FORCE_APP_DIR, SAMPLE_DATA_DIR } from './paths.js';
import { buildServer } from './server.js';
import { buildSession, knownCallers } from './session.js';

/** The development org and contact center the gateway uses when none is configured (gateway/src/config.ts). */
export const ORG_ID = '00D000000000001AAA';
export const CALL_CENTER_API_NAME = 'SwitchboardContactCenter';

export interface WorkbenchOptions {
    port: number;
    host: string;
    /** The working folder: records.sqlite, gateway/ (its store and keys), logs. */
    dataDir: string;
    /** The built page. */
    distDir: string;
    /** A line of progress for the terminal. */
    progress?: (line: string) => void;
    logLevel?: string;
    /** How long the gateway may take to answer /healthz. Default 30 s. */
    gatewayStartTimeoutMs?: number;
    /** Given, before the gateway is spawned, what kills it synchronously: for a process that exits during start-up. */
    onKillSwitch?: (killNow: () => void) => void;
}

export interface Workbench {
    /** http://<host>:<port>/ */
    url: string;
    gatewayUrl: string;
    org: SalesforceOrg;
    supervisor: GatewaySupervisor;
    server: FastifyInstance;
    logFile: string;
    /** Stops the gateway, the server and the emulator, and closes the records. */
    close(): Promise<void>;
    /** Synchronous SIGKILL of the gateway, for an exiting process. */
    killNow(): void;
}

export class PortInUseError extends Error {
    override readonly name = 'PortInUseError';
    constructor(
        readonly host: string,
        readonly port: number
    ) {
        super(`Port ${port} on ${host} is already in use.`);
    }
}

/** Environment variables that configure the gateway: the workbench sets its own, whatever the shell has. */
const GATEWAY_SETTINGS =
    /^(NODE_ENV|SWITCHBOARD_.*|DATABASE_URL|SALESFORCE_.*|CARRIER_HMAC_SECRETS|AGENT_SESSION_SECRET|HOST|PORT)$/;

/** True when nothing listens on host:port now. */
export async function portIsFree(host: string, port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const probe = createServer();
        probe.once('error', () => resolve(false));
        probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
    });
}

/** The gateway's port: the one used last time when it is still free, so the connector's URL stays the same. */
async function gatewayPort(file: string): Promise<number> {
    let remembered: number | undefined;
    try {
        remembered = Number(readFileSync(file, 'utf8').trim()) || undefined;
    } catch {
        // first run
    }
    if (remembered !== undefined && (await portIsFree('127.0.0.1', remembered))) return remembered;
    const port = await freeLoopbackPort();
    writeFileSync(file, `${port}\n`);
    return port;
}

function sldsAssetsDir(): string {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('@salesforce-ux/design-system/package.json')), 'assets');
}

export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
    const progress = options.progress ?? (() => undefined);
    const gatewayDir = join(options.dataDir, 'gateway');
    mkdirSync(gatewayDir, { recursive: true, mode: 0o700 });
    const logFile = join(options.dataDir, 'workbench.log');
    const log: Logger = createLogger(logFile, options.logLevel);
    const cleanup: (() => Promise<void> | void)[] = [];
    const undo = async () => {
        for (const step of cleanup.reverse()) await step();
    };

    try {
        // The gateway's development keys, made before the emulator starts: it verifies JWTs with this certificate,
        // and the gateway, in development with no key files configured, signs with the same key from its dataDir.
        const keys = await loadOrCreateDevKeyPair(gatewayDir);
        for (const warning of keys.warnings) log.warn(warning);
        const org = await SalesforceOrg.start({
            recordsFile: join(options.dataDir, 'records.sqlite'),
            ...(keys.certificatePem ? { certificatePem: keys.certificatePem } : {}),
            publicKey: keys.publicKey,
            orgId: ORG_ID,
            callCenterApiName: CALL_CENTER_API_NAME,
            sampleDataDir: SAMPLE_DATA_DIR,
            forceAppDir: FORCE_APP_DIR
        });
        cleanup.push(() => org.close());
        progress(
            `Salesforce stand-in: Telephony Integration API at ${org.telephonyApiUrl}, ${org.records().voiceCalls.length} VoiceCalls kept in ${join(options.dataDir, 'records.sqlite')}`
        );

        const port = await gatewayPort(join(options.dataDir, 'gateway.port'));
        const gatewayUrl = `http://127.0.0.1:${port}`;
        const gatewayLog = createWriteStream(join(options.dataDir, 'gateway.log'), { flags: 'a' });
        cleanup.push(() => new Promise<void>((resolve) => gatewayLog.end(resolve)));
        const env: NodeJS.ProcessEnv = Object.fromEntries(
            Object.entries(process.env).filter(([name]) => !GATEWAY_SETTINGS.test(name))
        );
        const child = new GatewayChildProcess({
            url: gatewayUrl,
            env: {
                ...env,
                NODE_ENV: 'development', // demo agents and the simulator routes
                HOST: '127.0.0.1',
                PORT: String(port),
                SWITCHBOARD_DATA_DIR: gatewayDir,
                SALESFORCE_SCRT_URL: org.telephonyApiUrl,
                SALESFORCE_ORG_ID: ORG_ID,
                SALESFORCE_CALL_CENTER: CALL_CENTER_API_NAME
            },
            supervised: true,
            onOutput: (chunk) => gatewayLog.write(chunk)
        });
        const supervisor = new GatewaySupervisor({
            child,
            log: log.child({ part: 'gateway-supervisor' }),
            ...(options.gatewayStartTimeoutMs ? { startTimeoutMs: options.gatewayStartTimeoutMs } : {})
        });
        cleanup.push(() => supervisor.stop());
        options.onKillSwitch?.(() => supervisor.killNow());

        const stream = new EventStream({
            current: () => [
                {
                    type: 'gateway',
                    state: supervisor.state,
                    ...(supervisor.detail ? { detail: supervisor.detail } : {})
                },
                { type: 'records', version: org.records().version }
            ]
        });
        supervisor.onState((state, detail) => {
            stream.publish({ type: 'gateway', state, ...(detail ? { detail } : {}) });
            if (state === 'restarting' || state === 'failed' || (state === 'down' && detail !== 'stopped'))
                progress(`Gateway ${state}: ${detail ?? ''}`);
        });
        org.onEvent((event) => stream.publish(event));

        const host = options.host;
        const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
        let origin = '';
        const agents = DEMO_AGENTS.map((agent) => ({ ...agent }));
        const server = buildServer({
            org,
            session: () =>
                buildSession({
                    origin,
                    gatewayPort: port,
                    telephonyApiUrl: org.telephonyApiUrl,
                    orgId: ORG_ID,
                    callCenterApiName: CALL_CENTER_API_NAME,
                    sample: org.sample,
                    countryCode: org.countryCode,
                    agents
                }),
            scenarios: {
                gatewayUrl,
                faults: org.emulator.faults,
                restartGateway: () => supervisor.restart(),
                defaultCaller: knownCallers(org.sample, org.countryCode)[0]?.phoneNumber ?? '+14155550100',
                defaultAgentId: DEMO_AGENTS[0].agentId
            },
            stream,
            distDir: options.distDir,
            sldsAssetsDir: sldsAssetsDir(),
            logger: log
        });
        try {
            await server.listen({ host, port: options.port });
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(host, options.port);
            throw error;
        }
        cleanup.push(() => server.close());
        const listening = (server.server.address() as AddressInfo | null)?.port ?? options.port; // port 0: the system's choice
        origin = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${listening}`;

        progress(`Gateway: starting on ${gatewayUrl} (development mode, store in ${gatewayDir})`);
        const began = Date.now();
        await supervisor.start();
        progress(
            `Gateway: up in ${Date.now() - began} ms (pid ${supervisor.pid}); its output: ${join(options.dataDir, 'gateway.log')}`
        );

        let closed: Promise<void> | undefined;
        return {
            url: `${origin}/`,
            gatewayUrl,
            org,
            supervisor,
            server,
            logFile,
            close: () => (closed ??= undo()),
            killNow: () => supervisor.killNow()
        };
    } catch (error) {
        await undo();
        throw error;
    }
}
