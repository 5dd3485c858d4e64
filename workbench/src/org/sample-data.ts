// Stands in for the org's Accounts, Contacts, Leads, Cases and Opportunities: the sample records of data/*.json, the
// same ones `sf data import tree --plan data/sample-data-plan.json` loads into a scratch org, read in the plan's
// order. Each gets a stable Salesforce-shaped Id with its object's key prefix (001 Account, 003 Contact, 00Q Lead,
// 500 Case, 006 Opportunity) and its references (`@AcmeRef`) resolved to those Ids, as the import does. What the org
// computes on insert is added: Name of Contacts and Leads, CaseNumber, IsConverted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { salesforceId } from '@switchboard/gateway/emulator';

export const KEY_PREFIXES = {
    Account: '001',
    Contact: '003',
    Lead: '00Q',
    Case: '500',
    Opportunity: '006'
} as const;

export type SampleObject = keyof typeof KEY_PREFIXES;
export type FieldValue = string | number | boolean | null;

export interface SampleRecord {
    Id: string;
    objectApiName: SampleObject;
    /** The tree file's referenceId (e.g. AdaRef). */
    referenceId: string;
    /** Every field, with Id, references resolved and computed fields added. */
    fields: Record<string, FieldValue>;
}

export interface SampleData {
    records: readonly SampleRecord[];
    byId: ReadonlyMap<string, SampleRecord>;
}

interface PlanEntry {
    sobject: string;
    resolveRefs?: boolean;
    files: string[];
}

interface TreeRecord {
    attributes: { type: string; referenceId: string };
    [field: string]: unknown;
}

/** A stable Id: key prefix, a fixed pod part, the record's position among its object's records, the case suffix. */
export function sampleId(objectApiName: SampleObject, position: number): string {
    return salesforceId(`${KEY_PREFIXES[objectApiName]}Wt0${String(position).padStart(9, '0')}`);
}

function isSampleObject(name: string): name is SampleObject {
    return Object.hasOwn(KEY_PREFIXES, name);
}

/** Reads the plan in `dataDir` (the repository's data/) and every tree file it names. */
export function loadSampleData(dataDir: string): SampleData {
    const plan = JSON.parse(readFileSync(join(dataDir, 'sample-data-plan.json'), 'utf8')) as PlanEntry[];
    const idsByReference = new Map<string, string>();
    const positions = new Map<SampleObject, number>();
    const records: SampleRecord[] = [];
    for (const entry of plan) {
        if (!isSampleObject(entry.sobject))
            throw new Error(`data/sample-data-plan.json: the workbench does not know the object ${entry.sobject}`);
        const objectApiName = entry.sobject;
        for (const file of entry.files) {
            const tree = JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as { records: TreeRecord[] };
            for (const { attributes, ...values } of tree.records) {
                const position = (positions.get(objectApiName) ?? 0) + 1;
                positions.set(objectApiName, position);
                const Id = sampleId(objectApiName, position);
                const fields: Record<string, FieldValue> = { Id };
                for (const [field, value] of Object.entries(values)) {
                    if (typeof value === 'string' && value.startsWith('@') && entry.resolveRefs) {
                        const resolved = idsByReference.get(value.slice(1));
                        if (!resolved) throw new Error(`data/${file}: ${field} refers to unknown ${value}`);
                        fields[field] = resolved;
                    } else fields[field] = value as FieldValue;
                }
                Object.assign(fields, computedFields(objectApiName, fields, position));
                idsByReference.set(attributes.referenceId, Id);
                records.push({ Id, objectApiName, referenceId: attributes.referenceId, fields });
            }
        }
    }
    return { records, byId: new Map(records.map((record) => [record.Id, record])) };
}

function computedFields(
    objectApiName: SampleObject,
    fields: Record<string, FieldValue>,
    position: number
): Record<string, FieldValue> {
    switch (objectApiName) {
        case 'Contact':
        case 'Lead': {
            const name = [fields.FirstName, fields.LastName].filter((part) => typeof part === 'string' && part);
            return { Name: name.join(' '), ...(objectApiName === 'Lead' ? { IsConverted: false } : {}) };
        }
        case 'Case':
            // Auto-number, as a new org numbers its first cases.
            return { CaseNumber: String(1000 + position).padStart(8, '0') };
        default:
            return {};
    }
}

/** A record's display name: Name, or CaseNumber for a Case. */
export function recordName(record: SampleRecord): string | null {
    const name = record.fields.Name ?? record.fields.CaseNumber;
    return typeof name === 'string' ? name : null;
}
