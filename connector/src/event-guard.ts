// Which events the library will publish by itself, and for which calls, while Salesforce's requests are in flight.
//
// When a connector method resolves, scv-connector-base 3.6.2 publishes the matching event (connector-sdk.md §5.3).
// Publishing the same event from the connector as well sends it twice, which "breaks the softphone state machine".
// The telephony handler asks `covers()` before publishing (a customer hang-up racing the agent's own End Call is
// announced once, by the library); `assertMayPublish()` sits in the single publish path and throws in development
// and tests if anything publishes what the library is about to publish. No I/O, no timers: the caller ends requests.
import { type EventType, PUBLISHED_AS, type SentEvent, type VendorConnector } from './sdk.js';

/**
 * For every method the library calls, what it sends Salesforce after the method resolves (baseConnector.js
 * `channelMessageHandler`, `windowMessageHandler`, `setConnectorReady`). An event is listed under the method whose
 * result it announces, not under the reads the library makes to build it: END_CALL's HANGUP is endCall's although
 * the library asks getActiveCalls() first. Derived by driving the library in test/library-events.test.ts, which
 * fails when this table and the library disagree.
 */
export const AUTO_EVENTS = {
    /** SHOW_LOGIN when the result asks for a login, else CONNECTOR_READY. Never LOGIN_RESULT: the connector sends that. */
    init: ['SHOW_LOGIN', 'CONNECTOR_READY'],
    /**
     * AGENT_AVAILABLE replays the active calls (`isReplayedCall`). The connector answers getActiveCalls from memory
     * without tracking it as a request, so nothing can interleave and these never hold back a telephony event.
     */
    getActiveCalls: [
        'CALL_CONNECTED',
        'CALL_STARTED',
        'PARTICIPANT_ADDED',
        'PARTICIPANT_CONNECTED',
        'SUPERVISOR_CALL_CONNECTED',
        'SUPERVISOR_CALL_STARTED',
        'SUPERVISOR_BARGED_IN'
    ],
    /** CALL_STARTED when the returned call is a callback. */
    acceptCall: ['CALL_CONNECTED', 'CALL_STARTED'],
    declineCall: ['HANGUP'],
    /** HANGUP when getActiveCalls() is then empty, else PARTICIPANT_REMOVED. */
    endCall: ['HANGUP', 'PARTICIPANT_REMOVED'],
    mute: ['MUTE_TOGGLE'],
    unmute: ['MUTE_TOGGLE'],
    hold: ['HOLD_TOGGLE'],
    resume: ['HOLD_TOGGLE'],
    /** The library's answer; SET_AGENT_STATUS is the connector's own request to Salesforce, never the library's. */
    setAgentStatus: ['SET_AGENT_STATUS_RESULT'],
    getAgentStatus: ['GET_AGENT_STATUS_RESULT'],
    dial: ['CALL_STARTED'],
    sendDigits: [],
    getPhoneContacts: ['PHONE_CONTACTS'],
    /** Published as PARTICIPANTS_SWAPPED, which goes out as HOLD_TOGGLE. */
    swap: ['HOLD_TOGGLE'],
    /** Published as PARTICIPANTS_CONFERENCED, which goes out as HOLD_TOGGLE. */
    conference: ['HOLD_TOGGLE'],
    /** HANGUP (of the call Salesforce sent) only for a blind transfer. */
    addParticipant: ['PARTICIPANT_ADDED', 'HANGUP'],
    pauseRecording: ['RECORDING_TOGGLE'],
    resumeRecording: ['RECORDING_TOGGLE'],
    getAgentConfig: [],
    setAgentConfig: ['AGENT_CONFIG_UPDATED'],
    getCapabilities: [],
    logout: ['LOGOUT_RESULT'],
    handleMessage: [],
    /** Nothing: Salesforce ended the wrap-up itself. The connector keeps WRAP_UP_ENDED for wrap-ups it announced. */
    wrapUpCall: [],
    getSignedRecordingUrl: ['SIGNED_RECORDING_URL'],
    downloadLogs: [],
    logMessageToVendor: [],
    /** CONNECTED with a soft phone, STARTED with a desk phone (the library reads getAgentConfig()). */
    superviseCall: ['SUPERVISOR_CALL_CONNECTED', 'SUPERVISOR_CALL_STARTED'],
    /** Also when ACCEPT_CALL arrives during a supervised call: the library disconnects it first. */
    supervisorDisconnect: ['SUPERVISOR_HANGUP'],
    supervisorBargeIn: ['SUPERVISOR_BARGED_IN']
} as const satisfies Record<keyof VendorConnector, readonly SentEvent[]>;

type TrackedMethod = keyof typeof AUTO_EVENTS;

/** What the library sends when `method` resolves; nothing for a name it never calls. */
const autoEventsOf = (method: string): readonly SentEvent[] =>
    Object.hasOwn(AUTO_EVENTS, method) ? AUTO_EVENTS[method as TrackedMethod] : [];

/** What `publishEvent(event)` can send; nothing for an event type the library ignores. */
const sentAsOf = (event: string): readonly SentEvent[] =>
    Object.hasOwn(PUBLISHED_AS, event) ? PUBLISHED_AS[event as EventType] : [];

