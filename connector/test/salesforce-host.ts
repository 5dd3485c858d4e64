// Plays Salesforce for the real scv-connector-base 3.6.2 in Node (connector-sdk.md §12.2): a stand-in `window`
// that captures the library's message listener, and a SETUP_CONNECTOR handshake from a Salesforce origin carrying a
// real worker_threads MessagePort. What crosses the port afterwards is the shared host's (host/salesforce-host.ts),
// the same one the workbench page uses in a browser.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { SalesforceHost as PortHost, type HostMessage } from '../host/salesforce-host.js';

export type { DispatchedEvent, HostMessage, TimelineEntry } from '../host/salesforce-host.js';

type Listener = (event: unknown) => unknown;
const windowListeners: Listener[] = [];

/** Must run before the library loads (it is imported first by the tests that drive the library). */
export function installStandInWindow(): void {
    if ((globalThis as { window?: unknown }).window) return;
    (globalThis as { window?: unknown }).window = {
        addEventListener: (type: string, fn: Listener) => {
            if (type === 'message') windowListeners.push(fn);
        },
        removeEventListener: (_type: string, fn: Listener) => {
            const at = windowListeners.indexOf(fn);
            if (at >= 0) windowListeners.splice(at, 1);
        }
    };
}
installStandInWindow();

/** Lets every pending macrotask (ports, the test wire, deferred releases) run, several rounds deep. */
export async function drain(rounds = 12): Promise<void> {
    // Two passes: the connector releases in-flight entries and starts after-call work on setTimeout(0).
    for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

export class SalesforceHost extends PortHost {
    #connectorPort: MessagePort | undefined;

    /** Hands the connector its port, as Salesforce does when it loads the connector's iframe. */
    handshake(
        connectorConfig: Record<string, unknown>,
        origin = 'https://acme.lightning.force.com',
        /** A window listener the connector's page adds before the library's (src/main.ts: the log redaction). */
        before?: Listener
    ): void {
        const listener = windowListeners[windowListeners.length - 1];
        if (!listener) throw new Error('initializeConnector() has not registered its window listener');
        const { port1, port2 } = new MessageChannel();
        this.attach(port1);
        this.#connectorPort = port2;
        port1.on('message', (data: HostMessage) => this.receive(data));
        const event = { data: { type: 'SETUP_CONNECTOR', connectorConfig }, origin, ports: [port2] };
        before?.(event);
        void listener(event);
    }

    override close(): void {
        super.close();
        this.#connectorPort?.close();
        this.#connectorPort = undefined;
    }
}
