// The connector's one way to Salesforce for what Salesforce did not request: the queue that keeps telephony
// announcements in arrival order, the registry of Salesforce requests in flight (whose results the LIBRARY announces),
// and the single call site of the library's publishEvent. An announcement is published only when no in-flight request
// will make the library publish the same event for the same call; `publish` asserts that again and throws in strict
// mode, so a method that publishes by mistake fails its tests. ESLint lets only this file name publishEvent.
import type { Capabilities } from '@switchboard/contracts';
import type { Clock } from './agent-channel-client.js';
import {
    type Change,
    DuplicateEventError,
    type InFlight,
    InFlightRequests,
    sameChange,
    type Scope
} from './event-guard.js';
import * as sdk from './sdk.js';
import type { Announcement, SoftphoneState } from './softphone-state.js';
import { toHoldToggleResult, toParticipantResult, toPhoneCall } from './translate.js';

export interface PublisherOptions {
    state: SoftphoneState;
    clock: Clock;
    /** Throw on a duplicate publish (development and tests); in production the duplicate is logged and dropped. */
    strict: boolean;
    /** Replaces the library's publishEvent; only for tests that run without a Salesforce handshake. */
    publish?: typeof sdk.publishEvent;
    capabilities(): Capabilities;
    log(level: 'INFO' | 'ERROR', message: string): void;
}

/**
 * What a PARTICIPANT_REMOVED announcement is, for the guard: a departure, which an in-flight endCall(),
 * declineCall() or blind addParticipant() of the same call announces as PARTICIPANT_REMOVED or HANGUP. On the
 * wire it may even be PARTICIPANT_ADDED or PARTICIPANT_CONNECTED {initialCallHasEnded} (the initial caller
 * leaving during a transfer), but that is not the new leg a warm addParticipant() announces under that name.
 */
const DEPARTURE: readonly sdk.SentEvent[] = [sdk.SENT.PARTICIPANT_REMOVED, sdk.SENT.HANGUP];

export class Publisher {
    readonly #o: PublisherOptions;
    readonly #publishFn: typeof sdk.publishEvent;
    readonly #inFlight = new InFlightRequests();
    /** Telephony events are announced strictly in arrival order. */
    #queue: Promise<void> = Promise.resolve();
    /** Non-zero while the library's publishEvent runs synchronously: a method it calls then is called from within the queue. */
    #insidePublish = 0;
    /** Toggles held back while a request was in flight, checked again once it has ended (by request id). */
    readonly #recheck = new Map<number, Change[]>();
    /**
     * What was left to a request's result (a departure, a CALL_CONNECTED..., and their follow-ups), by request id:
     * announced, if it still holds, when the request fails (then the library announced nothing).
     */
    readonly #leftToRequest = new Map<number, Announcement[]>();
    /**
     * Announcements waiting for a supervisorDisconnect() to end, by its request id. While the library still flags a
     * supervised call (it clears the flag only once that method resolves), publishing CALL_CONNECTED makes it
     * disconnect the supervised call a second time and announce SUPERVISOR_HANGUP twice; and when the disconnect is
     * the first step of an ACCEPT_CALL, the acceptCall() that follows announces the same CALL_CONNECTED. So a
     * CALL_CONNECTED (and what follows for its call, in order) waits: acceptCall() of that call claims it
     * (`claimConnected`), anything else is announced once the disconnect has ended.
     */
    readonly #waiting = new Map<number, { calls: Set<string>; items: Announcement[] }>();

    constructor(options: PublisherOptions) {
        this.#o = options;
        this.#publishFn = options.publish ?? sdk.publishEvent;
    }

    /** Resolves when every task queued so far has run. */
    settled(): Promise<void> {
        return this.#queue;
    }

    /** Whether a method is being called by the library from within a publish (so from within the queue). */
    get insidePublish(): boolean {
        return this.#insidePublish > 0;
    }

