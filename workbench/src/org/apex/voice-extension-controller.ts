// Stands in for the Apex class VoiceExtensionController
// (force-app/voice-extension/main/default/classes/VoiceExtensionController.cls), which the Voice Extension calls
// through `@salesforce/apex` imports: getCallerContext, getDispositionOptions and saveWrapUp, with the same checks in
// the same order and the same messages word for word. What the class reaches in the org comes in as ports: VoiceCall
// access (VoiceCallRecords.cls), CallerMatcher, VoiceCallDispositions.
//
// Not emulated: the record-triggered Flows that set a VoiceCall's Case__c, Opportunity__c, Lead__c and
// RelatedRecordId run only in an org, so here those are empty and the caller is found by phone number.
import type { CallerMatch } from './caller-matcher.js';
import type { DispositionOption } from './voice-call-dispositions.js';

/**
 * VoiceCall.Description's length. The describe is not in the project's standard-object catalog; 32,000 is the length
 * of Description (Long Text Area) on the standard objects that document it — unconfirmed for VoiceCall.
 */
const DESCRIPTION_MAX_LENGTH = 32_000;

/** An AuraHandledException (or an Aura framework refusal): answered 400 with `{ body: { message } }`. */
export class AuraHandledError extends Error {
    override readonly name = 'AuraHandledError';
}

/** The VoiceCall as VoiceCallRecords.findByVendorCallKey selects it (relationship fields as SOQL nests them). */
export interface VoiceCallRow {
    Id: string;
    VendorCallKey: string;
    FromPhoneNumber: string | null;
    RelatedRecordId: string | null;
    RelatedRecord: { Name: string | null; Type: string | null } | null;
    Case__c: string | null;
    Case__r: { CaseNumber: string | null; Subject: string | null } | null;
    Opportunity__c: string | null;
    Opportunity__r: { Name: string | null } | null;
    Lead__c: string | null;
    Lead__r: { Name: string | null } | null;
    Disposition__c: string | null;
    Description: string | null;
}

/** VoiceCallRecords.cls: the seam to the VoiceCall records. */
interface VoiceCallRecordsPort {
    /** The newest VoiceCall with this vendor call key. */
    findByVendorCallKey(vendorCallKey: string): VoiceCallRow | undefined;
    save(record: { Id: string; Disposition__c: string | null; Description: string | null }): void;
}

export interface VoiceExtensionControllerPorts {
    records: VoiceCallRecordsPort;
    /** CallerMatcher.matchPhoneNumbers for one number. */
    matchPhoneNumber(phoneNumber: string): CallerMatch | undefined;
    /** VoiceCallDispositions.active(). */
    dispositions(): DispositionOption[];
    descriptionMaxLength?: number;
}

interface RecordRef {
    id: string;
    label: string | null;
    objectApiName: string | null;
}

/** VoiceExtensionController.CallerContext as Aura serializes it. */
export interface CallerContext {
    vendorCallKey: string | null;
    voiceCallFound: boolean;
    voiceCallId: string | null;
    relatedRecord: RecordRef | null;
    caseRecord: RecordRef | null;
    opportunity: RecordRef | null;
    lead: RecordRef | null;
    disposition: string | null;
    notes: string | null;
    match: CallerMatch | null;
    relatedRecordIds: string[];
}

/** VoiceExtensionController.WrapUpResult. */
export interface WrapUpResult {
    voiceCallId: string;
    disposition: string | null;
    notes: string | null;
    changed: boolean;
}

/** Apex String.trim(): code points up to U+0020 off both ends. */
function apexTrim(value: string): string {
    let start = 0;
    let end = value.length;
    while (start < end && value.charCodeAt(start) <= 32) start++;
    while (end > start && value.charCodeAt(end - 1) <= 32) end--;
    return value.slice(start, end);
}

/** String.isBlank(value): null, empty or only white space. */
function isBlank(value: string | null): value is null {
    return value === null || /^\s*$/.test(value);
}

function blankToNull(value: string | null): string | null {
    return isBlank(value) ? null : apexTrim(value);
}

/** Apex `!=` on Strings: null-safe and case-insensitive. */
function apexDiffers(a: string | null, b: string | null): boolean {
    if (a === null || b === null) return a !== b;
    return a.toLowerCase() !== b.toLowerCase();
}

function reference(id: string | null, label: string | null, objectApiName: string | null): RecordRef | null {
    return id === null ? null : { id, label, objectApiName };
}

function caseLabel(related: VoiceCallRow['Case__r']): string | null {
    if (related === null) return null;
    return isBlank(related.Subject) ? related.CaseNumber : `${related.CaseNumber} · ${related.Subject}`;
}

export class VoiceExtensionController {
    readonly #ports: VoiceExtensionControllerPorts;

    constructor(ports: VoiceExtensionControllerPorts) {
        this.#ports = ports;
    }

    getCallerContext(vendorCallKey: string | null, phoneNumber: string | null): CallerContext {
        const key = this.#validKey(vendorCallKey);
        let phone = blankToNull(phoneNumber);
        if (key === null && phone === null)
            throw new AuraHandledError("Give the call's vendor call key or the caller's phone number.");
        const context: CallerContext = {
            vendorCallKey: key,
            voiceCallFound: false,
            voiceCallId: null,
            relatedRecord: null,
            caseRecord: null,
            opportunity: null,
            lead: null,
            disposition: null,
            notes: null,
            match: null,
            relatedRecordIds: []
        };
        const call = key === null ? undefined : this.#ports.records.findByVendorCallKey(key);
        if (call) {
            this.#fillFromVoiceCall(context, call);
            phone = phone ?? call.FromPhoneNumber;
        }
        if (context.relatedRecord === null && phone !== null) this.#addPhoneMatch(context, phone);
        return context;
    }

