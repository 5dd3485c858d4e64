// Generated from transcriptRing.ts by `npm run build`. Do not edit: change the .ts and rebuild.
// A bounded transcript: fixed capacity, O(1) append, the oldest line dropped when full.
//
// States hold a `TranscriptView` (ring + version). Appending from the newest view writes in place, in O(1), and
// returns a new view. Appending from an older view (a caller that kept a previous state and branched from it)
// copies the ring first, so the newer state's lines are never overwritten behind its back. Every slot remembers the
// position it was written at, so an older view never shows a line written after it; lines a newer view has since
// overwritten are simply absent from the older one.
class Ring {
    capacity;
    slots;
    /** Total lines ever appended; the next line goes to slot `written % capacity`. */
    written = 0;
    /** Ids of the lines currently held, for duplicate detection in O(1). */
    ids = new Map();
    constructor(capacity) {
        this.capacity = capacity;
        this.slots = new Array(capacity);
    }
    clone() {
        const copy = new Ring(this.capacity);
        for (let i = 0; i < this.capacity; i++) copy.slots[i] = this.slots[i];
        copy.written = this.written;
        for (const [id, at] of this.ids) copy.ids.set(id, at);
        return copy;
    }
}
const MIN_TRANSCRIPT_CAPACITY = 1;
const MAX_TRANSCRIPT_CAPACITY = 5000;
/** An empty transcript holding at most `capacity` lines (clamped to a sane range). */
export function emptyTranscript(capacity) {
    const safe = Number.isInteger(capacity)
        ? Math.min(Math.max(capacity, MIN_TRANSCRIPT_CAPACITY), MAX_TRANSCRIPT_CAPACITY)
        : 200;
    return { ring: new Ring(safe), version: 0 };
}
/** True when the transcript already holds a line with this id. */
export function hasLine(view, id) {
    const written = view.ring.ids.get(id);
    return written !== undefined && written < view.version && written >= view.version - view.ring.capacity;
}
/** Appends a line: O(1) from the newest view; the oldest line is dropped beyond capacity. */
export function appendLine(view, line) {
    const ring = view.version === view.ring.written ? view.ring : branch(view);
    const slot = ring.written % ring.capacity;
    const evicted = ring.slots[slot];
    if (evicted && ring.ids.get(evicted.line.id) === evicted.position) ring.ids.delete(evicted.line.id);
    ring.slots[slot] = { line, position: ring.written };
    ring.ids.set(line.id, ring.written);
    ring.written++;
    return { ring, version: ring.written };
}
/** A private copy of the ring as this (older) view saw it. */
function branch(view) {
    const copy = view.ring.clone();
    copy.written = view.version;
    copy.ids.clear();
    const { capacity } = copy;
    for (let n = Math.max(0, view.version - capacity); n < view.version; n++) {
        const line = lineAt(view.ring, n);
        copy.slots[n % capacity] = line ? { line, position: n } : undefined;
        if (line) copy.ids.set(line.id, n);
    }
    return copy;
}
/** The line written at absolute position n, if the ring still holds it. */
function lineAt(ring, n) {
    const slot = ring.slots[n % ring.capacity];
    return slot && slot.position === n ? slot.line : undefined;
}
/** Number of lines the view holds. */
export function lineCount(view) {
    return Math.min(view.version, view.ring.capacity);
}
/** The newest `limit` lines, oldest first (all of them by default). */
export function lines(view, limit = Number.POSITIVE_INFINITY) {
    const count = Math.min(lineCount(view), Math.max(0, limit));
    const out = [];
    for (let n = view.version - count; n < view.version; n++) {
        const line = lineAt(view.ring, n);
        if (line) out.push(line);
    }
    return out;
}
/** Capacity of the transcript. */
export function capacityOf(view) {
    return view.ring.capacity;
}
