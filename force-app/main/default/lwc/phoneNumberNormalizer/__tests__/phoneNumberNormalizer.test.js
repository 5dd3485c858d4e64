// The vectors live in one file that the Apex tests read too (PhoneNumberNormalizer_Tests), so the TypeScript and
// Apex implementations cannot drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_COUNTRY_CODE, InvalidCountryCodeError, normalize } from 'c/phoneNumberNormalizer';

const VECTORS_FILE = join(__dirname, '..', '..', '..', 'staticresources', 'PhoneNumberTestVectors.json');
const { vectors } = JSON.parse(readFileSync(VECTORS_FILE, 'utf8'));

const valid = vectors.filter((v) => !v.error);
const invalidCountryCodes = vectors.filter((v) => v.error);
const describeVector = (v) =>
    `${v.note}: ${JSON.stringify(v.input)} (default ${v.defaultCountryCode ?? DEFAULT_COUNTRY_CODE})`;

describe('phoneNumberNormalizer', () => {
    it('reads a vector file with both outcomes and error cases', () => {
        expect(valid.some((v) => v.expected === null)).toBe(true);
        expect(valid.some((v) => typeof v.expected === 'string')).toBe(true);
        expect(invalidCountryCodes.length).toBeGreaterThan(0);
        for (const v of vectors) {
            expect(Object.keys(v)).toEqual(expect.arrayContaining(['note', 'input']));
        }
    });

    it.each(valid.map((v) => [describeVector(v), v]))('%s', (_name, v) => {
        const result =
            v.defaultCountryCode === undefined ? normalize(v.input) : normalize(v.input, v.defaultCountryCode);
        expect(result).toBe(v.expected);
    });

    it.each(invalidCountryCodes.map((v) => [describeVector(v), v]))('rejects %s', (_name, v) => {
        expect(() => normalize(v.input, v.defaultCountryCode)).toThrow(InvalidCountryCodeError);
        expect(() => normalize(v.input, v.defaultCountryCode)).toThrow(/defaultCountryCode must be/);
    });

    it('treats undefined like null', () => {
        expect(normalize(undefined)).toBeNull();
    });

    it('rejects a country code that is not a string, and names the value it got', () => {
        expect(() => normalize('4155550100', 44)).toThrow('got 44');
        expect(() => normalize('4155550100', null)).toThrow(InvalidCountryCodeError);
    });

    it('is idempotent: a canonical number normalizes to itself once written with a plus', () => {
        for (const v of valid.filter((x) => x.expected)) {
            expect(normalize(`+${v.expected}`)).toBe(v.expected);
        }
    });

    it('names its error class', () => {
        expect(new InvalidCountryCodeError('0').name).toBe('InvalidCountryCodeError');
    });
});
