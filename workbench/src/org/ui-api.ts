// Stands in for the User Interface API's GET /ui-api/records/{recordId} that `lightning/uiRecordApi`'s getRecord wire
// calls (the Voice Call Monitor asks for `optionalFields: [VoiceCall.VendorCallKey]`): a record as
// `{ id, apiName, fields: { <Field>: { value, displayValue } } }`, for the VoiceCalls and the sample records.
// Simplifications: displayValue is the picklist label or a formatted date/number where the UI API gives one and null
// otherwise; relationship fields (Account.Name...) are not expanded.
import type { FieldValue } from './sample-data.js';

interface UiRecord {
    id: string;
    apiName: string;
    fields: Record<string, { value: FieldValue; displayValue: string | null }>;
}

/** A record the stand-in can answer for: its object and fields, with labels for picklist values. */
export interface UiSource {
    apiName: string;
    fields: Record<string, FieldValue>;
    /** Picklist field → value → label. */
    picklistLabels?: Record<string, Record<string, string>>;
}

/** The outcome: a record, or why not (404 unknown record; 400 a required field the record's object lacks). */
export type UiRecordAnswer = { status: 200; record: UiRecord } | { status: 400 | 404; message: string };

/** `fields`/`optionalFields` as the query string gives them: `VoiceCall.VendorCallKey,VoiceCall.Id` or repeated. */
export function fieldList(query: unknown): string[] {
    const values = Array.isArray(query) ? query : query === undefined ? [] : [query];
    return values
        .filter((value): value is string => typeof value === 'string')
        .flatMap((value) => value.split(','))
        .map((name) => name.trim())
        .filter(Boolean);
}

function displayValue(field: string, value: FieldValue, source: UiSource): string | null {
    if (value === null) return null;
    const label = typeof value === 'string' ? source.picklistLabels?.[field]?.[value] : undefined;
    if (label !== undefined) return label;
    if (typeof value === 'number') return value.toLocaleString('en-US');
    return null;
}

/**
 * The record with the requested fields (`Object.Field`; another object's fields are ignored, as the UI API does for
 * optional ones). A field in `fields` the object lacks is a 400, one in `optionalFields` is left out. With neither,
 * every field is given.
 */
export function uiRecord(
    id: string,
    source: UiSource | undefined,
    request: { fields: string[]; optionalFields: string[] }
): UiRecordAnswer {
    if (!source) return { status: 404, message: 'The requested resource does not exist' };
    const own = (names: string[]) =>
        names
            .filter((name) => name.startsWith(`${source.apiName}.`))
            .map((name) => name.slice(source.apiName.length + 1));
    const required = own(request.fields);
    const missing = required.filter((field) => !Object.hasOwn(source.fields, field));
    if (missing.length > 0)
        return {
            status: 400,
            message: `No such column '${missing[0]}' on entity '${source.apiName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`
        };
    const asked = request.fields.length + request.optionalFields.length > 0;
    const names = asked
        ? [...new Set([...required, ...own(request.optionalFields)])].filter((field) =>
              Object.hasOwn(source.fields, field)
          )
        : Object.keys(source.fields);
    const fields: UiRecord['fields'] = {};
    for (const name of names) {
        const value = source.fields[name] ?? null;
        fields[name] = { value, displayValue: displayValue(name, value, source) };
    }
    return { status: 200, record: { id, apiName: source.apiName, fields } };
}