    /** Runs `task` after every task queued before it. */
    enqueue(task: () => Promise<void>): void {
        this.#queue = this.#queue.then(task).catch((error: unknown) => {
            if (this.#o.strict) throw error;
            this.#o.log('ERROR', `telephony event failed: ${String(error)}`);
        });
    }

    // ---- requests in flight ---------------------------------------------------------------------------------------

    /** A Salesforce request starts: until it ends, what its result makes the library publish is the library's. */
    begin(method: string, scope: Scope, only?: readonly sdk.SentEvent[], change?: Change): InFlight {
        return this.#inFlight.begin(method, scope, only, change);
    }

    /** The request asks for this value: a telephony-side change to another value is not its to announce. */
    asks(request: InFlight, change: Change): void {
        this.#inFlight.setChange(request, change);
    }

    /** The request turned out to concern `callId` too. */
    addCall(request: InFlight, callId: string): void {
        this.#inFlight.addCall(request, callId);
    }

    /**
     * Ends a request one macrotask later: the library publishes in the continuation of the method's promise. Then
     * every toggle it held back is checked again: announced if Salesforce's view still differs from the store (the
     * change was another value than the request's, or the request failed and the library announced nothing).
     */
    end(request: InFlight, failed = false): void {
        this.#o.clock.setTimeout(() => {
            this.#inFlight.end(request);
            const changes = this.#recheck.get(request.id);
            const left = this.#leftToRequest.get(request.id);
            const waiting = this.#waiting.get(request.id);
            this.#recheck.delete(request.id);
            this.#leftToRequest.delete(request.id);
            this.#waiting.delete(request.id);
            if (waiting) this.enqueue(() => this.announce(waiting.items));
            // A request that failed announced nothing: what was left to it is the connector's again, if still true.
            if (failed && left) this.enqueue(() => this.announce(left.filter((a) => this.#o.state.stillHolds(a))));
            if (changes)
                this.enqueue(async () => {
                    for (const change of changes) await this.announce(this.#o.state.reconcile(change));
                });
        }, 0);
    }

    /**
     * acceptCall() resolves for a call whose CALL_CONNECTED the connector holds back (left to this request, or
     * waiting for a supervision's end): the library announces it from the result, so it is dropped here. True when
     * one was held back: the answer on the desk phone is then this request's to announce.
     */
    claimConnected(request: InFlight, callId: string): boolean {
        const isIt = (a: Announcement): boolean => a.event === 'CALL_CONNECTED' && a.callId === callId;
        let found = false;
        const left = this.#leftToRequest.get(request.id);
        if (left?.some(isIt)) {
            found = true;
            this.#leftToRequest.set(
                request.id,
                left.filter((a) => !isIt(a))
            );
        }
        for (const w of this.#waiting.values())
            if (w.items.some(isIt)) {
                found = true;
                w.items = w.items.filter((a) => !isIt(a));
            }
        return found;
    }

    /**
     * Runs `task` in the queue after the library has published the event for the method now resolving: the library
     * does so in the promise continuation, so one macrotask later it is done.
     */
    afterLibraryEvent(task: () => Promise<void>): void {
        this.#o.clock.setTimeout(() => this.enqueue(task), 0);
    }

    // ---- announcing -----------------------------------------------------------------------------------------------

    /**
     * The only place that decides to publish. What an in-flight request makes the library publish is skipped, and
     * so are that call's follow-ups in the same batch (the request's own path announces them, e.g. endCall starts
     * after-call work once the library's HANGUP is out).
     */
    async announce(announcements: readonly Announcement[]): Promise<void> {
        const coveredCalls = new Map<string | undefined, number>();
        for (const a of announcements) {
            const callId = 'callId' in a ? a.callId : undefined;
            const coveringRequest = callId !== undefined ? coveredCalls.get(callId) : undefined;
            if (coveringRequest !== undefined) {
                this.#leftToRequest.get(coveringRequest)?.push(a);
                continue;
            }
            const waiting =
                callId !== undefined && this.#waiting.size > 0
                    ? [...this.#waiting.values()].find((w) => w.calls.has(callId))
                    : undefined;
            if (waiting) {
                waiting.items.push(a); // after its call's CALL_CONNECTED, in order
                continue;
            }
            const sentAs = a.event === 'PARTICIPANT_REMOVED' ? DEPARTURE : undefined;
            const coveredBy = this.#inFlight.covers(a.event, callId, sentAs);
            const change = this.#o.state.changeOf(a);
            if (coveredBy && change) {
                // A toggle: whether the library's event says it or not, look again once the request has ended.
                const same = sameChange(coveredBy, change);
                this.#o.log(
                    'INFO',
                    same
                        ? `${a.event} left to the library: ${coveredBy.method}() is in flight for it`
                        : `${a.event} held until ${coveredBy.method}() has ended: the library announces another value`
                );
                this.#recheck.set(coveredBy.id, [...(this.#recheck.get(coveredBy.id) ?? []), change]);
                continue;
            }
            if (coveredBy) {
                this.#o.log('INFO', `${a.event} left to the library: ${coveredBy.method}() is in flight for it`);
                if (callId !== undefined) coveredCalls.set(callId, coveredBy.id);
                this.#leftToRequest.set(coveredBy.id, [...(this.#leftToRequest.get(coveredBy.id) ?? []), a]);
                continue;
            }
            const disconnecting =
                a.event === 'CALL_CONNECTED' ? this.#inFlight.openOf('supervisorDisconnect') : undefined;
            if (disconnecting !== undefined && callId !== undefined) {
                this.#o.log(
                    'INFO',
                    `${a.event} held until supervisorDisconnect() has ended: the library still flags the supervision`
                );
                const w = this.#waiting.get(disconnecting) ?? { calls: new Set<string>(), items: [] };
                w.calls.add(callId);
                w.items.push(a);
                this.#waiting.set(disconnecting, w);
                continue;
            }
            if (a.event === 'AFTER_CALL_WORK_STARTED') await this.startAfterCallWork(a.callId);
            else if (await this.#publishAnnouncement(a, sentAs)) this.#o.state.told(a);
        }
    }

    /** An event built outside the softphone state (the session's end), through the same guard. */
    async announceEvent<E extends sdk.EventType>(event: E, payload: sdk.EventPayloads[E]): Promise<void> {
        const coveredBy = this.#inFlight.covers(event);
        if (coveredBy) {
            this.#o.log('INFO', `${event} left to the library: ${coveredBy.method}() is in flight for it`);
            return;
        }
        await this.publish(event, payload);
    }

    /** A vendor-side failure the agent must see (the gateway unreachable): the library's ERROR event. */
    showError(message: string): void {
        try {
            sdk.publishError('SOFTPHONE_ERROR', new Error(message));
        } catch (error) {
            this.#o.log('ERROR', `publishing the error failed: ${String(error)}`);
        }
    }

    /** Once per call, only when the contact center uses after-call work and the agent has no call left. */
    async startAfterCallWork(callId: string): Promise<void> {
        if (!this.#o.state.takeAfterCallWork(callId)) return;
        await this.publish(sdk.EVENT.AFTER_CALL_WORK_STARTED, { callId }, callId);
    }

    /**
     * A subclass's own announcement (`publishTelephonyEvent`): the in-flight guard, and, however late it comes, an
     * event that repeats what Salesforce already shows (the value a method's result announced, a call that has
     * already started, connected or ended) is a duplicate too. The in-flight registry alone ends a macrotask after
     * the method: a publish from a timer or a later callback would slip past it.
     */
    async publishOwn<E extends sdk.EventType>(
        event: E,
        payload: sdk.EventPayloads[E],
        callId?: string
    ): Promise<boolean> {
        if (this.#inFlight.covers(event, callId)) return this.publish(event, payload, callId);
        const change = changeIn(event, payload, callId);
        const id = callId ?? callIdIn(payload);
        const repeated =
            change && this.#o.state.shows(change)
                ? `Salesforce already shows ${JSON.stringify(change)}`
                : !change && id !== undefined
                  ? this.#o.state.repeatedCallEvent(event, id)
                  : undefined;
        if (repeated) {
            if (this.#o.strict)
                throw new DuplicateEventError(
                    `${event}${id !== undefined ? ` for call ${id}` : ''} repeats what Salesforce already shows ` +
                        `(${repeated}): the library announced it from a method's result, or the connector did. ` +
                        'Publish only changes Salesforce did not request.'
                );
            this.#o.log('ERROR', `dropped duplicate ${event}: ${repeated}`);
            return false;
        }
        const published = await this.publish(event, payload, callId);
        if (published && change) this.#o.state.toldChange(change);
        return published;
    }

    /** The one call site of the library's publishEvent. */
    async publish<E extends sdk.EventType>(
        event: E,
        payload: sdk.EventPayloads[E],
        callId?: string,
        sentAs?: readonly sdk.SentEvent[]
    ): Promise<boolean> {
        const conflict = this.#inFlight.assertMayPublish(event, callId, this.#o.strict, sentAs);
        if (conflict) {
            this.#o.log('ERROR', `dropped duplicate ${event}: ${conflict.method}() is in flight and publishes it`);
            return false;
        }
        try {
            let published: Promise<void>;
            this.#insidePublish++;
            try {
                published = this.#publishFn(event, payload);
            } finally {
                this.#insidePublish--;
            }
            await published;
            return true;
        } catch (error) {
            this.#o.log('ERROR', `publishing ${event} failed: ${String(error)}`);
            return false;
        }
    }

    /** The library's event for an announcement, built from the library's classes. */
    #publishAnnouncement(
        a: Exclude<Announcement, { event: 'AFTER_CALL_WORK_STARTED' }>,
        sentAs?: readonly sdk.SentEvent[]
    ): Promise<boolean> {
        const caps = this.#o.capabilities();
        switch (a.event) {
            case 'CALL_STARTED':
            case 'QUEUED_CALL_STARTED':
            case 'CALL_CONNECTED':
                return this.publish(
                    a.event,
                    new sdk.CallResult({ call: toPhoneCall(a.call, caps, a.isMuted) }),
                    a.callId
                );
            case 'SUPERVISOR_CALL_CONNECTED':
                return this.publish(
                    a.event,
                    new sdk.SuperviseCallResult({ call: toPhoneCall(a.call, caps, a.isMuted) }),
                    a.callId
                );
            case 'PARTICIPANT_ADDED':
            case 'PARTICIPANT_CONNECTED':
                return this.publish(a.event, toParticipantResult(a.call, caps, a.isMuted), a.callId);
            case 'HANGUP':
                return this.publish(
                    a.event,
                    new sdk.HangupResult({ calls: [toPhoneCall(a.call, caps, a.isMuted, a.reason)] }),
                    a.callId
                );
            case 'SUPERVISOR_HANGUP':
                return this.publish(
                    a.event,
                    new sdk.SupervisorHangupResult({ calls: [toPhoneCall(a.call, caps, a.isMuted, a.reason)] }),
                    a.callId
                );
            case 'PARTICIPANT_REMOVED':
                return this.publish(
                    a.event,
                    new sdk.CallResult({ call: toPhoneCall(a.call, caps, a.isMuted, a.reason) }),
                    a.callId,
                    sentAs
                );
            case 'WRAP_UP_ENDED':
                return this.publish(a.event, { callId: a.callId }, a.callId);
            case 'MUTE_TOGGLE':
                return this.publish(a.event, new sdk.MuteToggleResult({ isMuted: a.isMuted }));
            case 'HOLD_TOGGLE':
                return this.publish(a.event, toHoldToggleResult(a.calls, caps, a.isMuted), a.callId);
            case 'RECORDING_TOGGLE':
                return this.publish(
                    a.event,
                    new sdk.RecordingToggleResult({ isRecordingPaused: a.isRecordingPaused }),
                    a.callId
                );
            case 'SET_AGENT_STATUS':
                return this.publish(a.event, new sdk.AgentStatusInfo({ statusId: a.statusId }));
            case 'CALL_BARGED_IN':
                return this.publish(
                    a.event,
                    new sdk.SupervisedCallInfo({
                        callId: a.callId,
                        isBargedIn: true,
                        ...(a.voiceCallId ? { voiceCallId: a.voiceCallId } : {}),
                        ...(a.supervisorName ? { supervisorName: a.supervisorName } : {})
                    }),
                    a.callId
                );
            case 'MESSAGE':
                return this.publish(a.event, a.message);
        }
    }
}

/** The toggle value a subclass's event carries, read from the library's result class. */
function changeIn(event: string, payload: unknown, callId: string | undefined): Change | undefined {
    const p = (payload ?? {}) as {
        isMuted?: unknown;
        isRecordingPaused?: unknown;
        calls?: Record<string, { callInfo?: { isOnHold?: unknown } }>;
    };
    if (event === 'MUTE_TOGGLE' && typeof p.isMuted === 'boolean') return { kind: 'mute', isMuted: p.isMuted };
    if (callId === undefined) return undefined;
    if (event === 'RECORDING_TOGGLE' && typeof p.isRecordingPaused === 'boolean')
        return { kind: 'recording', callId, isRecordingPaused: p.isRecordingPaused };
    const onHold = event === 'HOLD_TOGGLE' ? p.calls?.[callId]?.callInfo?.isOnHold : undefined;
    return typeof onHold === 'boolean' ? { kind: 'hold', callId, isOnHold: onHold } : undefined;
}

/** The call an event's payload names (a CallResult's call, a HangupResult's first call, or a bare callId). */
function callIdIn(payload: unknown): string | undefined {
    const p = (payload ?? {}) as { callId?: unknown; call?: { callId?: unknown }; calls?: unknown };
    const first: unknown = Array.isArray(p.calls)
        ? (p.calls[0] as { callId?: unknown } | undefined)?.callId
        : undefined;
    const id = p.call?.callId ?? p.callId ?? first;
    return typeof id === 'string' ? id : undefined;
}
