// Property: for every generated telephony history, played through a channel that delays, reorders, repeats and
// drops events and drops the socket (all driven by the seed), what the connector's pure fold (src/softphone-state.ts)
// announces is what a correct softphone shows for that history: nothing lost, nothing out of order, nothing for a call
// that ended, nothing twice (test/model/softphone-model.ts). The seeds that found bugs replay first.
//
//   CONNECTOR_MODEL_RUNS=1000000 node --import tsx --test test/softphone-model.test.ts    deeper than the default 100,000
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { SoftphoneState } from '../src/softphone-state.js';
import { addTally, emptyTally, historyArb, play } from './model/softphone-model.js';
import { writeTally } from './model/results.js';

const RUNS = Number(process.env.CONNECTOR_MODEL_RUNS ?? 100_000);
const SEEDS = JSON.parse(readFileSync(new URL('./model/found-seeds.json', import.meta.url), 'utf8')) as {
    suite: string;
    seed: number;
    path: string;
    found: string;
}[];

let tally = emptyTally();
after(() => writeTally('softphone-model', tally));

const property = fc.property(historyArb, (steps) => {
    const { phone } = play(steps, new SoftphoneState());
    tally = addTally(tally, { ...phone.tally, sequences: 1 });
    assert.deepEqual(phone.problems, []);
});

describe('the softphone Salesforce is shown, against the telephony side', () => {
    for (const s of SEEDS.filter((x) => x.suite === 'softphone-model'))
        it(`seed ${s.seed} (found: ${s.found})`, () => {
            fc.assert(property, { seed: s.seed, path: s.path, numRuns: 1 });
        });

    it(`${RUNS} generated histories: none lost, none out of order, none stale, none twice`, () => {
        const started = Date.now();
        fc.assert(property, {
            numRuns: RUNS,
            // FC_SEED=random (as for the interleavings) is fast-check's own choice, the default here.
            ...(process.env.FC_SEED && process.env.FC_SEED !== 'random'
                ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH }
                : {})
        });
        console.log(`${RUNS} histories in ${Date.now() - started} ms`);
    });
});
