// `npm start`: builds the page (cached), starts the workbench (workbench.ts) and prints where it is. Command line
// only: options, progress, the port-taken message, and a clean stop on Ctrl-C, SIGTERM or a crash.
import { runCommandLine, usageFailure } from '@switchboard/gateway/command-line';
import { DEMO_AGENTS } from '@switchboard/gateway/config';
import { DEFAULT_DATA_DIR, DIST_DIR } from './paths.js';
import { PortInUseError, portIsFree, startWorkbench, type Workbench } from './workbench.js';

const DEFAULT_PORT = 4750;
const DEFAULT_HOST = '127.0.0.1';

const COMMAND = {
    usage: 'npm start -- [options]',
    about: 'Salesforce Voice on one machine: the real connector, gateway and Voice Extension in a browser page, no org.',
    options: {
        port: {
            type: 'string',
            value: '<n>',
            help: `the page's port (default ${DEFAULT_PORT}, or the PORT environment variable)`
        },
        host: { type: 'string', value: '<address>', help: `the address to listen on (default ${DEFAULT_HOST})` },
        'data-dir': {
            type: 'string',
            value: '<dir>',
            help: "the working folder: records, the gateway's store and keys, logs\n(default .switchboard/workbench)"
        },
        rebuild: { type: 'boolean', help: 'build the page even if it is up to date' },
        'no-build': { type: 'boolean', help: 'serve the page already in workbench/dist' },
        'build-only': { type: 'boolean', help: 'build the page and exit' }
    }
} as const;

const print = (line: string): void => void process.stdout.write(`${line}\n`);

function options() {
    const { values } = runCommandLine(COMMAND);
    const portText = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
        usageFailure(`--port must be a port number from 1 to 65535, not "${portText}".`);
    return {
        port,
        host: values.host ?? DEFAULT_HOST,
        dataDir: values['data-dir'] ?? DEFAULT_DATA_DIR,
        rebuild: values.rebuild === true,
        build: values['no-build'] !== true,
        buildOnly: values['build-only'] === true
    };
}

function portTaken(host: string, port: number): never {
    process.stderr.write(
        `Port ${port} on ${host} is already in use (another workbench, or another program).\n` +
            `Choose another port: npm start -- --port ${port + 1}\n`
    );
    process.exit(1);
}

async function main(): Promise<void> {
    const args = options();
    const started = Date.now();
    print('Switchboard workbench');
    // Fail fast, before the build: the real listen below still reports a port taken in between.
    if (!args.buildOnly && !(await portIsFree(args.host, args.port))) portTaken(args.host, args.port);

    if (args.build) {
        const { buildPage } = await import('./build.js');
        const built = await buildPage({ outDir: DIST_DIR, force: args.rebuild, log: (line) => print(`  ${line}`) });
        print(`Page: ${built.cached ? 'up to date' : 'built'} (${built.ms} ms)`);
        if (args.buildOnly) return;
    }

    let workbench: Workbench | undefined;
    /** Kills the gateway synchronously, from the moment it may exist. */
    let killGateway = (): void => undefined;
    let stopping = false;
    const stop = async (why: string, code: number): Promise<void> => {
        if (stopping || !workbench) {
            // A second Ctrl-C, or one during start-up: no more waiting.
            killGateway();
            process.exit(code);
        }
        stopping = true;
        print(`\nStopping (${why})…`);
        await workbench.close();
        process.exit(code);
    };
    process.on('SIGINT', () => void stop('Ctrl-C', 0));
    process.on('SIGTERM', () => void stop('SIGTERM', 0));
    // Whatever happens to this process, the gateway does not outlive it (a SIGKILL is covered by the gateway
    // itself, which stops when its stdin pipe from here closes).
    process.on('exit', () => killGateway());
    const crash = (error: unknown): void => {
        process.stderr.write(
            `The workbench crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
        );
        killGateway();
        process.exit(1);
    };
    process.on('uncaughtException', crash);
    process.on('unhandledRejection', crash);

    try {
        workbench = await startWorkbench({
            port: args.port,
            host: args.host,
            dataDir: args.dataDir,
            distDir: DIST_DIR,
            progress: print,
            onKillSwitch: (killNow) => (killGateway = killNow)
        });
    } catch (error) {
        if (error instanceof PortInUseError) portTaken(error.host, error.port);
        throw error;
    }
    print('');
    print(`Workbench: ${workbench.url}`);
    print(`Demo agents: ${DEMO_AGENTS.map((agent) => `${agent.username} / ${agent.password}`).join(',  ')}`);
    print(`Started in ${Date.now() - started} ms. Log: ${workbench.logFile}. Stop with Ctrl-C.`);
}

main().catch((error: unknown) => {
    process.stderr.write(
        `The workbench could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    process.exit(1);
});
