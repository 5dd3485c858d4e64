// One connector, the real gateway (in this process) and one Salesforce host wired through the real library, with the
// test wire between connector and gateway. The telephony side is the simulated carrier: a customer rings, answers,
// hangs up, a desk phone mutes, as carrier events through the gateway's pipeline, the way a real call's would.
// Imported first by the end-to-end tests, so the stand-in window exists before scv-connector-base loads.
import './salesforce-host.js';
import {
    AGENT_CHANNEL_PROTOCOL,
    AGENT_CHANNEL_VERSION,
    type CallSnapshot,
    type ClientFrame,
    encodeClientFrame,
    type ServerFrame,
    type TelephonyEvent
} from '@switchboard/contracts';
import {
    type InProcessGateway,
    type InProcessGatewayOptions,
    startInProcessGateway
} from '../../gateway/test/in-process-gateway.js';
import * as sdk from '../src/sdk.js';
import { type Clock, systemClock } from '../src/agent-channel-client.js';
import { SwitchboardConnector, type TokenStore } from '../src/connector.js';
import { logRedactionListener } from '../src/redaction.js';
import { drain, SalesforceHost } from './salesforce-host.js';
import { TestWire } from './test-wire.js';

export const AGENT_ID = 'agent-ada';
export const ADA = { username: 'ada', password: 'ada-demo-password' };
/** Grace supervises Ada on the gateway's demo accounts. */
export const SUPERVISOR_ID = 'agent-grace';
const LINE = { from: '+14155550100', to: '+18005550199' };

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

/** The telephony side of the agent's calls, driven through the simulated carrier. */
export class Telephony {
    constructor(
        readonly g: InProcessGateway,
        readonly agentId = AGENT_ID
    ) {}

    /** A customer calls and the platform rings the agent (or queues a callback for them). */
    ring(
        options: { callback?: boolean; queue?: { id: string; name: string }; from?: string; callId?: string } = {}
    ): Promise<string> {
        return this.g.carrier.ringInbound({
            ...LINE,
            ...(options.callId ? { callId: options.callId } : {}),
            ...(options.from ? { from: options.from } : {}),
            agentId: this.agentId,
            ...(options.callback ? { direction: 'callback' as const } : {}),
            ...(options.queue ? { queue: options.queue } : {})
        });
    }

    /** The far end of an outbound call picks up, or the agent answers a ringing call on the desk phone. */
    answer(callId: string): Promise<void> {
        return this.g.carrier.answers(callId, this.agentId);
    }

    /** The third party of a consult leg picks up. */
    legAnswered(legId: string): Promise<void> {
        return this.g.carrier.participantAnswers(legId);
    }

    /** The other end hangs up (a third party: its leg leaves the call); `isError`: the line failed. */
    hangUp(callId: string, isError = false): Promise<void> {
        if (this.g.carrier.isLeg(callId)) return this.g.carrier.participantHangsUp(callId);
        return isError ? this.g.carrier.fails(callId) : this.g.carrier.hangUp(callId);
    }

    /** The agent mutes on the desk phone; the platform reports it on a call, so it needs one. */
    async mute(muted: boolean): Promise<void> {
        const call = (await this.calls())[0];
        if (!call) throw new Error('a desk-phone mute needs a call in progress');
        await this.g.carrier.deskPhoneMute(call.callId, this.agentId, muted);
    }

    hold(callId: string, onHold: boolean): Promise<void> {
        return this.g.carrier.deskPhoneHold(callId, onHold);
    }

    recording(callId: string, paused: boolean): Promise<void> {
        return this.g.carrier.recordingChanges(callId, paused);
    }

    /** A supervisor on the platform's own console barges in. */
    bargeIn(callId: string, supervisorName: string): Promise<void> {
        return this.g.carrier.supervisorJoins(callId, { mode: 'barge', supervisorName });
    }

    /** What the gateway tells the agent without a carrier event (a status change asked for elsewhere, a page). */
    tell(event: TelephonyEvent): Promise<void> {
        return this.g.tell(this.agentId, event);
    }

    /** The agent's live calls on the gateway. */
    calls(): Promise<CallSnapshot[]> {
        return this.g.liveCalls(this.agentId);
    }

    /** Every call of the agent's that ended on the gateway, by whatever means. */
    async ended(): Promise<string[]> {
        const ids = new Set<string>();
        for (const { event } of await this.g.agentEvents(this.agentId))
            if (event.type === 'callEnded') ids.add(event.callId);
        return [...ids];
    }
}

