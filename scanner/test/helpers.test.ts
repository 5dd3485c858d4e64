import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { isCi, matchSnapshot } from './helpers.js';

describe('test helpers: matchSnapshot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scanner-snapshots-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const url = pathToFileURL(`${dir}/`);
    const quiet = { dir: url, log: (): void => undefined };

    it('under CI, fails on a missing snapshot with its path and how to create it, and writes nothing', () => {
        assert.throws(
            () => matchSnapshot('missing.txt', 'text', { ...quiet, env: { CI: 'true' } }),
            (error: Error) => {
                assert.ok(error.message.includes(join(dir, 'missing.txt')), error.message);
                assert.match(error.message, /CI does not create snapshots/);
                assert.match(error.message, /run `npm test` in scanner\/ with CI unset/);
                assert.match(error.message, /review the file and commit it/);
                return true;
            }
        );
        assert.equal(existsSync(join(dir, 'missing.txt')), false);
        assert.throws(() =>
            matchSnapshot('missing.txt', 'text', { ...quiet, env: { CI: '1', UPDATE_SNAPSHOTS: '1' } })
        );
    });
    it('outside CI, writes a missing snapshot, says so, and passes', () => {
        const said: string[] = [];
        matchSnapshot('new.txt', 'first', { dir: url, env: { CI: 'false' }, log: (m) => said.push(m) });
        assert.equal(readFileSync(join(dir, 'new.txt'), 'utf8'), 'first');
        assert.deepEqual(said, [`wrote new snapshot ${join(dir, 'new.txt')}: review and commit it`]);
    });
    it('compares an existing snapshot, and rewrites it only with UPDATE_SNAPSHOTS=1', () => {
        writeFileSync(join(dir, 'old.txt'), 'old');
        matchSnapshot('old.txt', 'old', { ...quiet, env: { CI: 'true' } });
        assert.throws(
            () => matchSnapshot('old.txt', 'new', { ...quiet, env: {} }),
            /old\.txt differs \(UPDATE_SNAPSHOTS=1/
        );
        matchSnapshot('old.txt', 'new', { ...quiet, env: { UPDATE_SNAPSHOTS: '1' } });
        assert.equal(readFileSync(join(dir, 'old.txt'), 'utf8'), 'new');
    });
    it('reads CI as CI services set it', () => {
        for (const ci of ['true', '1', 'yes', 'woodpecker']) assert.equal(isCi({ CI: ci }), true, ci);
        for (const ci of [undefined, '', 'false', 'FALSE', '0']) assert.equal(isCi({ CI: ci }), false, String(ci));
    });
});
