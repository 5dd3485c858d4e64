// Stands in for the Apex class PhoneNumberNormalizer (force-app/call-automation/main/default/classes/
// PhoneNumberNormalizer.cls), the normalizer that runs in the org. Both follow the rules below and are tested against
// the same vectors (the static resource PhoneNumberTestVectors.json beside that class's package).
//
// Canonical form: the digits of the international number, country code first, no plus sign and no extension
// (E.164 without "+"): "+1 (415) 555-0100 ext. 23" -> "14155550100". Input that is not a phone number gives null.
//
// Rules, in order:
//  1. no-break spaces count as blanks; blanks (code points up to U+0020) are trimmed from both ends;
//  2. a leading "tel:" (any case) is dropped;
//  3. everything from the first extension marker on is dropped: "ext" (any case), "x", "X", "#", "," or ";";
//  4. "(0)", the optional trunk prefix written after a country code, is dropped;
//  5. a leading "+" marks an international number; any other character than digits and the separators
//     blank - . ( ) / makes the input "not a phone number";
//  6. without "+": a leading "00" is the international prefix; "011" is too when the default country code is 1;
//  7. national numbers get the default country code: for 1 (NANP) ten digits, or eleven starting with 1; elsewhere
//     one trunk "0" is dropped, and digits already starting with the country code are kept as they are;
//  8. country codes never start with 0; a number starting with 1 (NANP) has 11 digits and an area code 2-9;
//     the result has 7 to 15 digits.

/** The country calling code used for national numbers when the caller does not give one (NANP). */
export const DEFAULT_COUNTRY_CODE = '1';

const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
const SEPARATORS = ' -.()/';
const COUNTRY_CODE = /^[1-9][0-9]{0,2}$/;
const EXTENSION_MARKERS = ['#', ',', ';', 'x', 'X'];

/** Thrown for a default country code that is not 1 to 3 digits without a leading zero. */
export class InvalidCountryCodeError extends Error {
    constructor(countryCode: unknown) {
        super(
            `defaultCountryCode must be a country calling code of 1 to 3 digits without "+" or a leading zero (e.g. "1", "44"), got ${JSON.stringify(countryCode)}`
        );
        this.name = 'InvalidCountryCodeError';
    }
}

/** Trims code points up to U+0020 from both ends, exactly as Apex String.trim() does. */
function trimBlanks(text: string): string {
    let start = 0;
    let end = text.length;
    while (start < end && text.charCodeAt(start) <= 32) start++;
    while (end > start && text.charCodeAt(end - 1) <= 32) end--;
    return text.slice(start, end);
}

/** Index of the first extension marker, or the text length when there is none. */
function extensionStart(text: string): number {
    let cut = text.length;
    const ext = /ext/i.exec(text);
    if (ext) cut = ext.index;
    for (const marker of EXTENSION_MARKERS) {
        const at = text.indexOf(marker);
        if (at >= 0 && at < cut) cut = at;
    }
    return cut;
}

/** True when every character is a digit or an allowed separator. */
function onlyDigitsAndSeparators(text: string): boolean {
    for (const ch of text) {
        if (!(ch >= '0' && ch <= '9') && !SEPARATORS.includes(ch)) return false;
    }
    return true;
}

/** Adds the default country code to a national number; null when the digits cannot be a national number. */
function withCountryCode(digits: string, countryCode: string): string | null {
    if (countryCode === '1') {
        if (digits.length === 10) return `1${digits}`;
        if (digits.length === 11 && digits.startsWith('1')) return digits;
        return null;
    }
    if (digits.startsWith('0')) return countryCode + digits.slice(1);
    if (digits.startsWith(countryCode)) return digits;
    return countryCode + digits;
}

/** True when the international digits are a plausible E.164 number. */
function isPlausible(full: string): boolean {
    if (full.length < MIN_DIGITS || full.length > MAX_DIGITS || full.startsWith('0')) return false;
    if (full.startsWith('1')) return full.length === 11 && full.charAt(1) >= '2';
    return true;
}

/**
 * Canonical digits of a phone number (country code first, no "+", no extension), or null when the input is not a
 * phone number.
 * @param raw the number as a person or a telephony system wrote it
 * @param defaultCountryCode country calling code for national numbers, 1 to 3 digits ("1" when omitted)
 * @throws InvalidCountryCodeError when defaultCountryCode is not 1 to 3 digits without a leading zero
 */
export function normalize(
    raw: string | null | undefined,
    defaultCountryCode: string = DEFAULT_COUNTRY_CODE
): string | null {
    if (typeof defaultCountryCode !== 'string' || !COUNTRY_CODE.test(defaultCountryCode)) {
        throw new InvalidCountryCodeError(defaultCountryCode);
    }
    if (raw === null || raw === undefined) return null;
    let text = trimBlanks(String(raw).replace(/\u00a0/g, ' '));
    if (text.toLowerCase().startsWith('tel:')) text = trimBlanks(text.slice(4));
    text = trimBlanks(text.slice(0, extensionStart(text)).split('(0)').join(''));

    let international = text.startsWith('+');
    if (international) text = text.slice(1);
    if (!text || !onlyDigitsAndSeparators(text)) return null;
    let digits = text.replace(/[^0-9]/g, '');
    if (!digits) return null;

    if (!international && digits.startsWith('00')) {
        international = true;
        digits = digits.slice(2);
    } else if (!international && defaultCountryCode === '1' && digits.startsWith('011')) {
        international = true;
        digits = digits.slice(3);
    }
    const full = international ? digits : withCountryCode(digits, defaultCountryCode);
    return full !== null && isPlausible(full) ? full : null;
}
