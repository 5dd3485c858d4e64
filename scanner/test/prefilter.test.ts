// The first round's quick pre-filter (file-scan.ts QUICK_PREFILTER) may only let more files through than the full
// one, never fewer: a file it turns away is never read again, so a word it missed would be a silent miss.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BASE_PREFILTER, FILE_PREFILTER_EXTRA, QUICK_PREFILTER } from '../src/read-file.js';

const FULL = new RegExp(`${BASE_PREFILTER.source}|${FILE_PREFILTER_EXTRA}`);

/** Every literal the full filter matches, its quote classes written out once per quote. */
function literals(): string[] {
    return FULL.source.split('|').flatMap((alternative) => {
        const text = alternative.replace(/\\\//g, '/');
        return text.includes('[\'"`]') ? ["'", '"', '`'].map((q) => text.replaceAll('[\'"`]', q)) : [text];
    });
}

describe('the quick pre-filter', () => {
    it('matches every word of the full pre-filter, alone and inside other text', () => {
        const words = literals();
        assert.ok(words.length >= 14, words.join(' '));
        for (const word of words) {
            assert.ok(FULL.test(word), `the full filter matches ${word}`);
            assert.ok(QUICK_PREFILTER.test(word), `the quick filter misses ${word}`);
            assert.ok(QUICK_PREFILTER.test(`x.${word}(1);`), `the quick filter misses ${word} in code`);
        }
    });

    it('lets through every text the full pre-filter matches (random texts made of pieces of its words)', () => {
        const pieces = [...literals(), 'Stor', 'age', 'mess', 'Cook', 'ies', 'call', 'Center', 'open', 'cti', '/', ' '];
        fc.assert(
            fc.property(
                fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 12 }),
                (parts) => {
                    const text = parts.join('');
                    return !FULL.test(text) || QUICK_PREFILTER.test(text);
                }
            ),
            { numRuns: 5000 }
        );
    });
});
