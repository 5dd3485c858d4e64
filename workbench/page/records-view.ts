// The VoiceCall records the Telephony Integration API stand-in holds: one row per record with the fields the API
// set (initiation, numbers, times, disconnect reason) and what the agent's wrap-up saved. A row's Id opens the
// record page, as a list view would.
import type { VoiceCallRecord } from '../src/api.js';

function text(value: unknown): string {
    if (value === undefined || value === null || value === '') return '—';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
}

function cell(tag: 'td' | 'th', content: string | Node, scope?: string): HTMLTableCellElement {
    const element = document.createElement(tag);
    if (scope) element.scope = scope;
    element.append(content);
    return element;
}

export function renderRecords(
    container: HTMLElement,
    records: readonly VoiceCallRecord[],
    open: (record: VoiceCallRecord) => void
): void {
    if (!records.length) {
        const empty = document.createElement('p');
        empty.textContent = 'No VoiceCall records yet. Start a call from the scenarios above.';
        container.replaceChildren(empty);
        return;
    }
    const table = document.createElement('table');
    table.className = 'slds-table slds-table_bordered slds-table_cell-buffer';
    const caption = document.createElement('caption');
    caption.className = 'slds-assistive-text';
    caption.textContent = 'VoiceCall records';
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    for (const title of [
        'VoiceCall',
        'Vendor call key',
        'Initiation',
        'From',
        'To',
        'Parent',
        'Active',
        'Disposition',
        'Transcript'
    ])
        headRow.append(cell('th', title, 'col'));
    head.append(headRow);
    const body = document.createElement('tbody');
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const record of [...records].sort((a, b) => b.createdAt - a.createdAt)) {
        const row = document.createElement('tr');
        const link = document.createElement('button');
        link.type = 'button';
        link.className = 'slds-button';
        link.textContent = record.id;
        link.setAttribute('aria-label', `Open VoiceCall ${record.id}`);
        link.addEventListener('click', () => open(record));
        const f = record.fields;
        row.append(
            cell('th', link, 'row'),
            cell('td', record.vendorCallKey),
            cell('td', text(f.initiationMethod)),
            cell('td', text(f.from ?? f.fromNumber)),
            cell('td', text(f.to)),
            cell('td', record.parentId ? (byId.get(record.parentId)?.vendorCallKey ?? record.parentId) : '—'),
            cell('td', record.isActive ? 'Yes' : 'No'),
            cell('td', text(record.wrapUp?.disposition)),
            cell('td', String(record.transcript.length))
        );
        body.append(row);
    }
    table.append(caption, head, body);
    container.replaceChildren(table);
}

/** The record page's field list for a VoiceCall. */
export function renderFields(record: VoiceCallRecord): HTMLDListElement {
    const list = document.createElement('dl');
    list.className = 'wb-fields';
    const entries: [string, unknown][] = [
        ['Id', record.id],
        ['VendorCallKey', record.vendorCallKey],
        ['Active', record.isActive ? 'Yes' : 'No'],
        ...Object.entries(record.fields),
        ['Disposition__c', record.wrapUp?.disposition],
        ['Description', record.wrapUp?.notes]
    ];
    for (const [name, value] of entries) {
        const term = document.createElement('dt');
        term.textContent = name;
        const definition = document.createElement('dd');
        definition.textContent = text(value);
        list.append(term, definition);
    }
    if (record.transcript.length) {
        const term = document.createElement('dt');
        term.textContent = 'Transcript';
        const definition = document.createElement('dd');
        const lines = document.createElement('ol');
        for (const line of record.transcript) {
            const item = document.createElement('li');
            item.textContent = `${line.speaker}: ${line.text}`;
            lines.append(item);
        }
        definition.append(lines);
        list.append(term, definition);
    }
    return list;
}
