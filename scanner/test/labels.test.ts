// Issue 16, item 7: findings carry the label of what the code does.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scan } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, catalog } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'scanner-labels-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('labels', () => {
    it('names cookie and storage-access use by what is called; asking for access is not storage use', () => {
        writeFileSync(
            join(work, 'session.js'),
            [
                'if (await document.hasStorageAccess()) start();',
                'await document.requestStorageAccess();',
                "Cookies.set('agent', id, { sameSite: 'none' });",
                "const who = Cookies.get('agent');",
                'const api = Cookies.noConflict();',
                "$.cookie('agent', id);",
                "document.cookie = 'agent=' + id;"
            ].join('\n')
        );
        const report = scan({ root: work, now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
        assert.deepEqual(
            report.findings.map((f) => `${f.location.line} ${f.rule} ${f.api.name}`),
            [
                '2 web.storage-access document.requestStorageAccess',
                '3 web.cookie Cookies.set',
                '4 web.cookie Cookies.get',
                '6 web.cookie $.cookie',
                '7 web.cookie document.cookie'
            ]
        );
    });
});
