// Planted-fault tests copy a fixture project, change one thing in the copy, and check that the gate reports exactly
// that: this is the copy-and-edit half they share. Copies live in one temporary folder removed after the test file.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Copies of `fixture` (a folder) with faults planted in them. */
export function plantedFixtures(fixture, label) {
    const work = mkdtempSync(join(tmpdir(), `${label}-`));
    after(() => rmSync(work, { recursive: true, force: true }));
    let copies = 0;
    return {
        /** A fresh copy of the fixture with one fault planted by `plant(root)`; returns the copy's root. */
        planted(plant) {
            const root = join(work, String(++copies));
            cpSync(fixture, root, { recursive: true });
            plant(root);
            return root;
        },
        /** Replaces `from` with `to` in one file of a copy; fails loudly when the fixture no longer holds `from`. */
        edit(root, file, from, to) {
            const path = join(root, file);
            const text = readFileSync(path, 'utf8');
            assert.ok(text.includes(from), `fixture ${file} no longer contains ${from}`);
            writeFileSync(path, text.replace(from, to));
        }
    };
}
