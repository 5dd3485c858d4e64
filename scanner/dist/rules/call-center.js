// Generated from scanner/src/rules/call-center.ts by `npm run build -w @switchboard/scanner`: do not edit.
// Call-center definition items to findings.
import { CALL_CENTER_ITEMS, VENDOR_ITEM } from '../catalog/call-center.js';
export function callCenterDraft(item) {
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
export function compatibilityMode(items) {
    return items.find((i) => i.name === 'reqSalesforceCompatibilityMode')?.value.trim() || 'Classic';
}
