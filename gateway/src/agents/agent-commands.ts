// What an agent's connector asks, carried out: ownership is checked against the ledger (an agent acts only on its
// own calls), the telephony platform is asked through the carrier adapter, and what the platform did comes back as
// carrier events that go through the same pipeline as the carrier's own, marked as caused by the request. Results
// are read from the ledger afterwards, so a reply never disagrees with the events that follow it.
//
// Supervision: an agent whose account `supervises` another may listen to that agent's connected calls, barge in and
// leave. The supervisor's call is a record of its own (see call-ledger.ts), shown under the supervised call's id; the
// supervisor's requests may name it by that id.
import type {
    AgentState,
    CallSnapshot,
    CommandResult,
    ErrorCode,
    RequestFrame,
    TelephonyEvent
} from '@switchboard/contracts';
import { CarrierError, type CarrierAdapter, type CarrierRequest } from '../carrier/carrier-adapter.js';
import { DEFAULT_DEVICE, type AgentEventRecord, type Store } from '../store/store.js';
import type { GatewayLog } from '../log.js';
import type { AgentDirectory } from './session-tokens.js';
import { supervisorCallKey, toSnapshot, type LedgerCall } from '../telephony/call-ledger.js';
import { toLedgerCall, type EventPipeline } from '../telephony/event-pipeline.js';

/** A refusal the agent sees, with the agent channel's error code. */
export class CommandError extends Error {
    override readonly name = 'CommandError';
    constructor(
        readonly code: ErrorCode,
        message: string
    ) {
        super(message);
    }
}

export interface AgentCommandsOptions {
    store: Store;
    pipeline: EventPipeline;
    adapter: CarrierAdapter;
    log: GatewayLog;
    /** The agents' accounts: who supervises whom, and their names. */
    directory: AgentDirectory;
}

export class AgentCommands {
    readonly #o: AgentCommandsOptions;
    /**
     * Each agent's device changes, written one after another: on a pooled database two writes in flight could land
     * in the other order (a mute and the unmute after it leaving the agent muted).
     */
    readonly #deviceWrites = new Map<string, Promise<void>>();

    constructor(options: AgentCommandsOptions) {
        this.#o = options;
    }

