// Stands in for the Apex class CallerMatcher (force-app/call-automation/main/default/classes/CallerMatcher.cls) over
// the sample records: who is calling. A number matches a record when one of its voice phone fields normalizes to the
// same canonical digits (PhoneNumberNormalizer, whose stand-in is ./phone-number-normalizer.ts). Precedence: a Contact
// beats a Lead (not converted), a Lead beats an Account; among records of the winning object the most recently modified
// wins, then the lowest Id. The org's SOSL search is not emulated: it only narrows what is compared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalize } from './phone-number-normalizer.js';
import { recordName, type SampleData, type SampleRecord } from '../sample-data.js';

/** CallerMatcher.MAX_NUMBERS_PER_CALL. */
const MAX_NUMBERS_PER_CALL = 200;

const PRECEDENCE = ['Contact', 'Lead', 'Account'] as const;

/** Voice phone fields of each object (fax numbers are not callers). */
const PHONE_FIELDS: Record<(typeof PRECEDENCE)[number], readonly string[]> = {
    Contact: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'],
    Lead: ['Phone', 'MobilePhone'],
    Account: ['Phone']
};

/** CallerMatcher.Match, as Aura serializes it. */
export interface CallerMatch {
    recordId: string;
    objectApiName: 'Contact' | 'Lead' | 'Account';
    name: string | null;
    accountId: string | null;
    accountName: string | null;
    candidateCount: number;
    normalizedNumber: string;
}

/**
 * PhoneNumberNormalizer.configuredDefaultCountryCode(): the Default record of Caller Matching Setting, as deployed
 * (customMetadata/Caller_Matching_Setting.Default.md-meta.xml); 1 when the record or its value is missing.
 */
export function configuredDefaultCountryCode(forceAppDir: string): string {
    let xml: string;
    try {
        xml = readFileSync(join(forceAppDir, 'customMetadata', 'Caller_Matching_Setting.Default.md-meta.xml'), 'utf8');
    } catch {
        return '1';
    }
    const value = /<field>Default_Country_Code__c<\/field>\s*<value[^>]*>([^<]*)<\/value>/.exec(xml)?.[1]?.trim();
    return value || '1';
}

interface Candidate {
    record: SampleRecord;
    rank: number;
    lastModified: number;
}

function isMatchable(record: SampleRecord): record is SampleRecord & { objectApiName: CallerMatch['objectApiName'] } {
    if (record.objectApiName === 'Lead') return record.fields.IsConverted !== true;
    return record.objectApiName === 'Contact' || record.objectApiName === 'Account';
}

/** Canonical numbers of a record's voice phone fields, each once. */
function numbersOf(record: SampleRecord & { objectApiName: CallerMatch['objectApiName'] }, countryCode: string) {
    const numbers = new Set<string>();
    for (const field of PHONE_FIELDS[record.objectApiName]) {
        const value = record.fields[field];
        const canonical = typeof value === 'string' ? normalize(value, countryCode) : null;
        if (canonical) numbers.add(canonical);
    }
    return numbers;
}

function lastModified(record: SampleRecord): number {
    const value = record.fields.LastModifiedDate;
    // As the Apex: a record without the field counts as modified at the epoch.
    return typeof value === 'string' ? Date.parse(value) || 0 : 0;
}

/** Candidate.compareTo: lower precedence rank first, then the most recently modified, then the lower Id. */
function compare(a: Candidate, b: Candidate): number {
    if (a.rank !== b.rank) return a.rank - b.rank;
    if (a.lastModified !== b.lastModified) return a.lastModified > b.lastModified ? -1 : 1;
    return a.record.Id === b.record.Id ? 0 : a.record.Id < b.record.Id ? -1 : 1;
}

/**
 * CallerMatcher.matchPhoneNumbers: the best match keyed by each input string exactly as given; inputs without a
 * match are absent.
 */
export function matchPhoneNumbers(
    rawNumbers: readonly (string | null | undefined)[],
    data: SampleData,
    countryCode: string
): Map<string, CallerMatch> {
    const canonicalByInput = new Map<string, string>();
    for (const raw of rawNumbers) {
        const canonical = normalize(raw, countryCode);
        if (raw && canonical) canonicalByInput.set(raw, canonical);
    }
    const distinct = new Set(canonicalByInput.values());
    if (distinct.size > MAX_NUMBERS_PER_CALL)
        throw new Error(
            `CallerMatcher.matchPhoneNumbers: ${distinct.size} distinct phone numbers given, at most ${MAX_NUMBERS_PER_CALL} per call. Split the list.`
        );
    const candidates = new Map<string, Candidate[]>();
    for (const record of data.records) {
        if (!isMatchable(record)) continue;
        for (const number of numbersOf(record, countryCode)) {
            if (!distinct.has(number)) continue;
            const list = candidates.get(number) ?? [];
            list.push({ record, rank: PRECEDENCE.indexOf(record.objectApiName), lastModified: lastModified(record) });
            candidates.set(number, list);
        }
    }
    const result = new Map<string, CallerMatch>();
    for (const [raw, canonical] of canonicalByInput) {
        const found = candidates.get(canonical);
        if (found) result.set(raw, choose(canonical, found, data));
    }
    return result;
}

function choose(canonical: string, candidates: Candidate[], data: SampleData): CallerMatch {
    const sorted = [...candidates].sort(compare);
    const best = sorted[0]!;
    const record = best.record as SampleRecord & { objectApiName: CallerMatch['objectApiName'] };
    let accountId: string | null = null;
    if (record.objectApiName === 'Account') accountId = record.Id;
    else if (record.objectApiName === 'Contact' && typeof record.fields.AccountId === 'string')
        accountId = record.fields.AccountId;
    const account = accountId ? data.byId.get(accountId) : undefined;
    return {
        recordId: record.Id,
        objectApiName: record.objectApiName,
        name: recordName(record),
        accountId,
        accountName: account ? recordName(account) : null,
        candidateCount: sorted.filter((candidate) => candidate.rank === best.rank).length,
        normalizedNumber: canonical
    };
}
