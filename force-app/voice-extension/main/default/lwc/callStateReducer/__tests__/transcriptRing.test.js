import { appendLine, capacityOf, emptyTranscript, hasLine, lineCount, lines } from '../transcriptRing';

const line = (n) => ({ id: `m${n}`, text: `line ${n}`, senderRole: null, at: n });

function fill(view, from, to) {
    let v = view;
    for (let n = from; n < to; n++) v = appendLine(v, line(n));
    return v;
}

describe('transcript ring', () => {
    it('clamps its capacity to a sane range', () => {
        expect(capacityOf(emptyTranscript(0))).toBe(1);
        expect(capacityOf(emptyTranscript(1e9))).toBe(5000);
        expect(capacityOf(emptyTranscript(2.5))).toBe(200);
    });

    it('keeps the newest lines in order and forgets evicted ids', () => {
        const v = fill(emptyTranscript(3), 0, 5);
        expect(lines(v).map((l) => l.id)).toEqual(['m2', 'm3', 'm4']);
        expect(lines(v, 2).map((l) => l.id)).toEqual(['m3', 'm4']);
        expect(lines(v, 0)).toEqual([]);
        expect(lineCount(v)).toBe(3);
        expect(hasLine(v, 'm1')).toBe(false);
        expect(hasLine(v, 'm4')).toBe(true);
    });

    it('appends in place from the newest view (the same ring object, no copy)', () => {
        const a = fill(emptyTranscript(4), 0, 2);
        const b = appendLine(a, line(2));
        expect(b.ring).toBe(a.ring);
    });

    it('copies on branch: appending to an older view never changes the newer one', () => {
        const base = fill(emptyTranscript(3), 0, 2);
        const newer = fill(base, 2, 4);
        const branched = appendLine(base, line(99));
        expect(branched.ring).not.toBe(newer.ring);
        expect(lines(newer).map((l) => l.id)).toEqual(['m1', 'm2', 'm3']);
        // the branch keeps what the ring still held for it: m1 (m0 was overwritten by the newer view)
        expect(lines(branched).map((l) => l.id)).toEqual(['m1', 'm99']);
    });

    it('never shows an older view a line written after it', () => {
        const old = fill(emptyTranscript(2), 0, 2);
        fill(old, 2, 6);
        expect(lines(old).map((l) => l.id)).toEqual([]);
        expect(hasLine(old, 'm5')).toBe(false);
    });
});
