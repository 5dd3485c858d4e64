// The connector's authoritative view of the agent's calls, keyed by call id. Salesforce may hand the connector
// partial call objects (scv-connector-base issue #6: endCall with only a participant type), and the library decides
// HANGUP vs PARTICIPANT_REMOVED by asking for the active calls, so this store — fed by the gateway's replies,
// events and snapshots — is the single source of truth. Pure: no I/O, no timers; every mutation reports whether it
// changed anything, which is what keeps the connector from publishing an event for a non-change.
import type { AgentState, CallSnapshot, Snapshot } from '@switchboard/contracts';

export type CallRecord = CallSnapshot;

/** Salesforce pointed at a call the store cannot identify. The message says what was sent and what is known. */
export class UnknownCallError extends Error {
    override readonly name = 'UnknownCallError';
}

export interface CallChange {
    previous: CallRecord | undefined;
    current: CallRecord;
}

export interface SnapshotDiff {
    ended: CallRecord[];
    added: CallRecord[];
    changed: { previous: CallRecord; current: CallRecord }[];
    muteChanged: boolean;
}

const sameCall = (a: CallRecord, b: CallRecord): boolean => JSON.stringify(a) === JSON.stringify(b);

const REMEMBERED_REMOVALS = 1000;

export class CallStore {
    #calls = new Map<string, CallRecord>();
    #agent: AgentState = { isMuted: false, phone: { type: 'SOFT_PHONE' } };
    /** Removals are counted, and the recent ones remembered, so an older reply cannot bring a call back. */
    #removals = 0;
    readonly #removedAt = new Map<string, number>();

    get size(): number {
        return this.#calls.size;
    }

    get agent(): AgentState {
        return this.#agent;
    }