export interface Rig {
    gateway: InProcessGateway;
    wire: TestWire;
    telephony: Telephony;
    host: SalesforceHost;
    connector: SwitchboardConnector;
    tokens: MemoryTokens;
    downloads: { filename: string; text: string }[];
    loginRequests: number;
    /** Moves the gateway's clock on (session expiry). */
    advanceClock(ms: number): void;
    /** Sends a Salesforce message and waits until everything it caused has happened. */
    send(message: Record<string, unknown>): Promise<void>;
    settle(): Promise<void>;
    stop(): Promise<void>;
}

export interface RigOptions {
    /** With a valid stored session (no login frame); true by default. */
    signedIn?: boolean;
    /** The session token in tab storage, instead of a fresh one (an expired one, a renewed one). */
    storedToken?: string;
    /** Whose browser this is: Ada's by default, Grace (her supervisor) for the supervisor's tests. */
    agentId?: string;
    config?: Record<string, unknown>;
    /** A gateway already running (a second rig on it, or one with calls in progress); stopped with it otherwise. */
    gateway?: InProcessGateway;
    /** What the simulated platform can do, over its defaults (it has desk phones here). */
    capabilities?: InProcessGatewayOptions['capabilities'];
    sessionTtlSeconds?: number;
    /** Set up the wire before the connector starts (a network that is down, a gateway of another version). */
    wire?(wire: TestWire): void;
    /** A subclass under test (a planted mistake); the connector itself by default. */
    connector?: typeof SwitchboardConnector;
    /** Production behaviour (log and drop a duplicate) instead of throwing. */
    strictEvents?: boolean;
    /** How long the connector waits for a reply before the request times out. */
    requestTimeoutMs?: number;
    /** How long the gateway may be unreachable before the connector tells the agent. */
    unreachableNoticeMs?: number;
}

/** The gateways' clock in this test process: real time plus what tests added (it only moves on). */
let clockOffset = 0;
const gatewayNow = (): number => Date.now() + clockOffset;

/** Everything started and not stopped yet, for `stopAll` (a test that failed half-way leaves nothing running). */
const running = { rigs: new Set<Rig>(), gateways: new Set<InProcessGateway>() };

export async function startGateway(
    options: Pick<RigOptions, 'capabilities' | 'sessionTtlSeconds'> = {}
): Promise<InProcessGateway> {
    const gateway = await startInProcessGateway({
        now: gatewayNow,
        capabilities: { deskPhone: true, agentAvailability: true, ...options.capabilities },
        ...(options.sessionTtlSeconds ? { sessionTtlSeconds: options.sessionTtlSeconds } : {})
    });
    running.gateways.add(gateway);
    const close = gateway.close.bind(gateway);
    gateway.close = async () => {
        if (!running.gateways.delete(gateway)) return;
        await close();
    };
    return gateway;
}

/** Stops every rig and gateway still running. */
export async function stopAll(): Promise<void> {
    for (const rig of [...running.rigs]) await rig.stop();
    for (const gateway of [...running.gateways]) await gateway.close();
}

/** A call of `agentId`'s, rung and answered on the telephony side (before their connector, or another agent's). */
export async function callInProgress(gateway: InProcessGateway, agentId = AGENT_ID): Promise<string> {
    const telephony = new Telephony(gateway, agentId);
    const callId = await telephony.ring();
    await telephony.answer(callId);
    return callId;
}

/**
 * The agent's other browser tab: signs in with the session token, sends one request straight to the gateway and
 * returns the reply (what the agent did there the gateway knows; this tab's connector learns it from the gateway).
 */
