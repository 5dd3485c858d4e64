// Salesforce on this machine, as far as the workbench needs it: the Telephony Integration API (the gateway package's
// emulator, on its own 127.0.0.1 port) whose VoiceCalls and transcripts are kept in SQLite (records-store.ts), the
// sample records of data/, and the server-side pieces the Voice Extension calls (Apex, UI API). It tells what changes
// as the page's stream events: the records' version, and each transcript message Salesforce stores.
import type { KeyObject } from 'node:crypto';
import {
    createTelephonyApiEmulator,
    type EmulatorRecordChange,
    type TelephonyApiEmulator
} from '@switchboard/gateway/emulator';
import type { RecordsView, StreamEvent } from '../api.js';
import { configuredDefaultCountryCode, matchPhoneNumbers } from './apex/caller-matcher.js';
import { loadDispositions, type DispositionOption } from './apex/voice-call-dispositions.js';
import {
    UnknownApexMethodError,
    VoiceExtensionController,
    invokeVoiceExtensionController
} from './apex/voice-extension-controller.js';
import { RecordsStore } from './records-store.js';
import { loadSampleData, type SampleData } from './sample-data.js';
import { uiRecord, type UiRecordAnswer, type UiSource } from './ui-api.js';
import { speakerOf, toVoiceCallRecord, toVoiceCallRow, voiceCallFields } from './voice-calls.js';

export interface SalesforceOrgOptions {
    /** The SQLite file that keeps the records (created if missing). */
    recordsFile: string;
    /** The certificate on the contact center, or the bare public key: the emulator verifies the gateway's JWTs. */
    certificatePem?: string;
    publicKey: KeyObject;
    orgId: string;
    callCenterApiName: string;
    /** data/ and force-app/call-automation/main/default. */
    sampleDataDir: string;
    forceAppDir: string;
    /** Coalesces bursts of changes into one `records` event. Default 50 ms. */
    recordsEventDelayMs?: number;
}

export class SalesforceOrg {
    readonly emulator: TelephonyApiEmulator;
    readonly sample: SampleData;
    readonly dispositions: DispositionOption[];
    readonly countryCode: string;
    readonly controller: VoiceExtensionController;
    readonly #store: RecordsStore;
    readonly #listeners = new Set<(event: StreamEvent) => void>();
    readonly #eventDelayMs: number;
    #recordsTimer: NodeJS.Timeout | undefined;
    #telephonyApiUrl = '';

    private constructor(options: SalesforceOrgOptions, store: RecordsStore) {
        this.#store = store;
        this.#eventDelayMs = options.recordsEventDelayMs ?? 50;
        this.sample = loadSampleData(options.sampleDataDir);
        this.dispositions = loadDispositions(options.forceAppDir);
        this.countryCode = configuredDefaultCountryCode(options.forceAppDir);
        this.emulator = createTelephonyApiEmulator({
            ...(options.certificatePem ? { certificatePem: options.certificatePem } : { publicKey: options.publicKey }),
            orgId: options.orgId,
            callCenterApiName: options.callCenterApiName,
            initial: store.load(),
            onChange: (change) => this.#changed(change)
        });
        this.controller = new VoiceExtensionController({
            records: {
                findByVendorCallKey: (key) => {
                    const call = this.emulator.state.findVoiceCall(key);
                    if (!call || call.vendorCallKey !== key) return undefined;
                    return toVoiceCallRow(call, this.#store.wrapUps().get(call.id));
                },
                save: (record) => {
                    this.#store.saveWrapUp(record.Id, record.Disposition__c, record.Description);
                    this.#recordsChanged();
                }
            },
            matchPhoneNumber: (phone) => matchPhoneNumbers([phone], this.sample, this.countryCode).get(phone),
            dispositions: () => this.dispositions
        });
    }

    /** Opens the records and starts the Telephony Integration API on 127.0.0.1 (a free port). */
    static async start(options: SalesforceOrgOptions): Promise<SalesforceOrg> {
        const store = RecordsStore.open(options.recordsFile);
        try {
            const org = new SalesforceOrg(options, store);
            const address = await org.emulator.app.listen({ host: '127.0.0.1', port: 0 });
            org.#telephonyApiUrl = `${address}/telephony/v1`;
            return org;
        } catch (error) {
            store.close();
            throw error;
        }
    }

    /** The Telephony Integration API base URL (the gateway's `salesforce.baseUrl`). */
    get telephonyApiUrl(): string {
        return this.#telephonyApiUrl;
    }

    /** Tells `records` and `transcript` stream events; returns the unsubscribe. */
    onEvent(listener: (event: StreamEvent) => void): () => void {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
    }

    /** GET /api/records: every VoiceCall, newest first, with its wrap-up and transcript. */
    records(): RecordsView {
        const wrapUps = this.#store.wrapUps();
        const { voiceCalls, transcripts } = this.emulator.state;
        return {
            version: this.#store.version,
            voiceCalls: [...voiceCalls.values()]
                .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
                .map((call) =>
                    toVoiceCallRecord(call, transcripts.get(call.conversationKey)?.messages, wrapUps.get(call.id))
                )
        };
    }

    /** DELETE /api/records: every VoiceCall, transcript and wrap-up gone, from memory and from the file. */
    clear(): RecordsView {
        this.emulator.state.reset(); // its onChange empties the store and tells the page
        return this.records();
    }

    /** POST /api/apex/<class>/<method>. */
    apex(className: string, method: string, params: unknown): unknown {
        if (className !== 'VoiceExtensionController')
            throw new UnknownApexMethodError(`The workbench has no stand-in for the Apex class ${className}.`);
        return invokeVoiceExtensionController(this.controller, method, params);
    }

    /** GET /api/ui-api/records/:id. */
    uiRecord(id: string, request: { fields: string[]; optionalFields: string[] }): UiRecordAnswer {
        return uiRecord(id, this.#uiSource(id), request);
    }

    async close(): Promise<void> {
        clearTimeout(this.#recordsTimer);
        await this.emulator.app.close();
        this.#store.close();
    }

    #uiSource(id: string): UiSource | undefined {
        const call = this.emulator.state.voiceCalls.get(id);
        if (call)
            return {
                apiName: 'VoiceCall',
                fields: voiceCallFields(call, this.#store.wrapUps().get(call.id)),
                picklistLabels: {
                    Disposition__c: Object.fromEntries(this.dispositions.map((option) => [option.value, option.label]))
                }
            };
        const record = this.sample.byId.get(id);
        return record ? { apiName: record.objectApiName, fields: record.fields } : undefined;
    }

    #changed(change: EmulatorRecordChange): void {
        this.#store.apply(change);
        if (change.type === 'transcriptMessage')
            this.#emit({
                type: 'transcript',
                vendorCallKey: change.conversationKey,
                messageId: change.message.messageId,
                speaker: speakerOf(change.message.senderType),
                text: change.message.content,
                at: change.message.startTime
            });
        this.#recordsChanged();
    }

    #recordsChanged(): void {
        if (this.#recordsTimer) return;
        this.#recordsTimer = setTimeout(() => {
            this.#recordsTimer = undefined;
            this.#emit({ type: 'records', version: this.#store.version });
        }, this.#eventDelayMs);
    }

    #emit(event: StreamEvent): void {
        for (const listener of this.#listeners) listener(event);
    }
}
