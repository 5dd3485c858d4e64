// Stands in for `lightning/uiRecordApi` (Lightning Data Service): the getRecord wire adapter reads a record from the
// workbench server's UI API stand-in, GET /api/ui-api/records/<recordId>?fields=…&optionalFields=…, whose answer is
// shaped like a UI API record ({ id, apiName, fields: { Name: { value, displayValue } } }). LDS pushes changes to
// every wire; here the page announces them with a `workbench:records-changed` window event and each wire fetches again.

/** A field as `@salesforce/schema/Object.Field` gives it, or the 'Object.Field' string form. */
export type FieldReference = string | { objectApiName: string; fieldApiName: string };

export interface FieldValue {
    value: unknown;
    displayValue: string | null;
}

export interface RecordRepresentation {
    id: string;
    apiName: string;
    fields: Record<string, FieldValue>;
}

/** Shaped like LDS's FetchResponse, which is what a wire's `error` holds on the platform. */
export interface FetchError {
    ok: false;
    status: number;
    statusText: string;
    body: { message: string };
}

export interface WireResult {
    data?: RecordRepresentation;
    error?: FetchError;
}

interface GetRecordConfig {
    recordId?: string;
    fields?: FieldReference | FieldReference[];
    optionalFields?: FieldReference | FieldReference[];
}

export const RECORDS_CHANGED_EVENT = 'workbench:records-changed';

/** 'Object.Field' (or 'Object.Relation.Field') for a reference. */
function qualifiedName(field: FieldReference): string {
    return typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
}

function names(fields: FieldReference | FieldReference[] | undefined): string[] {
    if (fields === undefined) return [];
    return (Array.isArray(fields) ? fields : [fields]).map(qualifiedName);
}

function query(config: GetRecordConfig): string {
    const parts: string[] = [];
    for (const key of ['fields', 'optionalFields'] as const) {
        const list = names(config[key]);
        if (list.length) parts.push(`${key}=${list.map(encodeURIComponent).join(',')}`);
    }
    return parts.length ? `?${parts.join('&')}` : '';
}

function deepFreeze<T>(value: T): T {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const inner of Object.values(value)) deepFreeze(inner);
    }
    return value;
}

async function fetchError(response: Response): Promise<FetchError> {
    let message = `${response.status} ${response.statusText}`.trim();
    try {
        const body = (await response.json()) as { message?: unknown; body?: { message?: unknown } } | null;
        const text = body?.body?.message ?? body?.message;
        if (typeof text === 'string' && text) message = text;
    } catch {
        // not JSON: the status line says enough
    }
    return { ok: false, status: response.status, statusText: response.statusText, body: { message } };
}

const failure = (status: number, statusText: string, message: string): WireResult => ({
    error: { ok: false, status, statusText, body: { message } }
});

async function load(recordId: string, config: GetRecordConfig): Promise<WireResult> {
    try {
        const response = await fetch(`/api/ui-api/records/${encodeURIComponent(recordId)}${query(config)}`);
        if (!response.ok) return { error: await fetchError(response) };
        return { data: deepFreeze((await response.json()) as RecordRepresentation) };
    } catch (error) {
        return failure(0, 'Network error', error instanceof Error ? error.message : String(error));
    }
}

/** `@wire(getRecord, { recordId: '$recordId', fields | optionalFields })`: delivers `{ data }` or `{ error }`. */
export class getRecord {
    private readonly deliver: (value: WireResult) => void;
    private config: GetRecordConfig = {};
    private connected = false;
    /** Answers to an older config or an earlier change are dropped: only the newest request may deliver. */
    private request = 0;
    private readonly onRecordsChanged = (): void => this.refresh();

    constructor(dataCallback: (value: WireResult) => void) {
        this.deliver = dataCallback;
    }

    connect(): void {
        this.connected = true;
        window.addEventListener(RECORDS_CHANGED_EVENT, this.onRecordsChanged);
    }

    disconnect(): void {
        this.connected = false;
        this.request++;
        window.removeEventListener(RECORDS_CHANGED_EVENT, this.onRecordsChanged);
    }

    update(config: GetRecordConfig): void {
        this.config = config;
        this.refresh();
    }

    private refresh(): void {
        const { recordId } = this.config;
        // LDS waits until every reactive parameter has a value.
        if (!this.connected || typeof recordId !== 'string' || !recordId) return;
        const request = ++this.request;
        void load(recordId, this.config).then((result) => {
            if (request === this.request) this.deliver(result);
        });
    }
}

function fieldPath(field: FieldReference): string[] {
    if (typeof field !== 'string') return field.fieldApiName.split('.');
    return field.split('.').slice(1); // 'VoiceCall.VendorCallKey' → ['VendorCallKey']
}

function findField(record: RecordRepresentation | undefined, field: FieldReference): FieldValue | undefined {
    const path = fieldPath(field);
    let node: unknown = record;
    let found: FieldValue | undefined;
    for (const name of path) {
        const fields = (node as { fields?: Record<string, FieldValue> } | null | undefined)?.fields;
        found = fields && Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
        if (!found) return undefined;
        node = found.value; // a relationship field's value is the related record
    }
    return found;
}

export function getFieldValue(record: RecordRepresentation | undefined, field: FieldReference): unknown {
    return findField(record, field)?.value;
}

export function getFieldDisplayValue(record: RecordRepresentation | undefined, field: FieldReference): unknown {
    return findField(record, field)?.displayValue;
}

/**
 * `notifyRecordUpdateAvailable(items)`: a component changed records through Apex. Lightning Data Service then
 * fetches every wire of those records again; here every wire fetches again (the page holds few).
 */
export function notifyRecordUpdateAvailable(items: Array<{ recordId: string }>): Promise<void> {
    if (items.length) window.dispatchEvent(new CustomEvent(RECORDS_CHANGED_EVENT));
    return Promise.resolve();
}