export async function fromAnotherTab(
    gateway: InProcessGateway,
    token: string,
    command: string,
    params: Record<string, unknown>
): Promise<ServerFrame> {
    const frames: ServerFrame[] = [];
    const handle = gateway.openAgentChannel({
        send: (text) => frames.push(JSON.parse(text) as ServerFrame),
        close: () => undefined
    });
    const until = async (found: () => ServerFrame | undefined): Promise<ServerFrame> => {
        for (let i = 0; i < 500; i++) {
            const frame = found();
            if (frame) return frame;
            await new Promise((resolve) => setTimeout(resolve, 2));
        }
        throw new Error('the gateway did not answer the other tab');
    };
    const send = (frame: ClientFrame): void => handle.message(encodeClientFrame(frame));
    send({
        kind: 'hello',
        protocol: AGENT_CHANNEL_PROTOCOL,
        version: AGENT_CHANNEL_VERSION,
        credential: { kind: 'session', token },
        client: { name: 'another-tab', version: '0' }
    });
    const welcome = await until(() => frames.find((f) => f.kind === 'welcome' || f.kind === 'rejected'));
    if (welcome.kind !== 'welcome') throw new Error(`the other tab could not sign in: ${JSON.stringify(welcome)}`);
    send({ kind: 'request', id: 'tab-1', command, params } as ClientFrame);
    const reply = await until(() => frames.find((f) => f.kind === 'reply'));
    handle.closed();
    return reply;
}

/** Starts a rig; with `signedIn` (the default), the agent has a valid stored session (no login frame). */
export async function startRig(options: RigOptions = {}): Promise<Rig> {
    const owned = !options.gateway;
    const gateway = options.gateway ?? (await startGateway(options));
    const agentId = options.agentId ?? AGENT_ID;
    const wire = new TestWire((socket) => gateway.openAgentChannel(socket));
    options.wire?.(wire);
    const tokens = new MemoryTokens();
    if (options.storedToken) tokens.set(options.storedToken);
    else if (options.signedIn !== false) tokens.set((await gateway.tokens.issue(agentId)).token);
    const host = new SalesforceHost();
    const rig: Rig = {
        gateway,
        wire,
        telephony: new Telephony(gateway, agentId),
        host,
        tokens,
        downloads: [],
        loginRequests: 0,
        connector: undefined as unknown as SwitchboardConnector,
        advanceClock(ms) {
            clockOffset += ms;
        },
        async send(message) {
            host.send(message);
            await rig.settle();
        },
        async settle() {
            await drain();
            await rig.connector.settled();
            await drain();
        },
        async stop() {
            if (!running.rigs.delete(rig)) return;
            await rig.connector.logout().catch(() => undefined);
            host.close();
            wire.drop();
            if (owned) await gateway.close();
        }
    };
    running.rigs.add(rig);
    const Connector = options.connector ?? SwitchboardConnector;
    rig.connector = new Connector({
        connect: wire.connect,
        clock: testClock,
        tokens,
        strictEvents: options.strictEvents ?? true,
        ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
        ...(options.unreachableNoticeMs ? { unreachableNoticeMs: options.unreachableNoticeMs } : {}),
        client: { name: 'switchboard-connector-test', version: '0' },
        download: (filename, text) => rig.downloads.push({ filename, text }),
        onLoginRequired: () => rig.loginRequests++
    });
    sdk.initializeConnector(rig.connector);
    // src/main.ts installs the log redaction on the window before the library's listener: the same listener here.
    host.handshake(options.config ?? CONFIG, undefined, logRedactionListener());
    // Signing in takes the gateway a few asynchronous steps (the token check, the store): wait for its outcome, so
    // a call that rings next is news to a signed-in connector, not part of its first snapshot.
    const handshakeDone = (): boolean =>
        host.received.some((m) => m.type === 'CONNECTOR_READY') ||
        host.events().some((e) => e.type === 'SHOW_LOGIN' || e.type === 'ERROR');
    for (let i = 0; i < 500 && !handshakeDone(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await rig.settle();
    return rig;
}

/** A ringing inbound call announced to Salesforce, then accepted: the common starting point. */
export async function connectedCall(rig: Rig): Promise<string> {
    const callId = await rig.telephony.ring();
    await rig.settle();
    await rig.send({ type: 'ACCEPT_CALL', call: { callId, callType: 'Inbound' } });
    rig.host.clear();
    return callId;
}

/** The number the tests transfer calls to. */
export const TRANSFER_NUMBER = '+14155550199';

/**
 * Salesforce asks for a transfer of `callId` to TRANSFER_NUMBER (warm unless `blind`), without waiting for the answer
 * (the tests hold or reorder it on the wire), then lets the rig settle.
 */
export async function requestTransfer(rig: Rig, callId: string, { blind = false } = {}): Promise<void> {
    rig.host.send({
        type: 'ADD_PARTICIPANT',
        contact: { phoneNumber: TRANSFER_NUMBER },
        call: { callId },
        isBlindTransfer: blind
    });
    await rig.settle();
}
