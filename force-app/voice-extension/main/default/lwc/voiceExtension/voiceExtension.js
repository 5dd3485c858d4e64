// Generated from voiceExtension.ts by `npm run build`. Do not edit: change the .ts and rebuild.
// The agent's in-call panel inside the Omni-Channel softphone (a Voice Extension). It listens to the Voice Toolkit,
// keeps every call in the call model, shows the active one, publishes call state on ServiceCloudVoiceMessageChannel__c
// for record pages, and saves the wrap-up through Apex.
//
// It has no call controls: Salesforce's softphone, right above it on the same screen, already gives the agent mute,
// hold, recording, end, transfer, merge, swap, removing a party and the keypad. A second set of the same buttons only
// makes the agent choose between them and pushes the wrap-up further down a 320 px panel.
//
// It subscribes to the Toolkit exactly once per connection (the element exists only after the first render) and
// removes every listener when disconnected.
import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { MessageContext } from 'lightning/messageService';
import getCallerContext from '@salesforce/apex/VoiceExtensionController.getCallerContext';
import getDispositionOptions from '@salesforce/apex/VoiceExtensionController.getDispositionOptions';
import saveWrapUp from '@salesforce/apex/VoiceExtensionController.saveWrapUp';
import {
    TOOLKIT_EVENT_NAMES,
    activeCall,
    describeChange,
    initialState,
    isLive,
    reduceToolkitEvent
} from 'c/callStateReducer';
import { MESSAGE_SOURCES, callStatePayload, createVoiceMessage, parseVoiceMessage } from 'c/voiceMessageContract';
import { DRAFT_STORAGE_MESSAGE, describeError } from './agentErrors';
import { buildView, toCallerContext, unsavedDraftViews, wrapUpProblem } from './voiceExtensionView';
import { WrapUpDrafts, browserSessionStorage } from './wrapUpDrafts';
import { INITIAL_FOLLOW, jumpLabel, jumpToLatest, newestKey, onLines, onScroll, unseenCount } from './transcriptFollow';
import { SecondTicker } from 'c/secondTicker';
import { VoiceChannel } from 'c/voiceChannel';
const SOURCE = MESSAGE_SOURCES.voiceExtension;
const TOOLKIT_TAG = 'lightning-service-cloud-voice-toolkit-api';
/** Lookups per call: the VoiceCall may not exist yet when the call starts (the partner creates it). */
const MAX_CALLER_LOOKUPS = 4;
const DEFAULT_TRANSCRIPT_LENGTH = 200;
export default class VoiceExtension extends NavigationMixin(LightningElement) {
    /** App Builder: hide the live transcript (on by default). */
    @api
    hideTranscript = false;
    /** App Builder: transcript lines kept per call (10-2000). */
    @api
    transcriptLength = DEFAULT_TRANSCRIPT_LENGTH;
    /** App Builder: log ignored Toolkit events and LMS messages to the browser console. */
    @api
    debug = false;
    @wire(MessageContext)
    messageContext;
    view = buildView({ call: null, caller: null, now: 0, showTranscript: false });
    announcement = '';
    errorText = null;
    /** The raw codes and messages behind errorText, shown under "Details". */
    errorDetail = null;
    dispositionOptions = [];
    draftDisposition = '';
    draftNotes = '';
    wrapUpStatus = 'idle';
    wrapUpMessage = '';
    wrapUpDetail = '';
    /** Unsaved wrap-ups of other calls (an earlier call, or any call before a reload), each with Save and Discard. */
    unsavedDrafts = [];
    /** Whether the transcript follows new lines, or the agent scrolled up to read (see transcriptFollow). */
    follow = INITIAL_FOLLOW;
    model = initialState();
    callers = {};
    lookups = new Map();
    /** Calls whose caller lookup is in flight. */
    lookingUp = new Set();
    /** Until the dispositions arrive the disposition box says it is loading. */
    dispositionsLoading = true;
    drafts = new WrapUpDrafts(browserSessionStorage(), (error) => this.reportUnstoredDraft(error));
    unstoredDraftReported = false;
    /** Listed drafts being saved, or whose save failed, by call id. */
    draftStatuses = {};
    /** The transcript's scrolling box while it is rendered, and the line it was last scrolled down to. */
    transcriptBox = null;
    scrolledToKey = null;
    onTranscriptScroll = () => this.handleTranscriptScroll();
    draftCallId = null;
    /** The call whose wrap-up form was already considered for focus: once per call, never again on later renders. */
    wrapUpFocusedFor = null;
    toolkit = null;
    channel = new VoiceChannel(
        () => this.messageContext,
        (message) => this.handleMessage(message)
    );
    ticker = new SecondTicker(() => this.refresh());
    sequence = 0;
    /** Tells record pages apart from the snapshots of an earlier (reloaded) instance of this panel. */
    publisherId = `ve-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    published = new Map();
    onToolkitEvent = (event) => this.handleToolkitEvent(event);
    connectedCallback() {
        this.channel.open();
        getDispositionOptions()
            .then((options) => {
                this.dispositionOptions = Array.isArray(options)
                    ? options
                          .filter((o) => !!o && typeof o.value === 'string')
                          .map((o) => ({ label: o.label || o.value, value: o.value }))
                    : [];
            })
            .catch((error) => this.reportError(error, { failed: 'Dispositions could not be loaded.', access: 'read' }))
            .finally(() => {
                this.dispositionsLoading = false;
            });
        this.refreshDrafts(); // after a reload no Toolkit event may come for an ended call: its draft is listed now
    }
    renderedCallback() {
        this.followTranscript();
        this.focusWrapUp();
        if (this.toolkit) return;
        const toolkit = this.template?.querySelector(TOOLKIT_TAG) ?? null;
        if (!toolkit) return;
        for (const name of TOOLKIT_EVENT_NAMES) toolkit.addEventListener(name, this.onToolkitEvent);
        this.toolkit = toolkit;
    }
    /**
     * Keeps the transcript's scroll listener on the box that is rendered (passive: it never blocks scrolling), and
     * scrolls to the newest line when the transcript follows and a line arrived.
     */
    followTranscript() {
        const box = this.template?.querySelector('[data-id="transcript-log"]') ?? null;
        if (box !== this.transcriptBox) {
            this.transcriptBox?.removeEventListener('scroll', this.onTranscriptScroll);
            box?.addEventListener('scroll', this.onTranscriptScroll, { passive: true });
            this.transcriptBox = box;
            this.scrolledToKey = null;
        }
        const newest = newestKey(this.transcriptKeys);
        if (!box || !this.follow.following || newest === this.scrolledToKey) return;
        this.scrolledToKey = newest;
        box.scrollTop = box.scrollHeight;
    }
    handleTranscriptScroll() {
        const box = this.transcriptBox;
        if (box) this.follow = onScroll(this.follow, box, this.transcriptKeys);
    }
    handleJumpToLatest() {
        const keys = this.transcriptKeys;
        this.follow = jumpToLatest(this.follow, keys);
        this.scrolledToKey = newestKey(keys);
        const box = this.transcriptBox;
        if (box) {
            box.scrollTop = box.scrollHeight;
            box.focus(); // the button goes away: the agent stays in the transcript they were reading
        }
    }
    get transcriptKeys() {
        return this.view.transcript.map((line) => line.key);
    }
    get showJumpToLatest() {
        return this.view.hasTranscript && !this.follow.following;
    }
    get jumpToLatestLabel() {
        return jumpLabel(unseenCount(this.follow, this.transcriptKeys));
    }
    /**
     * When the wrap-up form appears, the agent's next step is its disposition. The call is ended with the softphone's
     * button, outside this panel, so focus moves only when nothing else holds it: it is in this panel, or lost (the
     * softphone's End call went away or was disabled). An agent typing in a record keeps their focus. Decided once
     * per call, when the form first renders: later renders (transcript lines, the timer) never move it.
     */
    focusWrapUp() {
        const callId = this.draftCallId;
        if (!this.view.showWrapUp || !callId || this.wrapUpFocusedFor === callId) return;
        const field = this.template?.querySelector('[data-id="wrap-up"] lightning-combobox');
        if (!field) return;
        this.wrapUpFocusedFor = callId;
        if (this.focusIsInside() || focusIsLost()) field.focus();
    }
    focusIsInside() {
        return !!this.template?.activeElement;
    }
    disconnectedCallback() {
        if (this.toolkit) {
            for (const name of TOOLKIT_EVENT_NAMES) this.toolkit.removeEventListener(name, this.onToolkitEvent);
            this.toolkit = null;
        }
        this.channel.close();
        this.ticker.stop();
        this.transcriptBox?.removeEventListener('scroll', this.onTranscriptScroll);
        this.transcriptBox = null;
    }
    get hasError() {
        return this.errorText !== null;
    }
    get dispositionPlaceholder() {
        return this.dispositionsLoading ? 'Loading dispositions…' : 'Choose a disposition';
    }
    get isSaving() {
        return this.wrapUpStatus === 'saving';
    }
    /** Why Save is disabled, shown beside it; null when the wrap-up can be saved. */
    get wrapUpReason() {
        return wrapUpProblem(this.draftDisposition, this.draftNotes);
    }
    /** Links Save to the sentence saying why it is disabled, so screen readers hear it with the button. */
    get saveDescribedBy() {
        return this.wrapUpReason === null ? null : 'wrap-up-reason';
    }
    get hasUnsavedDrafts() {
        return this.unsavedDrafts.length > 0;
    }
    get saveDisabled() {
        return this.isSaving || this.wrapUpReason !== null;
    }
    get showWrapUpDetail() {
        return this.wrapUpStatus === 'error' && this.wrapUpDetail !== '';
    }
    get wrapUpMessageClass() {
        return this.wrapUpStatus === 'error' ? 'slds-text-color_error' : 'slds-text-color_success';
    }
    get capacity() {
        const n = Number(this.transcriptLength);
        return Number.isInteger(n) ? Math.min(Math.max(n, 10), 2000) : DEFAULT_TRANSCRIPT_LENGTH;
    }
    // ----- Toolkit events -----
    handleToolkitEvent(event) {
        const detail = event instanceof CustomEvent ? event.detail : undefined;
        const before = this.model;
        const { state, outcome } = reduceToolkitEvent(
            before,
            { name: event.type, detail, receivedAt: Date.now() },
            { transcriptCapacity: this.capacity }
        );
        if (!outcome.applied) {
            this.log(`ignored ${event.type}: ${outcome.reason}`);
            return;
        }
        this.model = state;
        const call = state.calls[outcome.callId] ?? null;
        const previous = before.calls[outcome.callId] ?? null;
        this.announce(describeChange(previous, call));
        if (call) this.afterCallChange(previous, call);
        this.forgetDroppedCalls();
        this.refresh();
    }
    afterCallChange(previous, call) {
        const known = this.callers[call.callId];
        const learnedNumber = !!call.customerNumber && previous?.customerNumber !== call.customerNumber;
        if (!known?.voiceCallFound && (!previous || previous.phase !== call.phase || learnedNumber))
            this.lookUpCaller(call);
        this.publishCall(call.callId);
    }
    lookUpCaller(call) {
        const attempts = this.lookups.get(call.callId) ?? 0;
        if (attempts >= MAX_CALLER_LOOKUPS) return;
        this.lookups.set(call.callId, attempts + 1);
        this.lookingUp.add(call.callId);
        getCallerContext({ vendorCallKey: call.callId, phoneNumber: call.customerNumber })
            .then((raw) => {
                this.lookingUp.delete(call.callId);
                this.callers = { ...this.callers, [call.callId]: toCallerContext(raw) };
                this.refresh();
                this.publishCall(call.callId);
            })
            .catch((error) => {
                this.lookingUp.delete(call.callId);
                this.refresh();
                this.reportError(error, { failed: 'The caller could not be looked up.', access: 'read' });
            });
    }
    forgetDroppedCalls() {
        for (const id of [...this.published.keys()]) if (!this.model.calls[id]) this.published.delete(id);
        for (const id of [...this.lookups.keys()]) if (!this.model.calls[id]) this.lookups.delete(id);
        for (const id of [...this.lookingUp]) if (!this.model.calls[id]) this.lookingUp.delete(id);
    }
    // ----- view -----
    refresh() {
        const now = Date.now();
        const unsaved = activeCall(this.model) ? null : this.unsavedWrapUpCall();
        const call = activeCall(this.model) ?? unsaved;
        this.view = buildView({
            call,
            caller: call ? (this.callers[call.callId] ?? null) : null,
            now,
            showTranscript: !this.hideTranscript,
            unsavedWrapUp: unsaved !== null,
            lookingUpCaller: call ? this.lookingUp.has(call.callId) : false
        });
        this.follow = onLines(this.follow, this.view.callId, this.transcriptKeys);
        this.syncDraft(call);
        this.refreshDrafts();
        this.ticker.runWhile(!!call && (isLive(call) || this.view.showWrapUp));
    }
    announce(lines) {
        if (lines.length) this.announcement = lines.join('. ');
    }
    showError(message, detail = null) {
        this.errorText = message;
        this.errorDetail = detail || null;
        this.announcement = message;
    }
    /** Every caught error reaches the agent, in words they understand; the raw error goes under "Details". */
    reportError(error, context) {
        const described = describeError(error, { online: browserOnline(), ...context });
        this.showError(described.message, described.detail);
    }
    /** Said once per panel: the notes are on screen, but would not survive a reload. */
    reportUnstoredDraft(error) {
        if (this.unstoredDraftReported) return;
        this.unstoredDraftReported = true;
        this.showError(DRAFT_STORAGE_MESSAGE, describeError(error).detail);
    }
    handleDismissError() {
        this.errorText = null;
        this.errorDetail = null;
    }
    log(message) {
        if (this.debug) console.debug(`[Switchboard Voice Extension] ${message}`);
    }
    // ----- records -----
    handleOpenRecord(event) {
        const recordId = event.currentTarget?.dataset.recordId;
        if (!recordId) return;
        const page = { type: 'standard__recordPage', attributes: { recordId, actionName: 'view' } };
        const navigate = this[NavigationMixin.Navigate];
        navigate?.call(this, page);
    }
    // ----- wrap-up -----
    /** A finished call whose wrap-up the agent typed and has not saved: it keeps the panel until it is saved. */
    unsavedWrapUpCall() {
        const call = this.draftCallId ? this.model.calls[this.draftCallId] : undefined;
        return call?.phase === 'done' && this.drafts.get(call.callId) ? call : null;
    }
    syncDraft(call) {
        if (!call || !this.view.showWrapUp || this.draftCallId === call.callId) return;
        this.draftCallId = call.callId;
        const caller = this.callers[call.callId];
        const draft = this.drafts.get(call.callId);
        this.draftDisposition = draft?.disposition ?? caller?.disposition ?? '';
        this.draftNotes = draft?.notes ?? caller?.notes ?? '';
        this.wrapUpStatus = 'idle';
        this.wrapUpMessage = '';
        this.wrapUpDetail = '';
    }
    handleDispositionChange(event) {
        this.draftDisposition = typeof event.detail?.value === 'string' ? event.detail.value : '';
        this.keepDraft();
    }
    handleNotesChange(event) {
        const target = event.target;
        this.draftNotes = typeof target?.value === 'string' ? target.value : '';
        this.keepDraft();
    }
    keepDraft() {
        const callId = this.draftCallId;
        if (!callId) return;
        const caller = this.callers[callId];
        this.drafts.set(
            callId,
            {
                disposition: this.draftDisposition,
                notes: this.draftNotes,
                callerLabel: caller?.relatedRecord?.label ?? caller?.match?.name ?? null,
                customerNumber: this.model.calls[callId]?.customerNumber ?? null,
                voiceCallId: caller?.voiceCallId ?? null
            },
            Date.now()
        );
        if (this.wrapUpStatus === 'saved') this.wrapUpStatus = 'idle';
    }
    // ----- unsaved wrap-ups of other calls -----
    /** Lists every kept draft except the one in the form; drafts past their age limit go here. */
    refreshDrafts() {
        const shown = this.view.showWrapUp ? this.draftCallId : null;
        this.unsavedDrafts = unsavedDraftViews(this.drafts.list(Date.now()), shown, this.draftStatuses);
    }
    setDraftStatus(callId, status) {
        const next = { ...this.draftStatuses };
        if (status) next[callId] = status;
        else delete next[callId];
        this.draftStatuses = next;
    }
    handleDraftDispositionChange(event) {
        const callId = event.currentTarget?.dataset.callId;
        const draft = callId ? this.drafts.get(callId) : null;
        if (!callId || !draft) return;
        const disposition = typeof event.detail?.value === 'string' ? event.detail.value : '';
        this.drafts.set(callId, { disposition, notes: draft.notes }, Date.now());
        this.refreshDrafts();
    }
    /** Saves a listed draft through the same Apex as the form, by the draft's vendor call key. */
    handleSaveDraft(event) {
        const callId = event.currentTarget?.dataset.callId;
        const draft = callId ? this.drafts.get(callId) : null;
        if (!callId || !draft || this.draftStatuses[callId]?.saving) return;
        if (wrapUpProblem(draft.disposition, draft.notes) !== null) return;
        this.setDraftStatus(callId, { saving: true, message: '', detail: '' });
        this.refreshDrafts();
        saveWrapUp({ vendorCallKey: callId, disposition: draft.disposition, notes: draft.notes })
            .then((saved) => {
                this.notifyRecordsChanged(callId, saved);
                this.drafts.clear(callId);
                this.setDraftStatus(callId, null);
                const caller = this.callers[callId];
                if (caller)
                    this.callers = {
                        ...this.callers,
                        [callId]: { ...caller, disposition: draft.disposition || null, notes: draft.notes || null }
                    };
                this.announcement = `Wrap-up saved: ${draft.callerLabel ?? draft.customerNumber ?? 'Unknown caller'}`;
                this.refresh();
            })
            .catch((error) => {
                const described = describeError(error, {
                    failed: 'Wrap-up not saved.',
                    notesKept: true,
                    online: browserOnline()
                });
                this.setDraftStatus(callId, { saving: false, message: described.message, detail: described.detail });
                this.announcement = described.message;
                this.refreshDrafts();
            });
    }
    /** Discards a listed draft: the button's name says what it does, and the draft is gone. */
    handleDiscardDraft(event) {
        const callId = event.currentTarget?.dataset.callId;
        if (!callId || this.draftStatuses[callId]?.saving) return;
        const draft = this.drafts.get(callId);
        this.drafts.clear(callId);
        this.setDraftStatus(callId, null);
        this.announcement = `Wrap-up discarded: ${draft?.callerLabel ?? draft?.customerNumber ?? 'Unknown caller'}`;
        this.refresh();
    }
    handleSaveWrapUp() {
        const callId = this.draftCallId;
        if (!callId || this.wrapUpStatus === 'saving' || this.wrapUpReason !== null) return;
        this.wrapUpStatus = 'saving';
        this.wrapUpMessage = 'Saving…';
        this.wrapUpDetail = '';
        saveWrapUp({ vendorCallKey: callId, disposition: this.draftDisposition, notes: this.draftNotes })
            .then((saved) => {
                this.notifyRecordsChanged(callId, saved);
                this.drafts.clear(callId);
                const caller = this.callers[callId];
                if (caller)
                    this.callers = {
                        ...this.callers,
                        [callId]: {
                            ...caller,
                            disposition: this.draftDisposition || null,
                            notes: this.draftNotes || null
                        }
                    };
                this.wrapUpStatus = 'saved';
                this.wrapUpMessage = 'Wrap-up saved.';
                this.announcement = 'Wrap-up saved';
                this.refresh(); // a wrap-up kept after after-call work ended can now make way
            })
            .catch((error) => {
                // the notes stay in the form and in the draft: nothing is cleared on any error
                const described = describeError(error, {
                    failed: 'Wrap-up not saved.',
                    notesKept: true,
                    online: browserOnline()
                });
                this.wrapUpStatus = 'error';
                this.wrapUpMessage = described.message;
                this.wrapUpDetail = described.detail;
                this.announcement = this.wrapUpMessage;
            });
    }
    /**
     * Apex changed records behind Lightning Data Service's back: tell it, so that a record page the agent has open
     * (the VoiceCall, or a record of the call, whose activity the wrap-up flows update) shows the new values without
     * a reload. Nothing to tell when the save changed nothing.
     */
    notifyRecordsChanged(callId, saved) {
        const result = saved;
        if (!result || result.changed !== true || typeof result.voiceCallId !== 'string' || !result.voiceCallId) return;
        const recordIds = new Set([result.voiceCallId, ...(this.callers[callId]?.relatedRecordIds ?? [])]);
        notifyRecordUpdateAvailable([...recordIds].map((recordId) => ({ recordId }))).catch(() => {
            // The wrap-up is saved either way; a page that missed the refresh shows the values when next loaded.
        });
    }
    // ----- message channel -----
    publishCall(callId) {
        const call = this.model.calls[callId];
        if (!call) return;
        const caller = this.callers[callId];
        const snapshot = callStatePayload(
            call,
            {
                voiceCallId: caller?.voiceCallId ?? null,
                relatedRecordIds: caller?.relatedRecordIds ?? [],
                callerName: caller?.relatedRecord?.label ?? caller?.match?.name ?? null
            },
            this.publisherId,
            this.sequence + 1
        );
        const fingerprint = JSON.stringify({ ...snapshot, sequence: 0 });
        if (this.published.get(callId) === fingerprint) return;
        this.sequence++;
        this.published.set(callId, fingerprint);
        this.channel.publish(createVoiceMessage(SOURCE, 'callState', snapshot));
    }
    handleMessage(raw) {
        const parsed = parseVoiceMessage(raw, SOURCE);
        if (!parsed.ok) {
            this.log(`dropped message: ${parsed.reason}`);
            return;
        }
        if (parsed.message.type !== 'callStateRequest') return;
        const wanted = parsed.message.payload.callId;
        for (const id of wanted ? [wanted] : this.model.order) {
            this.published.delete(id);
            this.publishCall(id);
        }
    }
}
/**
 * Nothing holds the focus: the page has it, or an element that can no longer keep it (a button just disabled, which
 * the browser is about to drop to the page).
 */
function focusIsLost() {
    const active = document.activeElement;
    return !active || active === document.body || active.disabled === true;
}
/** navigator.onLine, when the browser says; undefined when it cannot tell. */
function browserOnline() {
    return typeof navigator !== 'undefined' && typeof navigator.onLine === 'boolean' ? navigator.onLine : undefined;
}
