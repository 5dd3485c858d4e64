// Generated from wrapUpDrafts.ts by `npm run build`. Do not edit: change the .ts and rebuild.
// Unsaved wrap-up drafts (disposition + notes) per call. They live in memory and, when the browser allows it, in
// sessionStorage, so that a re-render, a reload, the next call or a failed save never loses what the agent typed.
// Each draft carries what the panel needs to list it when its call is no longer on screen: who called, the
// VoiceCall Id when known, and when it was last edited. An index key lists the stored drafts, so a new panel
// (after a reload) finds them all without any Toolkit event.
// Storage may be missing or throw (quota, privacy settings): the memory copy still works, and a draft that could not
// be stored is reported (onUnstored), so the agent is told the notes will not survive a reload.
// Bounded: at most MAX_DRAFTS drafts (the least recently edited go first), none older than MAX_DRAFT_AGE_MS.
export const DRAFT_KEY_PREFIX = 'switchboard.wrapUpDraft.';
/** The stored list of call ids that have a draft. */
export const DRAFT_INDEX_KEY = 'switchboard.wrapUpDraftIndex';
export const MAX_DRAFTS = 20;
/** A draft not edited for 12 hours (longer than a shift) is dropped. */
export const MAX_DRAFT_AGE_MS = 12 * 60 * 60 * 1000;
/** A draft is long enough for the VoiceCall Description field (32,000 characters) and no more. */
const MAX_DRAFT_NOTES = 32000;
const text = (value) => (typeof value === 'string' && value ? value : null);
function parseDraft(raw) {
    if (!raw) return null;
    try {
        const value = JSON.parse(raw);
        if (typeof value !== 'object' || value === null) return null;
        const v = value;
        if (typeof v.disposition !== 'string' || typeof v.notes !== 'string' || typeof v.updatedAt !== 'number')
            return null;
        return {
            disposition: v.disposition,
            notes: v.notes.slice(0, MAX_DRAFT_NOTES),
            updatedAt: v.updatedAt,
            callerLabel: text(v.callerLabel),
            customerNumber: text(v.customerNumber),
            voiceCallId: text(v.voiceCallId)
        };
    } catch {
        return null;
    }
}
function parseIndex(raw) {
    if (!raw) return [];
    try {
        const value = JSON.parse(raw);
        return Array.isArray(value) ? value.filter((id) => typeof id === 'string' && id !== '') : [];
    } catch {
        return [];
    }
}
export class WrapUpDrafts {
    storage;
    onUnstored;
    memory = new Map();
    loaded = false;
    constructor(
        storage,
        /** Called when a draft is kept in memory only: storage is missing or refused it. */
        onUnstored = () => undefined
    ) {
        this.storage = storage;
        this.onUnstored = onUnstored;
    }
    /** The draft of a call, from memory or storage. */
    get(callId) {
        this.load();
        const inMemory = this.memory.get(callId);
        if (inMemory) return inMemory;
        const stored = parseDraft(this.read(DRAFT_KEY_PREFIX + callId));
        if (stored) this.memory.set(callId, stored);
        return stored;
    }
    /** Keeps a draft; beyond MAX_DRAFTS the least recently edited are forgotten. */
    set(callId, draft, now) {
        const before = this.get(callId);
        const value = {
            disposition: draft.disposition,
            notes: draft.notes.slice(0, MAX_DRAFT_NOTES),
            updatedAt: now,
            callerLabel: text(draft.callerLabel) ?? before?.callerLabel ?? null,
            customerNumber: text(draft.customerNumber) ?? before?.customerNumber ?? null,
            voiceCallId: text(draft.voiceCallId) ?? before?.voiceCallId ?? null
        };
        this.memory.delete(callId);
        this.memory.set(callId, value);
        if (!this.storage) this.onUnstored(new Error('sessionStorage is not available'));
        else
            try {
                this.storage.setItem(DRAFT_KEY_PREFIX + callId, JSON.stringify(value));
            } catch (error) {
                this.onUnstored(error);
            }
        this.bound(now);
        this.writeIndex();
        return value;
    }
    /** Forgets a draft once it is saved or discarded. */
    clear(callId) {
        this.forget(callId);
        this.writeIndex();
    }
    /** Every draft kept, the most recently edited first; drafts past MAX_DRAFT_AGE_MS are dropped here. */
    list(now) {
        this.load();
        if (this.bound(now)) this.writeIndex();
        return [...this.memory.entries()].reverse().map(([callId, draft]) => ({ callId, draft }));
    }
    /** Reads the stored drafts once, oldest edit first, so memory order is edit order. */
    load() {
        if (this.loaded) return;
        this.loaded = true;
        const stored = parseIndex(this.read(DRAFT_INDEX_KEY))
            .map((callId) => ({ callId, draft: parseDraft(this.read(DRAFT_KEY_PREFIX + callId)) }))
            .filter((e) => e.draft !== null && !this.memory.has(e.callId))
            .sort((a, b) => a.draft.updatedAt - b.draft.updatedAt);
        for (const { callId, draft } of stored) this.memory.set(callId, draft);
    }
    /** Drops drafts that are too old, then the least recently edited beyond MAX_DRAFTS; true when any went. */
    bound(now) {
        let dropped = false;
        for (const [callId, draft] of [...this.memory.entries()])
            if (now - draft.updatedAt > MAX_DRAFT_AGE_MS) {
                this.forget(callId);
                dropped = true;
            }
        while (this.memory.size > MAX_DRAFTS) {
            const oldest = this.memory.keys().next().value;
            if (oldest === undefined) break;
            this.forget(oldest);
            dropped = true;
        }
        return dropped;
    }
    forget(callId) {
        this.memory.delete(callId);
        this.safely(() => this.storage?.removeItem(DRAFT_KEY_PREFIX + callId), undefined);
    }
    writeIndex() {
        this.safely(() => this.storage?.setItem(DRAFT_INDEX_KEY, JSON.stringify([...this.memory.keys()])), undefined);
    }
    read(key) {
        return this.safely(() => this.storage?.getItem(key) ?? null, null);
    }
    safely(action, fallback) {
        try {
            return action();
        } catch {
            return fallback;
        }
    }
}
/** sessionStorage when the page may use it, else null. */
export function browserSessionStorage() {
    try {
        return typeof sessionStorage === 'undefined' ? null : sessionStorage;
    } catch {
        return null;
    }
}
