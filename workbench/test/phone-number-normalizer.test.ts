// The stand-in for the Apex PhoneNumberNormalizer against the vectors the Apex tests read too (the static resource
// PhoneNumberTestVectors, read by PhoneNumberNormalizer_Tests), so the workbench matches callers as the org does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_COUNTRY_CODE, InvalidCountryCodeError, normalize } from '../src/org/apex/phone-number-normalizer.js';
import { FORCE_APP_DIR } from '../src/paths.js';

interface Vector {
    note: string;
    input: string | null;
    defaultCountryCode?: string;
    expected?: string | null;
    error?: string;
}

const { vectors } = JSON.parse(
    readFileSync(join(FORCE_APP_DIR, 'staticresources', 'PhoneNumberTestVectors.json'), 'utf8')
) as { vectors: Vector[] };
const valid = vectors.filter((v) => !v.error);
const invalidCountryCodes = vectors.filter((v) => v.error);
const name = (v: Vector) =>
    `${v.note}: ${JSON.stringify(v.input)} (default ${v.defaultCountryCode ?? DEFAULT_COUNTRY_CODE})`;

describe('phone number normalizer (stand-in for the Apex PhoneNumberNormalizer)', () => {
    it('reads a vector file with both outcomes and error cases', () => {
        assert.ok(valid.some((v) => v.expected === null));
        assert.ok(valid.some((v) => typeof v.expected === 'string'));
        assert.ok(invalidCountryCodes.length > 0);
        for (const v of vectors) assert.ok('note' in v && 'input' in v, JSON.stringify(v));
    });

    for (const v of valid) {
        it(name(v), () => {
            const result =
                v.defaultCountryCode === undefined ? normalize(v.input) : normalize(v.input, v.defaultCountryCode);
            assert.equal(result, v.expected);
        });
    }

    for (const v of invalidCountryCodes) {
        it(`rejects ${name(v)}`, () => {
            assert.throws(() => normalize(v.input, v.defaultCountryCode), InvalidCountryCodeError);
            assert.throws(() => normalize(v.input, v.defaultCountryCode), /defaultCountryCode must be/);
        });
    }

    it('treats undefined like null', () => {
        assert.equal(normalize(undefined), null);
    });

    it('rejects a country code that is not a string, and names the value it got', () => {
        assert.throws(() => normalize('4155550100', 44 as unknown as string), /got 44/);
        assert.throws(() => normalize('4155550100', null as unknown as string), InvalidCountryCodeError);
    });

    it('is idempotent: a canonical number normalizes to itself once written with a plus', () => {
        for (const v of valid.filter((x) => x.expected)) assert.equal(normalize(`+${v.expected}`), v.expected);
    });

    it('names its error class', () => {
        assert.equal(new InvalidCountryCodeError('0').name, 'InvalidCountryCodeError');
    });
});
