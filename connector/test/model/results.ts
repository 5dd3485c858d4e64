// Where the property tests leave their tallies for test/report.ts, which prints the suite's last line.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tally } from './softphone-model.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache', 'switchboard-connector');

export function writeTally(name: string, tally: Tally): void {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(join(DIR, `${name}.json`), JSON.stringify(tally));
}

/** Reads and removes a tally (so a later run never reports an earlier one); undefined when the test did not run. */
export function takeTally(name: string): Tally | undefined {
    const file = join(DIR, `${name}.json`);
    try {
        const tally = JSON.parse(readFileSync(file, 'utf8')) as Tally;
        rmSync(file);
        return tally;
    } catch {
        return undefined;
    }
}
