// Reads call-center definitions in their three shapes, with htmlparser2 in XML mode (tolerant of broken files):
// - the Open CTI / Voice import file: <callCenter><section name><item name>value</item></section></callCenter>;
// - CallCenter metadata (.callCenter, .callCenter-meta.xml): adapterUrl, displayName, sections/items, and the
//   customSettings JSON string, whose keys are item names too.
import { loadHtmlparser2 } from '../lazy.js';
import { METADATA_ELEMENT_ITEMS } from '../catalog/call-center.js';

type CallCenterShape = 'import-xml' | 'metadata';

export interface CallCenterItem {
    name: string;
    value: string;
    section?: string;
    /** Offset of the item's element (or of customSettings) in the file. */
    offset: number;
    length: number;
    from: 'item' | 'element' | 'customSettings';
}

export interface CallCenterDefinition {
    shape: CallCenterShape;
    items: CallCenterItem[];
    /** Problems reading the file (malformed customSettings JSON...). */
    problems: { message: string; offset: number }[];
}

/** Cheap test before parsing: does the text look like a call-center definition at all? */
export function looksLikeCallCenter(text: string): boolean {
    return /<\s*(callCenter|CallCenter)[\s>]/.test(text);
}

export function extractCallCenter(text: string): CallCenterDefinition | undefined {
    const stack: { name: string; start: number; attrs: Record<string, string>; text: string }[] = [];
    const items: CallCenterItem[] = [];
    const problems: CallCenterDefinition['problems'] = [];
    let shape: CallCenterShape | undefined;
    let metadataItem: { start: number; fields: Record<string, string> } | undefined;
    let metadataSection: string | undefined;
    // In metadata, a section's <name> follows its <items> (XSD order), so items wait for the section to close.
    let sectionItems: CallCenterItem[] = [];

    const parser = new (loadHtmlparser2().Parser)(
        {
            onopentag(name, attrs) {
                if (!shape && name === 'callCenter') shape = 'import-xml';
                if (!shape && name === 'CallCenter') shape = 'metadata';
                stack.push({ name, start: parser.startIndex, attrs, text: '' });
                if (shape === 'metadata' && name === 'items' && stack.length === 3) {
                    metadataItem = { start: parser.startIndex, fields: {} };
                }
            },
            ontext(data) {
                const top = stack[stack.length - 1];
                if (top) top.text += data;
            },
            onclosetag(name) {
                const el = stack.pop();
                if (!el || el.name !== name || !shape) return;
                const parent = stack[stack.length - 1];
                const value = el.text.trim();
                const length = parser.endIndex + 1 - el.start;
                if (shape === 'import-xml' && name === 'item' && el.attrs.name) {
                    const section = parent?.name === 'section' ? parent.attrs.name : undefined;
                    items.push({
                        name: el.attrs.name,
                        value,
                        ...(section ? { section } : {}),
                        offset: el.start,
                        length,
                        from: 'item'
                    });
                    return;
                }
                if (shape !== 'metadata') return;
                if (stack.length === 1) {
                    const itemName = METADATA_ELEMENT_ITEMS[name];
                    if (itemName) items.push({ name: itemName, value, offset: el.start, length, from: 'element' });
                    if (name === 'customSettings') readCustomSettings(value, el.start, length, items, problems);
                    if (name === 'sections') {
                        for (const item of sectionItems) {
                            items.push(metadataSection ? { ...item, section: metadataSection } : item);
                        }
                        sectionItems = [];
                        metadataSection = undefined;
                    }
                } else if (stack.length === 2 && parent?.name === 'sections' && name === 'name') {
                    metadataSection = value;
                } else if (stack.length === 3 && metadataItem && parent?.name === 'items') {
                    metadataItem.fields[name] = value;
                } else if (stack.length === 2 && name === 'items' && metadataItem) {
                    const itemName = metadataItem.fields.name;
                    if (itemName) {
                        sectionItems.push({
                            name: itemName,
                            value: metadataItem.fields.value ?? '',
                            offset: metadataItem.start,
                            length: parser.endIndex + 1 - metadataItem.start,
                            from: 'item'
                        });
                    }
                    metadataItem = undefined;
                }
            }
        },
        { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true }
    );
    parser.end(text);
    return shape ? { shape, items: distinctItems(items), problems } : undefined;
}

/**
 * One item said twice in one definition (`<adapterUrl>` and `reqAdapterUrl` in customSettings, a section's item and
 * the same key in customSettings, an item repeated) is one item, so one finding: the first written as an element or
 * an item, else the first. Items of two different sections stay apart; an item with no section matches any section.
 */
function distinctItems(items: CallCenterItem[]): CallCenterItem[] {
    const rank = (i: CallCenterItem): number => (i.from === 'customSettings' ? 1 : 0);
    const order = new Map(items.map((item, index) => [item, index]));
    const byName = new Map<string, CallCenterItem[]>();
    const kept: CallCenterItem[] = [];
    for (const item of [...items].sort((a, b) => rank(a) - rank(b) || order.get(a)! - order.get(b)!)) {
        const named = byName.get(item.name) ?? [];
        if (named.some((k) => k.section === item.section || !k.section || !item.section)) continue;
        named.push(item);
        byName.set(item.name, named);
        kept.push(item);
    }
    // Back in the file's order, which the report and the compatibility check follow.
    return kept.sort((a, b) => order.get(a)! - order.get(b)!);
}

function readCustomSettings(
    json: string,
    offset: number,
    length: number,
    items: CallCenterItem[],
    problems: CallCenterDefinition['problems']
): void {
    if (!json) return;
    let parsed: unknown;
    try {
        parsed = JSON.parse(json);
    } catch (error) {
        problems.push({ message: `customSettings is not valid JSON: ${(error as Error).message}`, offset });
        return;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        problems.push({ message: 'customSettings is not a JSON object', offset });
        return;
    }
    for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
        items.push({
            name,
            value: typeof value === 'string' ? value : JSON.stringify(value),
            offset,
            length,
            from: 'customSettings'
        });
    }
}
