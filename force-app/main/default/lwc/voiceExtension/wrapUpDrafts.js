// Generated from wrapUpDrafts.ts by `npm run build`. Do not edit: change the .ts and rebuild.
// Unsaved wrap-up drafts (disposition + notes) per call. They live in memory and, when the browser allows it, in
// sessionStorage, so that a re-render, a collapsed softphone panel or a failed save never loses what the agent typed.
// Storage may be missing or throw (quota, privacy settings): the memory copy still works, and a draft that could not
// be stored is reported (onUnstored), so the agent is told the notes will not survive a reload.
export const DRAFT_KEY_PREFIX = 'switchboard.wrapUpDraft.';
export const MAX_DRAFTS = 20;
/** A draft is long enough for the VoiceCall Description field (32,000 characters) and no more. */
export const MAX_DRAFT_NOTES = 32000;
function parseDraft(raw) {
    if (!raw) return null;
    try {
        const value = JSON.parse(raw);
        if (typeof value !== 'object' || value === null) return null;
        const v = value;
        if (typeof v.disposition !== 'string' || typeof v.notes !== 'string' || typeof v.updatedAt !== 'number')
            return null;
        return { disposition: v.disposition, notes: v.notes.slice(0, MAX_DRAFT_NOTES), updatedAt: v.updatedAt };
    } catch {
        return null;
    }
}
export class WrapUpDrafts {
    storage;
    onUnstored;
    memory = new Map();
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
        const inMemory = this.memory.get(callId);
        if (inMemory) return inMemory;
        const stored = parseDraft(this.safely(() => this.storage?.getItem(DRAFT_KEY_PREFIX + callId) ?? null, null));
        if (stored) this.memory.set(callId, stored);
        return stored;
    }
    /** Keeps a draft; beyond MAX_DRAFTS the oldest are forgotten. */
    set(callId, draft, now) {
        const value = {
            disposition: draft.disposition,
            notes: draft.notes.slice(0, MAX_DRAFT_NOTES),
            updatedAt: now
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
        while (this.memory.size > MAX_DRAFTS) {
            const oldest = this.memory.keys().next().value;
            if (oldest === undefined) break;
            this.clear(oldest);
        }
        return value;
    }
    /** Forgets a draft once it is saved. */
    clear(callId) {
        this.memory.delete(callId);
        this.safely(() => this.storage?.removeItem(DRAFT_KEY_PREFIX + callId), undefined);
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
