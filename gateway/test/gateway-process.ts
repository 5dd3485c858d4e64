// The gateway as a separate process (src/main.ts, production configuration, run by src/gateway-child-process.ts)
// beside a Telephony Integration API emulator that lives in this process and outlives it. The kill -9 test restarts
// the process on one SQLite file; the benchmark gives it a core of its own, apart from the load and the emulator.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../src/agents/session-tokens.js';
import { GatewayChildProcess, freeLoopbackPort } from '../src/gateway-child-process.js';
import { createTelephonyApiEmulator, type TelephonyApiEmulator } from '../src/salesforce/emulator.js';
import { loadOrCreateDevKeyPair } from '../src/salesforce/keys.js';

/** One gateway process of several on one database (the PostgreSQL tests). */
export interface GatewayInstance {
    url: string;
    start(): Promise<void>;
    kill(): Promise<void>;
    stop(): Promise<void>;
    readonly running: boolean;
}

/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a /proc stat file, in seconds; undefined when it cannot be read (not Linux, process gone). */
function cpuSecondsOf(statFile: string): number | undefined {
    try {
        // Fields 14 and 15 (utime, stime) in clock ticks, counted after the command name's closing parenthesis.
        const stat = readFileSync(statFile, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    } catch {
        return undefined;
    }
}

export interface GatewayProcess {
    url: string;
    /** Every process started for this configuration; the first is the one `start`, `kill` and `stop` work on. */
    instances: GatewayInstance[];
    carrierSecret: string;
    emulator: TelephonyApiEmulator;
    /** Starts the gateway and waits until it answers /healthz. */
    start(): Promise<void>;
    /** SIGKILL, no goodbye. */
    kill(): Promise<void>;
    /** SIGTERM: the gateway's own graceful shutdown. */
    stop(): Promise<void>;
    /** Peak resident memory of the running gateway process, in MB (Linux /proc). */
    peakRssMb(): number | undefined;
    /**
     * CPU time (user + system) the running gateway process has used, in seconds (Linux /proc). Unlike wall time it
     * hardly moves with the machine's other load, so it compares two versions of the gateway on a busy machine.
     */
    cpuSeconds(): number | undefined;
    /** The same for the process's main thread alone (its event loop), without the threads it started. */
    eventLoopCpuSeconds(): number | undefined;
    close(): Promise<void>;
}

export async function gatewayProcess(options: {
    name: string;
    store?: 'sqlite' | 'memory';
    deadline: number;
    emulatorRequestLog?: number;
    /** Adds hooks to the emulator before it listens (the benchmark times receipts). */
    prepareEmulator?: (emulator: TelephonyApiEmulator) => void;
    /** Extra node flags for the gateway process (e.g. --cpu-prof). */
    nodeArgs?: string[];
    /** Processes sharing the configuration, each on a port of its own (more than 1 needs a shared store). */
    instances?: number;
    /** Added to the processes' environment (e.g. DATABASE_URL, OUTBOX_LEASE_MS). */
    env?: Record<string, string>;
}): Promise<GatewayProcess> {
    const dir = mkdtempSync(join(tmpdir(), `switchboard-${options.name}-`));
    const keys = await loadOrCreateDevKeyPair(dir);
    const orgId = '00D000000000001AAA';
    const callCenterApiName = 'SwitchboardContactCenter';
    const emulator = createTelephonyApiEmulator({
        ...(keys.certificatePem ? { certificatePem: keys.certificatePem } : { publicKey: keys.publicKey }),
        orgId,
        callCenterApiName,
        ...(options.emulatorRequestLog !== undefined ? { maxLoggedRequests: options.emulatorRequestLog } : {})
    });
    options.prepareEmulator?.(emulator);
    const emulatorUrl = await emulator.app.listen({ host: '127.0.0.1', port: 0 });
    const port = await freeLoopbackPort();
    const carrierSecret = `${options.name}-carrier-secret-0123456789abcdef`;
    const config = {
        mode: 'production',
        host: '127.0.0.1',
        port,
        dataDir: dir,
        logLevel: 'warn',
        store: { kind: options.store ?? 'sqlite', path: join(dir, 'gateway.sqlite') },
        salesforce: {
            baseUrl: `${emulatorUrl}/telephony/v1`,
            orgId,
            callCenterApiName,
            providerName: `Switchboard ${options.name}`,
            privateKeyFile: keys.privateKeyPath,
            ...(keys.certificatePath ? { certificateFile: keys.certificatePath } : {})
        },
        carrier: { secrets: [carrierSecret] },
        agents: {
            sessionSecret: `${options.name}-session-secret-0123456789abcdef`,
            accounts: [
                {
                    agentId: 'agent-ada',
                    username: 'ada',
                    displayName: 'Ada',
                    passwordHash: hashPassword('ada-test-password'),
                    salesforceUsername: 'ada@example.com'
                }
            ]
        }
    };
    const configFile = join(dir, 'gateway.json');
    writeFileSync(configFile, JSON.stringify(config));
    const url = `http://127.0.0.1:${port}`;

    const ports = [port];
    for (let i = 1; i < (options.instances ?? 1); i++) ports.push(await freeLoopbackPort());
    const children = ports.map(
        (p) =>
            new GatewayChildProcess({
                url: `http://127.0.0.1:${p}`,
                env: {
                    ...process.env,
                    NODE_ENV: 'production',
                    SWITCHBOARD_CONFIG: configFile,
                    PORT: String(p),
                    ...options.env
                },
                ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {})
            })
    );
    const child = children[0]!;
    const instances: GatewayInstance[] = children.map((c) => ({
        url: c.url,
        start: () => c.start(options.deadline),
        kill: () => c.kill(),
        stop: () => c.stop(),
        get running() {
            return c.running;
        }
    }));
    const kill = async () => {
        await Promise.all(children.map((c) => c.kill()));
    };
    return {
        url,
        instances,
        carrierSecret,
        emulator,
        kill: () => child.kill(),
        stop: () => child.stop(),
        start: () => child.start(options.deadline),
        peakRssMb: () => {
            try {
                const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
                const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
                return kb ? Math.round(Number(kb) / 1024) : undefined;
            } catch {
                return undefined;
            }
        },
        cpuSeconds: () => cpuSecondsOf(`/proc/${child.pid}/stat`),
        eventLoopCpuSeconds: () => cpuSecondsOf(`/proc/${child.pid}/task/${child.pid}/stat`),
        close: async () => {
            await kill();
            await emulator.app.close();
            rmSync(dir, { recursive: true, force: true });
        }
    };
}
