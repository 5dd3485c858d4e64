// Which events the library will publish by itself, and for which calls, while Salesforce's requests are in flight.
//
// When a connector method resolves, scv-connector-base 3.6.2 publishes the matching event (connector-sdk.md §5.3).
// Publishing the same event from the connector as well sends it twice, which "breaks the softphone state machine".
// The telephony handler asks `covers()` before publishing (a customer hang-up racing the agent's own End Call is
// announced once, by the library); `assertMayPublish()` sits in the single publish path and throws in development
// and tests if anything publishes what the library is about to publish. Pure: the caller supplies the clock.
import type { EventType } from './sdk.js';

/** The Salesforce → connector methods that make the library publish, and what it publishes (baseConnector.js). */
export const AUTO_EVENTS = {
    init: ['LOGIN_RESULT'],
    acceptCall: ['CALL_CONNECTED', 'CALL_STARTED', 'SUPERVISOR_HANGUP'],
    declineCall: ['HANGUP'],
    endCall: ['HANGUP', 'PARTICIPANT_REMOVED'],
    mute: ['MUTE_TOGGLE'],
    unmute: ['MUTE_TOGGLE'],
    hold: ['HOLD_TOGGLE'],
    resume: ['HOLD_TOGGLE'],
    swap: ['HOLD_TOGGLE', 'PARTICIPANTS_SWAPPED'],
    conference: ['HOLD_TOGGLE', 'PARTICIPANTS_CONFERENCED'],
    setAgentStatus: ['SET_AGENT_STATUS'],
    dial: ['CALL_STARTED'],
    addParticipant: ['PARTICIPANT_ADDED', 'HANGUP'],
    pauseRecording: ['RECORDING_TOGGLE'],
    resumeRecording: ['RECORDING_TOGGLE'],
    logout: ['LOGOUT_RESULT'],
    superviseCall: ['SUPERVISOR_CALL_CONNECTED', 'SUPERVISOR_CALL_STARTED'],
    supervisorDisconnect: ['SUPERVISOR_HANGUP'],
    supervisorBargeIn: ['SUPERVISOR_BARGED_IN'],
    /** Not a library auto-event: Salesforce ended the wrap-up itself, so WRAP_UP_ENDED would tell it twice. */
    wrapUpCall: ['WRAP_UP_ENDED']
} as const satisfies Record<string, readonly EventType[]>;

export type TrackedMethod = keyof typeof AUTO_EVENTS;

/** Events the library publishes when `method` resolves; none for the methods it only reads from. */
export const autoEventsOf = (method: string): readonly EventType[] =>
    Object.hasOwn(AUTO_EVENTS, method) ? AUTO_EVENTS[method as TrackedMethod] : [];

/** Which calls a request concerns: the agent as a whole (mute, presence), or specific call ids. */
export type Scope = { kind: 'agent' } | { kind: 'calls'; callIds: string[] };

export interface InFlight {
    readonly id: number;
    readonly method: string;
    readonly scope: Scope;
}

/** Thrown, in strict mode, when the connector publishes an event the library is about to publish itself. */
export class DuplicateEventError extends Error {
    override readonly name = 'DuplicateEventError';
}

export class InFlightRequests {
    #next = 1;
    #open = new Map<number, { method: string; scope: Scope }>();

    begin(method: string, scope: Scope): InFlight {
        const entry = { id: this.#next++, method, scope: cloneScope(scope) };
        this.#open.set(entry.id, { method, scope: entry.scope });
        return entry;
    }

    /** A request learnt which call it is about only from its result (dial, addParticipant): widen its scope. */
    addCall(request: InFlight, callId: string): void {
        const open = this.#open.get(request.id);
        if (open?.scope.kind === 'calls' && !open.scope.callIds.includes(callId)) open.scope.callIds.push(callId);
    }

    end(request: InFlight): void {
        this.#open.delete(request.id);
    }

    get size(): number {
        return this.#open.size;
    }

    /**
     * The in-flight request whose automatic events include `event` for this call, if any. An event without a call
     * (mute) is covered by any request that publishes it; an agent-scoped request covers every call.
     */
    covers(event: EventType, callId?: string): InFlight | undefined {
        for (const [id, open] of this.#open) {
            if (!autoEventsOf(open.method).includes(event)) continue;
            if (open.scope.kind === 'agent' || callId === undefined || open.scope.callIds.includes(callId))
                return { id, method: open.method, scope: cloneScope(open.scope) };
        }
        return undefined;
    }

    /** The guard in the publish path. Returns the conflicting request (non-strict) or throws (strict). */
    assertMayPublish(event: EventType, callId: string | undefined, strict: boolean): InFlight | undefined {
        const conflict = this.covers(event, callId);
        if (conflict && strict)
            throw new DuplicateEventError(
                `${event}${callId ? ` for call ${callId}` : ''} is published by scv-connector-base itself when ` +
                    `${conflict.method}() resolves, and ${conflict.method}() is in flight: publishing it here ` +
                    'would send it twice. Return the result from the method instead.'
            );
        return conflict;
    }
}

const cloneScope = (scope: Scope): Scope =>
    scope.kind === 'agent' ? { kind: 'agent' } : { kind: 'calls', callIds: [...scope.callIds] };
