// Stands in for the VoiceCall object as the org exposes it: one record from what the Telephony Integration API set
// (the emulator's record) and what the agent's wrap-up saved on it (Disposition__c, Description), in the shapes the
// page (api.ts), the Apex stand-in (VoiceCallRecords.cls's query) and the UI API stand-in read.
import type { EmulatedTranscriptMessage, EmulatedVoiceCall } from '@switchboard/gateway/emulator';
import type { VoiceCallRecord } from '../api.js';
import type { VoiceCallRow } from './apex/voice-extension-controller.js';
import type { StoredWrapUp } from './records-store.js';

/** The transcript's speaker in the words of the scenario panel (`say`): customer, agent, virtual_agent, supervisor. */
export function speakerOf(senderType: EmulatedTranscriptMessage['senderType']): string {
    switch (senderType) {
        case 'END_USER':
            return 'customer';
        case 'HUMAN_AGENT':
            return 'agent';
        case 'VIRTUAL_AGENT':
            return 'virtual_agent';
        case 'SUPERVISOR':
            return 'supervisor';
    }
}

/** GET /api/records' view of one call. Only the first call of a conversation holds the transcript. */
export function toVoiceCallRecord(
    call: EmulatedVoiceCall,
    transcript: readonly EmulatedTranscriptMessage[] | undefined,
    wrapUp: StoredWrapUp | undefined
): VoiceCallRecord {
    return {
        id: call.id,
        vendorCallKey: call.vendorCallKey,
        createdAt: call.createdAt,
        fields: { ...call.create, ...call.fields },
        ...(call.parentId ? { parentId: call.parentId } : {}),
        isActive: call.isActive,
        ...(wrapUp ? { wrapUp: { disposition: wrapUp.disposition, notes: wrapUp.notes } } : {}),
        transcript:
            call.conversationKey === call.vendorCallKey
                ? (transcript ?? []).map((message) => ({
                      messageId: message.messageId,
                      speaker: speakerOf(message.senderType),
                      text: message.content,
                      at: message.startTime
                  }))
                : []
    };
}

/**
 * The row VoiceCallRecords.findByVendorCallKey selects. The Case, Opportunity, Lead and related record are set by
 * Flows that run only in an org, so they are empty here.
 */
export function toVoiceCallRow(call: EmulatedVoiceCall, wrapUp: StoredWrapUp | undefined): VoiceCallRow {
    return {
        Id: call.id,
        VendorCallKey: call.vendorCallKey,
        FromPhoneNumber: call.create.from || null,
        RelatedRecordId: null,
        RelatedRecord: null,
        Case__c: null,
        Case__r: null,
        Opportunity__c: null,
        Opportunity__r: null,
        Lead__c: null,
        Lead__r: null,
        Disposition__c: wrapUp?.disposition ?? null,
        Description: wrapUp?.notes ?? null
    };
}

/**
 * VoiceCall fields by API name, as the org would hold them after the Telephony Integration API's Create and
 * Updates (voice-platform.md §6) and the wrap-up. Fields nobody set are null.
 */
export function voiceCallFields(
    call: EmulatedVoiceCall,
    wrapUp: StoredWrapUp | undefined
): Record<string, string | number | boolean | null> {
    const f = call.fields;
    return {
        Id: call.id,
        VendorCallKey: call.vendorCallKey,
        CallType: call.create.initiationMethod,
        FromPhoneNumber: f.fromNumber ?? call.create.from,
        ToPhoneNumber: call.create.to,
        CallStartDateTime: f.startTime ?? call.create.startTime,
        CallAcceptDateTime: f.acceptTime ?? null,
        CallEndDateTime: f.endTime ?? null,
        CallDisposition: call.callDisposition ?? null,
        CallOrigin: f.callOrigin ?? call.create.callOrigin ?? null,
        CallSubtype: call.create.callSubtype ?? null,
        QueueName: f.queue ?? call.create.queue ?? null,
        NumberOfHolds: f.numberOfHolds ?? null,
        CustomerHoldDuration: f.totalHoldDuration ?? null,
        LongestHoldDuration: f.longestHoldDuration ?? null,
        IsRecorded: call.recordings.length > 0,
        DisconnectReason: f.disconnectReason?.value ?? null,
        Disposition__c: wrapUp?.disposition ?? null,
        Description: wrapUp?.notes ?? null,
        CreatedDate: new Date(call.createdAt).toISOString()
    };
}