    /**
     * Follows the committed events that change a device: a mute made on the desk phone (a carrier event) reaches the
     * snapshot a reconnecting connector resyncs from, not only the event it may have missed.
     */
    observe(records: readonly AgentEventRecord[]): void {
        for (const { agentId, event } of records)
            if (event.type === 'muteChanged')
                void this.#recordDevice(agentId, { isMuted: event.isMuted }).catch((error: unknown) =>
                    this.#o.log.warn({ err: error, agentId }, 'could not record the agent’s mute')
                );
    }

    /**
     * The agent's device (mute, phone, the telephony-side status) as the store holds it, so a connector gets the
     * same state whichever instance it reconnects to, and after a restart.
     */
    async agentState(agentId: string): Promise<AgentState> {
        await this.#deviceWrites.get(agentId);
        return (await this.#o.store.loadAgentDevice(agentId)) ?? DEFAULT_DEVICE;
    }

    /** Queues a change of the agent's device behind the ones before it; resolves once it is stored. */
    #recordDevice(agentId: string, change: Partial<AgentState>): Promise<void> {
        const previous = this.#deviceWrites.get(agentId) ?? Promise.resolve();
        const write = previous.catch(() => {}).then(() => this.#o.store.updateAgentDevice(agentId, change));
        this.#deviceWrites.set(agentId, write);
        void write
            .catch(() => {})
            .finally(() => {
                if (this.#deviceWrites.get(agentId) === write) this.#deviceWrites.delete(agentId);
            });
        return write;
    }

    async liveCalls(agentId: string): Promise<CallSnapshot[]> {
        const records = await this.#o.store.liveCallsOfAgent(agentId);
        return records.map((r) => toSnapshot(toLedgerCall(r))).sort((a, b) => a.startedAt - b.startedAt);
    }

    /**
     * The agent signed out from one connection (`requestId` its logout): the agent's other connections (another
     * window, another device) are told and end too, since the telephony side has one agent, and a softphone left
     * signed in would go on being offered calls. A connector that later resumes the ended session gets the same event
     * and ends it. Called once the requesting connection is closed, so that one is not told what it asked for.
     */
    async signedOut(agentId: string, requestId: string): Promise<void> {
        await this.#o.pipeline.submit([], requestId, [
            {
                agentId,
                causedBy: requestId,
                event: { type: 'loggedOut', reason: 'You signed out of the softphone in another window.' }
            }
        ]);
    }

    async execute(agentId: string, frame: RequestFrame): Promise<unknown> {
        try {
            return await this.#execute(agentId, frame);
        } catch (error) {
            if (error instanceof CarrierError) throw new CommandError(error.code, error.message);
            throw error;
        }
    }

    async #execute(agentId: string, frame: RequestFrame): Promise<unknown> {
        const id = frame.id;
        switch (frame.command) {
            case 'acceptCall': {
                const call = await this.#own(agentId, frame.params.callId);
                if (call.state === 'connected') return { call: toSnapshot(call) };
                if (call.state !== 'ringing')
                    throw new CommandError('CONFLICT', `Call ${call.callKey} is not ringing.`);
                await this.#carry(id, { action: 'answer', agentId, callId: call.callKey });
                return { call: await this.#snapshot(call.callKey) } satisfies CommandResult<'acceptCall'>;
            }
            case 'declineCall': {
                const call = await this.#own(agentId, frame.params.callId);
                await this.#carry(id, { action: 'decline', agentId, callId: call.callKey });
                return { call: toSnapshot(call) } satisfies CommandResult<'declineCall'>;
            }
            case 'endCall': {
                // Ending a supervisor's call is leaving it.
                const supervising = await this.#supervising(agentId, frame.params.callId);
                if (supervising && supervising.state !== 'ended') {
                    await this.#carry(id, {
                        action: 'endSupervision',
                        agentId,
                        callId: supervising.supervisedKey!
                    });
                    return {
                        ended: [toSnapshot(supervising)],
                        remaining: await this.liveCalls(agentId)
                    } satisfies CommandResult<'endCall'>;
                }
                const call = await this.#own(agentId, frame.params.callId);
                await this.#carry(id, { action: 'hangUp', agentId, callId: call.callKey });
                return {
                    ended: [toSnapshot(call)],
                    remaining: await this.liveCalls(agentId)
                } satisfies CommandResult<'endCall'>;
            }
            case 'setMute': {
                await this.#carry(id, { action: 'mute', agentId, muted: frame.params.muted }, [
                    { type: 'muteChanged', isMuted: frame.params.muted }
                ]);
                // The muteChanged echo committed above is recorded by observe(); answered once that is stored, so
                // the agent's next sign-in anywhere starts muted.
                await this.#deviceWrites.get(agentId);
                return { isMuted: frame.params.muted } satisfies CommandResult<'setMute'>;
            }
            case 'setHold': {
                const call = await this.#own(agentId, frame.params.callId);
                await this.#carry(id, { action: 'hold', agentId, callId: call.callKey, onHold: frame.params.onHold });
                return { calls: await this.liveCalls(agentId) } satisfies CommandResult<'setHold'>;
            }
            case 'swap': {
                const held = await this.#own(agentId, frame.params.holdCallId);
                const resumed = await this.#own(agentId, frame.params.resumeCallId);
                await this.#carry(id, { action: 'hold', agentId, callId: held.callKey, onHold: true });
                await this.#carry(id, { action: 'hold', agentId, callId: resumed.callKey, onHold: false });
                return { calls: await this.liveCalls(agentId) } satisfies CommandResult<'swap'>;
            }
            case 'conference': {
                const calls = [];
                for (const callId of frame.params.callIds) calls.push(await this.#own(agentId, callId));
                for (const call of calls)
                    if (call.isOnHold)
                        await this.#carry(id, { action: 'hold', agentId, callId: call.callKey, onHold: false });
                return { calls: await this.liveCalls(agentId) } satisfies CommandResult<'conference'>;
            }
            case 'dial': {
                const result = await this.#carry(id, {
                    action: 'dial',
                    agentId,
                    destination: frame.params.destination
                });
                return { call: await this.#snapshot(result) } satisfies CommandResult<'dial'>;
            }
            case 'sendDigits': {
                if (frame.params.callId) await this.#own(agentId, frame.params.callId);
                await this.#carry(id, {
                    action: 'sendDigits',
                    agentId,
                    digits: frame.params.digits,
                    ...(frame.params.callId ? { callId: frame.params.callId } : {})
                });
                return {};
            }
            case 'addParticipant': {
                const call = await this.#own(agentId, frame.params.callId);
                const leg = await this.#carry(id, {
                    action: 'addParticipant',
                    agentId,
                    callId: call.callKey,
                    destination: frame.params.destination,
                    blind: frame.params.blind
                });
                return { call: await this.#snapshot(leg) } satisfies CommandResult<'addParticipant'>;
            }
            case 'setRecording': {
                const call = await this.#own(agentId, frame.params.callId);
                await this.#carry(id, {
                    action: 'recording',
                    agentId,
                    callId: call.callKey,
                    paused: frame.params.paused
                });
                return { isRecordingPaused: frame.params.paused } satisfies CommandResult<'setRecording'>;
            }
            case 'setPresence': {
                const p = frame.params;
                await this.#carry(id, {
                    action: 'presence',
                    agentId,
                    routable: p.enqueueNextState,
                    ...(p.statusName ? { statusName: p.statusName } : {})
                });
                await this.#recordDevice(agentId, {
                    vendorStatus: {
                        statusId: p.statusId ?? p.statusApiName ?? 'unknown',
                        statusName: p.statusName ?? p.agentStatus,
                        statusType: p.enqueueNextState ? 'ROUTABLE' : 'NOT_ROUTABLE'
                    }
                });
                return {};
            }
            case 'getVendorStatus':
                return (await this.agentState(agentId)).vendorStatus ?? {};
            case 'getContacts': {
                const { contains, types, limit, offset } = frame.params;
                const contacts =
                    (await this.#o.adapter.contacts?.({
                        ...(contains ? { contains } : {}),
                        ...(types ? { types } : {}),
                        limit: limit ?? 500,
                        offset: offset ?? 0
                    })) ?? [];
                return { contacts } satisfies CommandResult<'getContacts'>;
            }
            case 'setPhone':
                await this.#recordDevice(agentId, { phone: frame.params });
                return {};
            case 'wrapUp':
                if (!(await this.#supervising(agentId, frame.params.callId)))
                    await this.#own(agentId, frame.params.callId, 'ended too');
                await this.#o.pipeline.submit([], id, [
                    { agentId, causedBy: id, event: { type: 'wrapUpEnded', callId: frame.params.callId } }
                ]);
                return {};
            case 'signRecordingUrl': {
                // The telephony call is the vendorCallKey; Salesforce's callId beside it names its own record, so
                // ownership is checked by the key.
                await this.#own(agentId, frame.params.vendorCallKey, 'ended too');
                if (!this.#o.adapter.signRecordingUrl)
                    throw new CommandError('NOT_SUPPORTED', 'This telephony platform does not sign recording URLs.');
                return await this.#o.adapter.signRecordingUrl(frame.params.recordingUrl);
            }
            case 'supervise': {
                this.#mustSupport('supervisorListenIn', 'let a supervisor listen in');
                const call = await this.#supervisable(agentId, frame.params.callId);
                const key = supervisorCallKey(call.callKey, agentId);
                const supervising = await this.#supervising(agentId, call.callKey);
                if (!supervising || supervising.state === 'ended')
                    await this.#carry(id, {
                        action: 'supervise',
                        agentId,
                        callId: call.callKey,
                        mode: 'listen',
                        ...this.#supervisorName(agentId)
                    });
                return { call: await this.#snapshot(key) } satisfies CommandResult<'supervise'>;
            }
            case 'bargeIn': {
                this.#mustSupport('supervisorBargeIn', 'let a supervisor barge in');
                const supervising = await this.#supervisingLive(agentId, frame.params.callId);
                const call = await this.#supervisable(agentId, supervising.supervisedKey!);
                if (!supervising.hasSupervisorBargedIn)
                    await this.#carry(id, {
                        action: 'supervise',
                        agentId,
                        callId: call.callKey,
                        mode: 'barge',
                        ...this.#supervisorName(agentId)
                    });
                return { call: await this.#snapshot(supervising.callKey) } satisfies CommandResult<'bargeIn'>;
            }
            case 'supervisorDisconnect': {
                const supervising = await this.#supervising(agentId, frame.params.callId);
                if (!supervising)
                    throw new CommandError('UNKNOWN_CALL', `You are not supervising call ${frame.params.callId}.`);
                // Already over (the supervised call ended): nothing more ends.
                if (supervising.state === 'ended') return { ended: [] } satisfies CommandResult<'supervisorDisconnect'>;
                await this.#carry(id, { action: 'endSupervision', agentId, callId: supervising.supervisedKey! });
                return { ended: [toSnapshot(supervising)] } satisfies CommandResult<'supervisorDisconnect'>;
            }
            case 'pageMessage':
                this.#o.log.info({ agentId, pageMessageType: frame.params.message.type }, 'page message from agent');
                return {};
            case 'log':
                this.#o.log.info({ agentId, connectorLevel: frame.params.level }, frame.params.message);
                return {};
            case 'logout':
                return {};
            default:
                throw new CommandError('NOT_SUPPORTED', `This gateway does not support ${frame.command}.`);
        }
    }

    /**
     * The call, if it exists, is this agent's and (unless `ended` allows it: wrap-up, recordings) live; otherwise a
     * refusal that says which.
     */
    async #own(agentId: string, callId: string, ended: 'live' | 'ended too' = 'live'): Promise<LedgerCall> {
        const record = (await this.#o.store.loadCalls([callId])).get(callId);
        const call = record ? toLedgerCall(record) : undefined;
        if (!call || (call.state === 'ended' && ended === 'live'))
            throw new CommandError('UNKNOWN_CALL', `There is no live call ${callId}.`);
        if (call.agentId !== agentId) throw new CommandError('FORBIDDEN', `Call ${callId} is not one of your calls.`);
        return call;
    }

    /**
     * The supervisor's own call on `callId`, named by the supervised call's id (as their connector knows it) or by its
     * record key; undefined if this agent never supervised that call (or its record was purged).
     */
    async #supervising(agentId: string, callId: string): Promise<LedgerCall | undefined> {
        const key = supervisorCallKey(callId, agentId);
        const records = await this.#o.store.loadCalls([callId, key]);
        const named = records.get(callId);
        const direct = named ? toLedgerCall(named) : undefined;
        if (direct?.supervisedKey && direct.agentId === agentId) return direct;
        const record = records.get(key);
        return record ? toLedgerCall(record) : undefined;
    }

    async #supervisingLive(agentId: string, callId: string): Promise<LedgerCall> {
        const supervising = await this.#supervising(agentId, callId);
        if (!supervising || supervising.state === 'ended')
            throw new CommandError(
                'UNKNOWN_CALL',
                `You are not supervising call ${callId}: supervise it (listen in) first, then barge in.`
            );
        return supervising;
    }

    /** The call `callId` if this agent may supervise it now; otherwise a refusal that says why. */
    async #supervisable(agentId: string, callId: string): Promise<LedgerCall> {
        const record = (await this.#o.store.loadCalls([callId])).get(callId);
        const call = record ? toLedgerCall(record) : undefined;
        if (!call || call.state === 'ended') throw new CommandError('UNKNOWN_CALL', `There is no live call ${callId}.`);
        if (call.supervisedKey)
            throw new CommandError(
                'INVALID_PARTICIPANT',
                `${callId} is a supervisor's call; supervise the agent's call.`
            );
        if (!call.agentId)
            throw new CommandError(
                'CONFLICT',
                `Call ${callId} is waiting for an agent: there is no one to supervise yet.`
            );
        if (call.agentId === agentId)
            throw new CommandError('CONFLICT', `Call ${callId} is your own call: you cannot supervise it.`);
        const supervises = this.#o.directory.get(agentId)?.supervises ?? [];
        if (!supervises.includes(call.agentId)) {
            const name = this.#o.directory.get(call.agentId)?.displayName ?? call.agentId;
            throw new CommandError(
                'FORBIDDEN',
                `You may not supervise call ${callId}: it is ${name}'s call, and your account does not list ` +
                    `${call.agentId} among the agents you supervise (${supervises.length ? supervises.join(', ') : 'none'}); ` +
                    `an administrator adds it to the account's "supervises".`
            );
        }
        if (call.direction === 'leg')
            throw new CommandError(
                'INVALID_PARTICIPANT',
                `Call ${callId} is a third party's leg of call ${call.parentKey ?? '(unknown)'}: supervise that call.`
            );
        if (call.state !== 'connected')
            throw new CommandError(
                'CONFLICT',
                `Call ${callId} is ${call.state}: a supervisor can listen once the agent is talking to the caller.`
            );
        return call;
    }

    #mustSupport(capability: 'supervisorListenIn' | 'supervisorBargeIn', what: string): void {
        if (!this.#o.adapter.capabilities[capability])
            throw new CommandError('NOT_SUPPORTED', `This telephony platform cannot ${what}.`);
    }

    #supervisorName(agentId: string): { supervisorName?: string } {
        const name = this.#o.directory.get(agentId)?.displayName;
        return name ? { supervisorName: name } : {};
    }

    async #snapshot(callId: string | undefined): Promise<CallSnapshot> {
        const record = callId ? (await this.#o.store.loadCalls([callId])).get(callId) : undefined;
        if (!record) throw new CommandError('INTERNAL', 'The telephony platform did not report the call it started.');
        return toSnapshot(toLedgerCall(record));
    }

    /** Asks the platform, then commits what it did (and any agent-only echoes) as caused by the request. */
    async #carry(
        requestId: string,
        request: CarrierRequest,
        echoes: TelephonyEvent[] = []
    ): Promise<string | undefined> {
        const result = await this.#o.adapter.execute(request);
        const results = await this.#o.pipeline.submit(
            result.events,
            requestId,
            echoes.map((event) => ({ agentId: request.agentId, causedBy: requestId, event })),
            request.agentId
        );
        const rejected = results.find((r) => r.status === 'rejected');
        if (rejected && 'reason' in rejected)
            this.#o.log.warn({ requestId, reason: rejected.reason }, 'carrier event of a request was rejected');
        return result.callId;
    }
}
