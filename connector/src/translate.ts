// Conversions between the agent channel's plain records and the library's classes. Every object Salesforce
// receives is built here, from the store, so a call looks the same in CALL_STARTED, in getActiveCalls and in a
// replay after a page refresh.
import {
    CONTACT_FILTER_TYPES,
    CONTACT_TYPES,
    type Capabilities,
    type CommandParams,
    type ContactEntry,
    type Destination
} from '@switchboard/contracts';
import type { CallRecord } from './call-store.js';
import { invalidParams } from './errors.js';
import * as sdk from './sdk.js';

/** The library's PhoneCall for a stored call. Button flags follow what the telephony side can do. */
export function toPhoneCall(
    call: CallRecord,
    capabilities: Capabilities,
    isMuted: boolean,
    reason?: string
): sdk.PhoneCall {
    const isLeg = call.participantType === 'Third_Party';
    const callInfo = new sdk.CallInfo({
        callStateTimestamp: new Date(call.startedAt),
        isOnHold: call.isOnHold,
        isMuted,
        isRecordingPaused: call.isRecordingPaused,
        ...(call.parentCallId ? { initialCallId: call.parentCallId } : {}),
        queueId: call.queue?.id ?? null,
        queueName: call.queue?.name ?? null,
        queueTimestamp: call.queue ? new Date(call.queue.enqueuedAt) : null,
        isSoftphoneCall: true,
        muteEnabled: capabilities.mute,
        holdEnabled: capabilities.hold,
        recordEnabled: capabilities.recording,
        swapEnabled: capabilities.swap,
        conferenceEnabled: capabilities.merge,
        showMuteButton: capabilities.mute,
        showRecordButton: capabilities.recording,
        showMergeButton: capabilities.merge,
        showSwapButton: capabilities.swap,
        showAddBlindTransferButton: capabilities.blindTransfer,
        isBargeable: capabilities.supervisorBargeIn,
        ...(call.isExternalTransfer !== undefined ? { isExternalTransfer: call.isExternalTransfer } : {})
    });
    const contact = new sdk.Contact({
        phoneNumber: call.phoneNumber,
        ...(call.contactName ? { name: call.contactName } : {}),
        type: 'PhoneNumber'
    });
    return new sdk.PhoneCall({
        callId: call.callId,
        callType: call.callType,
        contact,
        state: call.state,
        phoneNumber: call.phoneNumber,
        callInfo,
        callAttributes: {
            participantType: call.participantType,
            ...(call.voiceCallId ? { voiceCallId: call.voiceCallId } : {}),
            ...(call.parentCallId ? { parentId: call.parentCallId } : {}),
            isOnHold: call.isOnHold,
            hasSupervisorBargedIn: call.hasSupervisorBargedIn ?? false,
            ...(isLeg ? { initialCallHasEnded: call.initialCallHasEnded ?? false } : {})
        },
        ...(reason ? { reason } : {})
    });
}

/** The ParticipantResult the library expects for a transfer/conference leg. */
export function toParticipantResult(
    leg: CallRecord,
    capabilities: Capabilities,
    isMuted: boolean
): sdk.ParticipantResult {
    const phoneCall = toPhoneCall(leg, capabilities, isMuted);
    return new sdk.ParticipantResult({
        initialCallHasEnded: leg.initialCallHasEnded ?? false,
        callInfo: phoneCall.callInfo!,
        phoneNumber: leg.phoneNumber,
        callId: leg.callId
    });
}

/** Hold flags for the agent's conversation: the customer is the initial caller, third parties are the legs. */
export function toHoldToggleResult(
    calls: CallRecord[],
    capabilities: Capabilities,
    isMuted: boolean
): sdk.HoldToggleResult {
    // fromEntries makes own properties even of a call id like "__proto__", which assignment would turn into a prototype
    const byId: Record<string, sdk.PhoneCall> = Object.fromEntries(
        calls.map((call) => [call.callId, toPhoneCall(call, capabilities, isMuted)])
    );
    return new sdk.HoldToggleResult({
        isCustomerOnHold: calls.some((c) => c.participantType === 'Initial_Caller' && c.isOnHold),
        isThirdPartyOnHold: calls.some((c) => c.participantType === 'Third_Party' && c.isOnHold),
        calls: byId
    });
}

