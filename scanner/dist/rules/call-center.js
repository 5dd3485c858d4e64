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
const COMPATIBILITY_MODES = ['Classic', 'Lightning', 'Classic_and_Lightning'];
const MODE_ITEM = 'reqSalesforceCompatibilityMode';
/** Edit distance, small inputs only (item names). */
function distance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length];
}
/**
 * Where a call center's softphone shows, as Salesforce decides it: the documented default when
 * reqSalesforceCompatibilityMode is absent is Classic, and an item Salesforce does not know (a misspelled name) is
 * not that item. A value other than the three documented ones is, by the scanner's assumption (no source says),
 * not a mode either: Classic. `issue` says which of these happened, attached to `index` (an item of `items`).
 */
export function compatibility(items) {
    const rule = 'call-center-compatibility-mode';
    const at = items.findIndex((i) => i.name === MODE_ITEM);
    if (at >= 0) {
        const value = items[at].value.trim();
        if (COMPATIBILITY_MODES.includes(value))
            return { mode: value };
        // Empty is Classic, and call-center-classic-only already says so.
        if (value === '')
            return { mode: 'Classic' };
        return {
            mode: 'Classic',
            issue: {
                index: at,
                rule,
                severity: 'warning',
                message: `${MODE_ITEM} is "${value}", none of Classic, Lightning, Classic_and_Lightning: read as not set, so Classic (the documented default); the softphone may not show in Lightning Experience`
            }
        };
    }
    const misspelled = items.findIndex((i) => i.name !== MODE_ITEM && distance(i.name.toLowerCase(), MODE_ITEM.toLowerCase()) <= 3);
    if (misspelled >= 0) {
        return {
            mode: 'Classic',
            issue: {
                index: misspelled,
                rule,
                severity: 'warning',
                message: `${items[misspelled].name} is not ${MODE_ITEM}: Salesforce does not read it, so this call center is Classic only (the documented default); spell it ${MODE_ITEM}`
            }
        };
    }
    return {
        mode: 'Classic',
        ...(items.length > 0
            ? {
                issue: {
                    index: 0,
                    rule,
                    severity: 'warning',
                    message: `no ${MODE_ITEM}: Salesforce shows this softphone in Salesforce Classic only (the documented default); add it with Lightning for Lightning Experience`
                }
            }
            : {})
    };
}
/** The compatibility mode a definition declares: Classic is the default when the item is absent. */
export function compatibilityMode(items) {
    return items.find((i) => i.name === 'reqSalesforceCompatibilityMode')?.value.trim() || 'Classic';
}
