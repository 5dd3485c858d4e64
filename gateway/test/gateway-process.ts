// The gateway as a separate process (src/main.ts, production configuration) beside a Telephony Integration API
// emulator that lives in this process and outlives it. The kill -9 test restarts the process on one SQLite file; the
// benchmark gives it a core of its own, apart from the load and the emulator.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../src/agents/session-tokens.js';
import { createTelephonyApiEmulator, type TelephonyApiEmulator } from '../src/salesforce/emulator.js';
import { loadOrCreateDevKeyPair } from '../src/salesforce/keys.js';

const gatewayRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface GatewayProcess {
    url: string;
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
    close(): Promise<void>;
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
    });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function gatewayProcess(options: {
    name: string;
    store?: 'sqlite' | 'memory';
    deadline: number;
    emulatorRequestLog?: number;
    /** Adds hooks to the emulator before it listens (the benchmark times receipts). */
    prepareEmulator?: (emulator: TelephonyApiEmulator) => void;
    /** Extra node flags for the gateway process (e.g. --cpu-prof). */
    nodeArgs?: string[];
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
    const port = await freePort();
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

    let child: ChildProcess | undefined;
    const signal = async (name: 'SIGKILL' | 'SIGTERM'): Promise<void> => {
        const dying = child;
        if (!dying || dying.exitCode !== null) return;
        const exited = new Promise((resolve) => dying.once('exit', resolve));
        dying.kill(name);
        await exited;
    };
    const kill = () => signal('SIGKILL');
    return {
        url,
        carrierSecret,
        emulator,
        kill,
        stop: () => signal('SIGTERM'),
        start: async () => {
            const running = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'], {
                cwd: gatewayRoot,
                env: { ...process.env, NODE_ENV: 'production', SWITCHBOARD_CONFIG: configFile },
                stdio: ['ignore', 'ignore', 'pipe']
            });
            child = running;
            let stderr = '';
            running.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
            for (;;) {
                if (Date.now() > options.deadline) throw new Error(`the gateway did not start: ${stderr}`);
                if (running.exitCode !== null) throw new Error(`the gateway exited at start: ${stderr}`);
                try {
                    if ((await fetch(`${url}/healthz`)).ok) return;
                } catch {
                    // not listening yet
                }
                await sleep(50);
            }
        },
        peakRssMb: () => {
            try {
                const status = readFileSync(`/proc/${child?.pid}/status`, 'utf8');
                const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
                return kb ? Math.round(Number(kb) / 1024) : undefined;
            } catch {
                return undefined;
            }
        },
        close: async () => {
            await kill();
            await emulator.app.close();
            rmSync(dir, { recursive: true, force: true });
        }
    };
}