    /** Calls in the order they started (oldest first), as Salesforce expects `callInProgress` = the first. */
    list(): CallRecord[] {
        return [...this.#calls.values()].sort((a, b) => a.startedAt - b.startedAt || (a.callId < b.callId ? -1 : 1));
    }

    get(callId: string): CallRecord | undefined {
        return this.#calls.get(callId);
    }

    /** The removal count: take it before a request, and pass it to `upsert` with the calls its reply lists. */
    removals(): number {
        return this.#removals;
    }

    /**
     * Inserts or replaces a call. Returns null when the call is already exactly so (nothing to announce), or when
     * it comes from a reply to a request made before `sentAfter` removals and was removed since: the reply's view of
     * it is older than its end.
     */
    upsert(call: CallRecord, sentAfter?: number): CallChange | null {
        if (sentAfter !== undefined && (this.#removedAt.get(call.callId) ?? -1) > sentAfter) return null;
        // A reply written before the leg's parent left does not know it left.
        const parent = call.parentCallId;
        if (parent && !call.initialCallHasEnded && !this.#calls.has(parent) && this.#removedAt.has(parent))
            call = { ...call, initialCallHasEnded: true };
        const previous = this.#calls.get(call.callId);
        if (previous && sameCall(previous, call)) return null;
        this.#calls.set(call.callId, call);
        return { previous, current: call };
    }

    /** Applies a partial update to a known call; null when the call is unknown or nothing changes. */
    update(callId: string, patch: Partial<Omit<CallRecord, 'callId'>>): CallChange | null {
        const previous = this.#calls.get(callId);
        if (!previous) return null;
        return this.upsert({ ...previous, ...patch });
    }

    /**
     * Removes a call. Legs whose parent left are marked `initialCallHasEnded`, which the library reads when it
     * replays them and when it turns the initial caller's PARTICIPANT_REMOVED into PARTICIPANT_CONNECTED.
     */
    remove(callId: string): CallRecord | undefined {
        const removed = this.#calls.get(callId);
        if (!removed) return undefined;
        this.#calls.delete(callId);
        this.#removedAt.delete(callId);
        this.#removedAt.set(callId, ++this.#removals);
        if (this.#removedAt.size > REMEMBERED_REMOVALS) this.#removedAt.delete(this.#removedAt.keys().next().value!);
        for (const call of this.#calls.values())
            if (call.parentCallId === callId && !call.initialCallHasEnded)
                this.#calls.set(call.callId, { ...call, initialCallHasEnded: true });
        return removed;
    }

    setMuted(isMuted: boolean): boolean {
        if (this.#agent.isMuted === isMuted) return false;
        this.#agent = { ...this.#agent, isMuted };
        return true;
    }

    setAgent(agent: AgentState): void {
        this.#agent = agent;
    }

    clear(): void {
        this.#calls.clear();
        this.#removedAt.clear();
        this.#agent = { isMuted: false, phone: { type: 'SOFT_PHONE' } };
    }

    /**
     * Finds the call Salesforce means. Salesforce sends a PhoneCall-shaped object that may lack `callId`; the
     * participant type is then the key (there is one initial caller; several third parties need an id). With no
     * call at all, the agent's only call is meant.
     */
    resolve(partial: unknown, what = 'call'): CallRecord {
        const call = (typeof partial === 'object' && partial !== null ? partial : {}) as {
            callId?: unknown;
            callAttributes?: { participantType?: unknown };
        };
        if (typeof call.callId === 'string' && call.callId) {
            const found = this.#calls.get(call.callId);
            if (found) return found;
            throw new UnknownCallError(
                `The ${what} ${call.callId} is not one of the agent's active calls (${this.#describe()}).`
            );
        }
        const participantType = call.callAttributes?.participantType;
        const candidates =
            typeof participantType === 'string'
                ? this.list().filter((c) => c.participantType === participantType)
                : this.list();
        if (candidates.length === 1) return candidates[0]!;
        const key = typeof participantType === 'string' ? `participant type ${participantType}` : 'no call id';
        throw new UnknownCallError(
            candidates.length === 0
                ? `No active ${what} matches ${key} (${this.#describe()}).`
                : `The ${what} with ${key} is ambiguous: ${candidates.map((c) => c.callId).join(', ')} match. Send the call id.`
        );
    }

    #describe(): string {
        const calls = this.list();
        return calls.length
            ? `active: ${calls.map((c) => `${c.callId} (${c.participantType}, ${c.state})`).join(', ')}`
            : 'the agent has no active call';
    }

    /** What differs between this store and a gateway snapshot (after a reconnect). Does not modify the store. */
    diff(snapshot: Snapshot): SnapshotDiff {
        const incoming = new Map(snapshot.calls.map((c) => [c.callId, c]));
        const ended = this.list().filter((c) => !incoming.has(c.callId));
        const added: CallRecord[] = [];
        const changed: SnapshotDiff['changed'] = [];
        for (const call of snapshot.calls) {
            const previous = this.#calls.get(call.callId);
            if (!previous) added.push(call);
            else if (!sameCall(previous, call)) changed.push({ previous, current: call });
        }
        return { ended, added, changed, muteChanged: snapshot.agent.isMuted !== this.#agent.isMuted };
    }

    /** Replaces everything with a snapshot (first connection, where Salesforce learns the calls by replay). */
    load(snapshot: Snapshot): void {
        this.#calls = new Map(snapshot.calls.map((c) => [c.callId, c]));
        this.#removedAt.clear();
        this.#agent = snapshot.agent;
    }

    /** Invariant violations, for tests and debug logs: an empty list means the store is consistent. */
    problems(): string[] {
        const out: string[] = [];
        for (const call of this.#calls.values()) {
            if (call.parentCallId === call.callId) out.push(`${call.callId} is its own parent`);
            if (call.parentCallId && !this.#calls.has(call.parentCallId) && !call.initialCallHasEnded)
                out.push(`${call.callId} has parent ${call.parentCallId}, which ended, without initialCallHasEnded`);
            if ((call.state === 'transferring' || call.state === 'transferred') && !call.parentCallId)
                out.push(`${call.callId} is a ${call.state} leg without a parent`);
        }
        return out;
    }
}
