// The carrier event JSON Schema committed for carriers' developers is the one the endpoint validates with.
// Regenerate with: UPDATE_SCHEMA=1 node --import tsx --test test/carrier-schema.test.ts
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'node:test';
import { carrierEventJsonSchema } from '../src/carrier/carrier-routes.js';

const file = new URL('../docs/carrier-event.schema.json', import.meta.url);

it('docs/carrier-event.schema.json is generated from the schema the endpoint validates with', () => {
    const generated = `${JSON.stringify(carrierEventJsonSchema(), null, 4)}\n`;
    if (process.env.UPDATE_SCHEMA) writeFileSync(file, generated);
    assert.equal(
        readFileSync(file, 'utf8'),
        generated,
        'docs/carrier-event.schema.json is stale: run UPDATE_SCHEMA=1 node --import tsx --test test/carrier-schema.test.ts'
    );
});