/** Which calls a request concerns: the agent as a whole (mute, presence), or specific call ids. */
export type Scope = { kind: 'agent' } | { kind: 'calls'; callIds: string[] };

/**
 * The value a toggle request asks for. The library's event for it says that value; a telephony-side change to
 * another value (a desk-phone unmute while Salesforce's mute travels) is a different change, not covered.
 */
export type Change =
    | { kind: 'mute'; isMuted: boolean }
    | { kind: 'hold'; callId: string; isOnHold: boolean }
    | { kind: 'recording'; callId: string; isRecordingPaused: boolean };

export interface InFlight {
    readonly id: number;
    readonly method: string;
    readonly scope: Scope;
    /** What the library will send when this call of the method resolves: AUTO_EVENTS, or fewer when known. */
    readonly events: readonly SentEvent[];
    /** For a toggle: the value its event will carry. */
    readonly change?: Change;
}

/** Whether `change` is the change `request` asks for: always, unless both name a value of the same kind and differ. */
export function sameChange(request: InFlight, change: Change | undefined): boolean {
    const asked = request.change;
    if (!asked || !change || asked.kind !== change.kind) return true;
    switch (asked.kind) {
        case 'mute':
            return asked.isMuted === (change as typeof asked).isMuted;
        case 'hold': {
            const c = change as typeof asked;
            return asked.callId !== c.callId || asked.isOnHold === c.isOnHold;
        }
        case 'recording': {
            const c = change as typeof asked;
            return asked.callId !== c.callId || asked.isRecordingPaused === c.isRecordingPaused;
        }
    }
}

/** Thrown, in strict mode, when the connector publishes an event the library is about to publish itself. */
export class DuplicateEventError extends Error {
    override readonly name = 'DuplicateEventError';
}

export class InFlightRequests {
    #next = 1;
    #open = new Map<number, { method: string; scope: Scope; events: readonly SentEvent[]; change?: Change }>();

    /**
     * A request starts. `only` narrows what its result will make the library send, when the arguments decide it
     * (a warm transfer sends no HANGUP): a telephony event the library will not announce must not be held back.
     */
    begin(method: string, scope: Scope, only?: readonly SentEvent[], change?: Change): InFlight {
        const events = only ? autoEventsOf(method).filter((e) => only.includes(e)) : autoEventsOf(method);
        const entry = { id: this.#next++, method, scope: cloneScope(scope), events, ...(change ? { change } : {}) };
        this.#open.set(entry.id, { method, scope: entry.scope, events, ...(change ? { change } : {}) });
        return entry;
    }

    /** A request learnt which call it is about only from its result (dial, addParticipant): widen its scope. */
    addCall(request: InFlight, callId: string): void {
        const open = this.#open.get(request.id);
        if (open?.scope.kind === 'calls' && !open.scope.callIds.includes(callId)) open.scope.callIds.push(callId);
    }

    /** The request turned out to ask for this value (once its call is resolved). */
    setChange(request: InFlight, change: Change): void {
        const open = this.#open.get(request.id);
        if (open) open.change = change;
    }

    end(request: InFlight): void {
        this.#open.delete(request.id);
    }

    /** The id of an open request of `method`, if any. */
    openOf(method: string): number | undefined {
        for (const [id, open] of this.#open) if (open.method === method) return id;
        return undefined;
    }

    get size(): number {
        return this.#open.size;
    }

    /**
     * The in-flight request that will make the library send what publishing `event` would send (`sentAs`, by
     * default everything `publishEvent(event)` can send) for this call, if any. An event without a call (mute) is
     * covered by any request that sends it; an agent-scoped request covers every call.
     */
    covers(
        event: EventType,
        callId?: string,
        sentAs: readonly SentEvent[] = sentAsOf(event)
    ): (InFlight & { event: SentEvent }) | undefined {
        for (const [id, open] of this.#open) {
            const same = open.events.find((e) => sentAs.includes(e));
            if (!same) continue;
            if (open.scope.kind === 'agent' || callId === undefined || open.scope.callIds.includes(callId))
                return {
                    id,
                    method: open.method,
                    scope: cloneScope(open.scope),
                    events: open.events,
                    ...(open.change ? { change: open.change } : {}),
                    event: same
                };
        }
        return undefined;
    }

    /** The guard in the publish path. Returns the conflicting request (non-strict) or throws (strict). */
    assertMayPublish(
        event: EventType,
        callId: string | undefined,
        strict: boolean,
        sentAs: readonly SentEvent[] = sentAsOf(event)
    ): InFlight | undefined {
        const conflict = this.covers(event, callId, sentAs);
        if (conflict && strict)
            throw new DuplicateEventError(
                `${event}${callId ? ` for call ${callId}` : ''} would reach Salesforce as ${conflict.event}, which ` +
                    `scv-connector-base sends itself when ${conflict.method}() resolves, and ${conflict.method}() ` +
                    'is in flight: publishing it here would send it twice. Return the result from the method instead.'
            );
        return conflict;
    }
}

const cloneScope = (scope: Scope): Scope =>
    scope.kind === 'agent' ? { kind: 'agent' } : { kind: 'calls', callIds: [...scope.callIds] };