export function toCapabilitiesResult(capabilities: Capabilities | undefined): sdk.CapabilitiesResult {
    // Before sign-in nothing is known: claim nothing rather than the library's optimistic defaults.
    const c = capabilities;
    return new sdk.CapabilitiesResult({
        hasMute: c?.mute ?? false,
        hasRecord: c?.recording ?? false,
        hasMerge: c?.merge ?? false,
        hasSwap: c?.swap ?? false,
        hasSignedRecordingUrl: c?.signedRecordingUrl ?? false,
        debugEnabled: false,
        hasContactSearch: c?.contactSearch ?? false,
        hasAgentAvailability: c?.agentAvailability ?? false,
        hasQueueWaitTime: c?.queueWaitTime ?? false,
        // The agent channel carries no audio statistics yet.
        supportsMos: false,
        hasSupervisorListenIn: c?.supervisorListenIn ?? false,
        hasSupervisorBargeIn: c?.supervisorBargeIn ?? false,
        hasBlindTransfer: c?.blindTransfer ?? false,
        hasTransferToOmniFlow: c?.transferToOmniFlow ?? false,
        hasPendingStatusChange: false,
        hasPhoneBook: c?.phoneBook ?? false
    });
}

export function toContact(entry: ContactEntry): sdk.Contact {
    return new sdk.Contact({
        id: entry.id,
        type: entry.type,
        name: entry.name,
        ...(entry.phoneNumber ? { phoneNumber: entry.phoneNumber } : {}),
        ...(entry.extension ? { extension: entry.extension } : {}),
        ...(entry.prefix ? { prefix: entry.prefix } : {}),
        ...(entry.description ? { description: entry.description } : {}),
        ...(entry.recordId ? { recordId: entry.recordId } : {}),
        ...(entry.availability ? { availability: entry.availability } : {}),
        ...(entry.queueWaitTime ? { queueWaitTime: entry.queueWaitTime } : {})
    });
}

const PHONE_NUMBER = /^\+?[0-9*#()\-. ]{1,40}$/;

/** Where Salesforce asks to dial or transfer to, checked so the agent learns what is wrong with it. */
export function toDestination(contact: unknown): Destination {
    const c = (typeof contact === 'object' && contact !== null ? contact : {}) as Record<string, unknown>;
    const str = (key: string): string | undefined =>
        typeof c[key] === 'string' && c[key].trim() ? c[key].trim() : undefined;
    const phoneNumber = str('phoneNumber');
    const id = str('id');
    const typeText = str('type') ?? 'PhoneNumber';
    const type = CONTACT_TYPES.find((t) => t === typeText);
    if (!type) throw invalidParams(`Cannot call a contact of type "${typeText}".`, sdk.ERROR_TYPE.INVALID_DESTINATION);
    if (phoneNumber !== undefined && !PHONE_NUMBER.test(phoneNumber))
        throw invalidParams(
            `"${phoneNumber}" is not a phone number: use digits, optionally with a leading + and separators.`,
            sdk.ERROR_TYPE.INVALID_DESTINATION
        );
    if (!phoneNumber && !id)
        throw invalidParams(
            `A ${type} destination needs a phone number or an id; Salesforce sent neither.`,
            sdk.ERROR_TYPE.INVALID_DESTINATION
        );
    const name = str('name');
    const extension = str('extension');
    const prefix = str('prefix');
    return {
        type,
        ...(id ? { id } : {}),
        ...(phoneNumber ? { phoneNumber } : {}),
        ...(name ? { name: name.slice(0, 1024) } : {}),
        ...(extension ? { extension } : {}),
        ...(prefix ? { prefix } : {})
    };
}

/**
 * Salesforce's phone-book filter. Its shape is not documented for 3.6.2; the demo connector reads
 * `{contains, limit, offset, types}`. Unknown keys are ignored, wrong types rejected with a clear message.
 */
export function toContactsQuery(filter: unknown): CommandParams<'getContacts'> {
    if (filter === undefined || filter === null) return {};
    if (typeof filter !== 'object') throw invalidParams('The phone-book filter must be an object.');
    const f = filter as Record<string, unknown>;
    const query: CommandParams<'getContacts'> = {};
    if (f.contains !== undefined && f.contains !== null && f.contains !== '') {
        if (typeof f.contains !== 'string') throw invalidParams('The phone-book filter "contains" must be text.');
        query.contains = f.contains.slice(0, 1024);
    }
    if (f.types !== undefined && f.types !== null) {
        if (!Array.isArray(f.types)) throw invalidParams('The phone-book filter "types" must be a list.');
        const types = f.types.map((t) => {
            const type = CONTACT_FILTER_TYPES.find((known) => known === t);
            if (!type)
                throw invalidParams(
                    `Unknown phone-book filter type ${JSON.stringify(t)}; use ${CONTACT_FILTER_TYPES.join(', ')}.`
                );
            return type;
        });
        if (types.length) query.types = [...new Set(types)];
    }
    for (const key of ['limit', 'offset'] as const) {
        const value = f[key];
        if (value === undefined || value === null) continue;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < (key === 'limit' ? 1 : 0))
            throw invalidParams(`The phone-book filter "${key}" must be a whole number.`);
        query[key] = key === 'limit' ? Math.min(value, 500) : value;
    }
    return query;
}
