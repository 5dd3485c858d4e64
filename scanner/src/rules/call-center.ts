// Call-center definition items to findings.
import { CALL_CENTER_ITEMS, VENDOR_ITEM } from '../catalog/call-center.js';
import type { CallCenterItem } from '../extract/call-center.js';
import type { Draft } from './classify.js';

export function callCenterDraft(item: CallCenterItem): Draft {
    const spec = CALL_CENTER_ITEMS[item.name];
    const issue = spec?.check?.(item.value);
    const known = spec !== undefined;
    return {
        rule: known ? `call-center.${item.name}` : 'call-center.vendor-item',
        api: {
            kind: 'call-center-item',
            name: item.section ? `${item.section}/${item.name}` : item.name,
            documented: known
        },
        usage: 'item',
        mapping: spec?.mapping ?? VENDOR_ITEM,
        issues: issue ? [{ rule: issue.rule, severity: issue.severity, message: issue.message }] : []
    };
}

/** The compatibility mode a definition declares: Classic is the default when the item is absent. */
export function compatibilityMode(items: readonly CallCenterItem[]): string {
    return items.find((i) => i.name === 'reqSalesforceCompatibilityMode')?.value.trim() || 'Classic';
}
