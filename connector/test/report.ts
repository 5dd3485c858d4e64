// The connector suite's last line: what the property tests (test/softphone-model.test.ts, test/interleavings.test.ts)
// generated and found, as one JSON object. Fails when a property did not run or found anything.
import { addTally, emptyTally } from './model/softphone-model.js';
import { takeTally } from './model/results.js';

let total = emptyTally();
const missing: string[] = [];
for (const name of ['softphone-model', 'interleavings']) {
    const tally = takeTally(name);
    if (tally) total = addTally(total, tally);
    else missing.push(name);
}
if (missing.length) console.error(`no tally from ${missing.join(', ')}: did the property tests run?`);
const found = total.duplicates + total.lost + total.outOfOrder + total.stale;
console.log(JSON.stringify(total));
if (missing.length || found > 0) process.exitCode = 1;
