// The live call on a record page (VoiceCall, Case, Contact, Account, Lead, Opportunity...): listens on
// ServiceCloudVoiceMessageChannel__c with APPLICATION_SCOPE, so it hears the Voice Extension from any tab, and shows
// the call when it concerns this record. On load it asks the extension for the current state, so a page opened in
// the middle of a call shows it at once.
import { LightningElement, api, wire } from 'lwc';
import { MessageContext } from 'lightning/messageService';
import type { MessageContextValue } from 'lightning/messageService';
import { getFieldValue, getRecord } from 'lightning/uiRecordApi';
import type { RecordRepresentation, WireResult } from 'lightning/uiRecordApi';
import VENDOR_CALL_KEY from '@salesforce/schema/VoiceCall.VendorCallKey';
import { MESSAGE_SOURCES, createVoiceMessage, isNewer, parseVoiceMessage } from 'c/voiceMessageContract';
import type { CallStatePayload } from 'c/voiceMessageContract';
import { buildMonitorView, pickCall } from './monitorView';
import type { MonitorView } from './monitorView';
import { SecondTicker } from 'c/secondTicker';
import { VoiceChannel } from 'c/voiceChannel';

const SOURCE = MESSAGE_SOURCES.callMonitor;
/** Calls remembered; the oldest are forgotten beyond it. */
const MAX_CALLS = 10;

export default class VoiceCallMonitor extends LightningElement {
    @api recordId?: string;
    @api objectApiName?: string;

    @wire(MessageContext) messageContext?: MessageContextValue;

    view: MonitorView = buildMonitorView(null, 0);
    private vendorCallKey: string | null = null;
    private readonly snapshots = new Map<string, CallStatePayload>();
    private readonly channel = new VoiceChannel(
        () => this.messageContext,
        (message) => this.handleMessage(message)
    );
    private readonly ticker = new SecondTicker(() => this.refresh());

    // On a VoiceCall page the call is recognised by its VendorCallKey; optionalFields keep other pages quiet.
    @wire(getRecord, { recordId: '$recordId', optionalFields: [VENDOR_CALL_KEY] })
    wiredRecord({ data }: WireResult<RecordRepresentation>): void {
        const key = this.objectApiName === 'VoiceCall' && data ? getFieldValue(data, VENDOR_CALL_KEY) : null;
        this.vendorCallKey = typeof key === 'string' && key ? key : null;
        this.refresh();
    }

    override connectedCallback(): void {
        this.channel.open();
        this.channel.publish(createVoiceMessage(SOURCE, 'callStateRequest', { callId: null }));
    }

    override disconnectedCallback(): void {
        this.channel.close();
        this.ticker.stop();
    }

    private handleMessage(raw: unknown): void {
        const parsed = parseVoiceMessage(raw, SOURCE);
        if (!parsed.ok || parsed.message.type !== 'callState') return;
        const snapshot = parsed.message.payload;
        if (!isNewer(snapshot, this.snapshots.get(snapshot.callId))) return;
        this.snapshots.delete(snapshot.callId);
        this.snapshots.set(snapshot.callId, snapshot);
        while (this.snapshots.size > MAX_CALLS) {
            const oldest = this.snapshots.keys().next().value;
            if (oldest === undefined) break;
            this.snapshots.delete(oldest);
        }
        this.refresh();
    }

    private refresh(): void {
        const call = pickCall(this.snapshots.values(), this.recordId, this.vendorCallKey);
        this.view = buildMonitorView(call, Date.now());
        const ticking =
            call !== null && (call.phase === 'ringing' || call.phase === 'connected' || call.phase === 'onHold');
        this.ticker.runWhile(ticking);
    }
}