    getDispositionOptions(): DispositionOption[] {
        return this.#ports.dispositions();
    }

    saveWrapUp(vendorCallKey: string | null, disposition: string | null, notes: string | null): WrapUpResult {
        const key = blankToNull(vendorCallKey);
        if (key === null) throw new AuraHandledError("The wrap-up needs the call's vendor call key.");
        const validDisposition = this.#validDisposition(disposition);
        const validNotes = this.#validNotes(notes);
        const call = this.#ports.records.findByVendorCallKey(key);
        if (!call)
            throw new AuraHandledError(
                `No call record with vendor call key ${key} is visible to you yet. The telephony system creates it; your notes are kept, try saving again in a moment.`
            );
        const changed = apexDiffers(call.Disposition__c, validDisposition) || apexDiffers(call.Description, validNotes);
        if (changed) {
            try {
                this.#ports.records.save({ Id: call.Id, Disposition__c: validDisposition, Description: validNotes });
            } catch (error) {
                throw new AuraHandledError(
                    `The wrap-up was not saved: ${error instanceof Error ? error.message : String(error)}`
                );
            }
        }
        return { voiceCallId: call.Id, disposition: validDisposition, notes: validNotes, changed };
    }

    #validDisposition(disposition: string | null): string | null {
        const value = blankToNull(disposition);
        const allowed = this.#ports.dispositions().map((option) => option.value);
        if (value !== null && !allowed.includes(value))
            throw new AuraHandledError(`Unknown disposition "${value}". Choose one of: ${allowed.join(', ')}.`);
        return value;
    }

    #validNotes(notes: string | null): string | null {
        const summary = isBlank(notes) ? null : notes;
        const maxLength = this.#ports.descriptionMaxLength ?? DESCRIPTION_MAX_LENGTH;
        if (summary !== null && maxLength > 0 && summary.length > maxLength)
            throw new AuraHandledError(
                `Notes are limited to ${maxLength} characters; shorten them by ${summary.length - maxLength}.`
            );
        return summary;
    }

    #validKey(vendorCallKey: string | null): string | null {
        const key = blankToNull(vendorCallKey);
        if (key !== null && key.length > 255)
            throw new AuraHandledError('A vendor call key has at most 255 characters.');
        return key;
    }

    #addPhoneMatch(context: CallerContext, phoneNumber: string): void {
        const match = this.#ports.matchPhoneNumber(phoneNumber);
        if (match) {
            context.match = match;
            addRelated(context, match.recordId);
            addRelated(context, match.accountId);
        }
    }

    #fillFromVoiceCall(context: CallerContext, call: VoiceCallRow): void {
        context.voiceCallFound = true;
        context.voiceCallId = call.Id;
        context.disposition = call.Disposition__c;
        context.notes = call.Description;
        context.relatedRecord = reference(
            call.RelatedRecordId,
            call.RelatedRecord?.Name ?? null,
            call.RelatedRecord?.Type ?? null
        );
        context.caseRecord = reference(call.Case__c, caseLabel(call.Case__r), 'Case');
        context.opportunity = reference(call.Opportunity__c, call.Opportunity__r?.Name ?? null, 'Opportunity');
        context.lead = reference(call.Lead__c, call.Lead__r?.Name ?? null, 'Lead');
        for (const related of [call.RelatedRecordId, call.Case__c, call.Opportunity__c, call.Lead__c])
            addRelated(context, related);
    }
}

function addRelated(context: CallerContext, recordId: string | null): void {
    if (recordId !== null && !context.relatedRecordIds.includes(recordId)) context.relatedRecordIds.push(recordId);
}

/** Thrown for a method the class does not have: answered 404. */
export class UnknownApexMethodError extends Error {
    override readonly name = 'UnknownApexMethodError';
}

/**
 * One `@AuraEnabled` call as Aura makes it: the parameters by name in a JSON object, absent ones null. A parameter
 * that is not a String is refused as Aura refuses it.
 */
export function invokeVoiceExtensionController(
    controller: VoiceExtensionController,
    method: string,
    params: unknown
): unknown {
    const args = (params ?? {}) as Record<string, unknown>;
    if (typeof args !== 'object' || Array.isArray(args))
        throw new AuraHandledError('The parameters of an Apex method are a JSON object of name and value.');
    const string = (name: string): string | null => {
        const value = args[name];
        if (value === undefined || value === null) return null;
        if (typeof value !== 'string')
            throw new AuraHandledError(`Value provided is invalid for action parameter '${name}' of type 'String'`);
        return value;
    };
    switch (method) {
        case 'getCallerContext':
            return controller.getCallerContext(string('vendorCallKey'), string('phoneNumber'));
        case 'getDispositionOptions':
            return controller.getDispositionOptions();
        case 'saveWrapUp':
            return controller.saveWrapUp(string('vendorCallKey'), string('disposition'), string('notes'));
        default:
            throw new UnknownApexMethodError(`VoiceExtensionController has no @AuraEnabled method ${method}.`);
    }
}
