// One connector, the real gateway (in this process) and one Salesforce host wired through the real library, with the
// test wire between connector and gateway. The telephony side is the simulated carrier: a customer rings, answers,
// hangs up, a desk phone mutes, as carrier events through the gateway's pipeline, the way a real call's would.
// Imported first by the end-to-end tests, so the stand-in window exists before scv-connector-base loads.
import './salesforce-host.js';
import type { CallSnapshot, TelephonyEvent } from '@switchboard/contracts';
import {
    type InProcessGateway,
    type InProcessGatewayOptions,
    startInProcessGateway
} from '../../gateway/test/in-process-gateway.js';
import { SwitchboardConnector } from '../src/connector.js';
import * as sdk from '../src/sdk.js';
import { CONFIG, MemoryTokens, testClock } from './harness.js';
import { drain, SalesforceHost } from './salesforce-host.js';
import { TestWire } from './test-wire.js';

export const AGENT_ID = 'agent-ada';
export const ADA = { username: 'ada', password: 'ada-demo-password' };
const LINE = { from: '+14155550100', to: '+18005550199' };

/** The telephony side of the agent's calls, driven through the simulated carrier. */
export class Telephony {
    constructor(readonly g: InProcessGateway) {}

    /** A customer calls and the platform rings the agent (or queues a callback for them). */
    ring(options: { callback?: boolean; queue?: { id: string; name: string }; from?: string } = {}): Promise<string> {
        return this.g.carrier.ringInbound({
            ...LINE,
            ...(options.from ? { from: options.from } : {}),
            agentId: AGENT_ID,
            ...(options.callback ? { direction: 'callback' as const } : {}),
            ...(options.queue ? { queue: options.queue } : {})
        });
    }

    /** The far end of an outbound call picks up, or the agent answers a ringing call on the desk phone. */
    answer(callId: string): Promise<void> {
        return this.g.carrier.answers(callId, AGENT_ID);
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
        await this.g.carrier.deskPhoneMute(call.callId, AGENT_ID, muted);
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
        return this.g.tell(AGENT_ID, event);
    }

    /** The agent's live calls on the gateway. */
    calls(): Promise<CallSnapshot[]> {
        return this.g.liveCalls(AGENT_ID);
    }

    /** Every call of the agent's that ended on the gateway, by whatever means. */
    async ended(): Promise<string[]> {
        const ids = new Set<string>();
        for (const { event } of await this.g.agentEvents(AGENT_ID))
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
}

/** The gateway's clock, shared by the gateways of one test process: real time plus what a test added. */
let clockOffset = 0;
const gatewayNow = (): number => Date.now() + clockOffset;

export async function startGateway(
    options: Pick<RigOptions, 'capabilities' | 'sessionTtlSeconds'> = {}
): Promise<InProcessGateway> {
    return startInProcessGateway({
        now: gatewayNow,
        capabilities: { deskPhone: true, agentAvailability: true, ...options.capabilities },
        ...(options.sessionTtlSeconds ? { sessionTtlSeconds: options.sessionTtlSeconds } : {})
    });
}

/** Starts a rig; with `signedIn` (the default), the agent has a valid stored session (no login frame). */
export async function startRig(options: RigOptions = {}): Promise<Rig> {
    const owned = !options.gateway;
    const gateway = options.gateway ?? (await startGateway(options));
    const wire = new TestWire((socket) => gateway.openAgentChannel(socket));
    options.wire?.(wire);
    const tokens = new MemoryTokens();
    if (options.signedIn !== false) tokens.set((await gateway.tokens.issue(AGENT_ID)).token);
    const host = new SalesforceHost();
    const rig: Rig = {
        gateway,
        wire,
        telephony: new Telephony(gateway),
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
            await rig.connector.logout().catch(() => undefined);
            host.close();
            wire.drop();
            if (owned) await gateway.close();
        }
    };
    const Connector = options.connector ?? SwitchboardConnector;
    rig.connector = new Connector({
        connect: wire.connect,
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
    const callId = await rig.telephony.ring();
    await rig.settle();
    await rig.send({ type: 'ACCEPT_CALL', call: { callId, callType: 'Inbound' } });
    rig.host.clear();
    return callId;
}
