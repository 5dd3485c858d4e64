// One connector, one fake gateway and one Salesforce host wired through the real library. Imported first by the
// end-to-end tests, so the stand-in window exists before scv-connector-base loads.
import './salesforce-host.js';
import { type Clock, systemClock } from '../src/agent-channel-client.js';
import { SwitchboardConnector, type TokenStore } from '../src/connector.js';
import * as sdk from '../src/sdk.js';
import { FakeGateway } from './fake-gateway.js';
import { drain, SalesforceHost } from './salesforce-host.js';

export const CONFIG = {
    '/switchboard/gatewayUrl': 'wss://gateway.example.com/agent',
    '/reqGeneralInfo/reqInternalName': 'switchboardCC',
    isACWAllowed: true,
    userId: '005000000000001'
};

/** Real time, but timers (heartbeats, reconnects) do not keep a finished test process alive. */
export const testClock: Clock = {
    ...systemClock,
    setTimeout: (fn, ms) => {
        const handle = setTimeout(fn, ms);
        handle.unref();
        return handle;
    }
};

export class MemoryTokens implements TokenStore {
    constructor(public token?: string) {}
    get(): string | undefined {
        return this.token;
    }
    set(token: string): void {
        this.token = token;
    }
    clear(): void {
        this.token = undefined;
    }
}

export interface Rig {
    gateway: FakeGateway;
    host: SalesforceHost;
    connector: SwitchboardConnector;
    tokens: MemoryTokens;
    downloads: { filename: string; text: string }[];
    loginRequests: number;
    /** Sends a Salesforce message and waits until everything it caused has happened. */
    send(message: Record<string, unknown>): Promise<void>;
    settle(): Promise<void>;
    stop(): void;
}

export const PRESET_TOKEN = 'token-preset-0123456789abcdef';

/** Starts a rig; with `signedIn`, the agent has a valid stored session (no login frame). */
export async function startRig(
    options: {
        signedIn?: boolean;
        config?: Record<string, unknown>;
        gateway?: FakeGateway;
        /** A subclass under test (a planted mistake); the connector itself by default. */
        connector?: typeof SwitchboardConnector;
        /** Production behaviour (log and drop a duplicate) instead of throwing. */
        strictEvents?: boolean;
    } = {}
): Promise<Rig> {
    const gateway = options.gateway ?? new FakeGateway();
    const tokens = new MemoryTokens();
    if (options.signedIn !== false) {
        gateway.validTokens.add(PRESET_TOKEN);
        tokens.set(PRESET_TOKEN);
    }
    const host = new SalesforceHost();
    const rig: Rig = {
        gateway,
        host,
        tokens,
        downloads: [],
        loginRequests: 0,
        connector: undefined as unknown as SwitchboardConnector,
        async send(message) {
            host.send(message);
            await rig.settle();
        },
        async settle() {
            await drain();
            await rig.connector.settled();
            await drain();
        },
        stop() {
            rig.connector.logout().catch(() => undefined);
            host.close();
        }
    };
    const Connector = options.connector ?? SwitchboardConnector;
    rig.connector = new Connector({
        connect: gateway.connect,
        clock: testClock,
        tokens,
        strictEvents: options.strictEvents ?? true,
        client: { name: 'switchboard-connector-test', version: '0' },
        download: (filename, text) => rig.downloads.push({ filename, text }),
        onLoginRequired: () => rig.loginRequests++
    });
    sdk.initializeConnector(rig.connector);
    host.handshake(options.config ?? CONFIG);
    await rig.settle();
    return rig;
}

/** A ringing inbound call announced to Salesforce, then accepted: the common starting point. */
export async function connectedCall(rig: Rig): Promise<string> {
    const call = rig.gateway.ring();
    await rig.settle();
    await rig.send({ type: 'ACCEPT_CALL', call: { callId: call.callId, callType: 'Inbound' } });
    rig.host.clear();
    return call.callId;
}
