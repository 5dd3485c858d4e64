// Generated from scanner/src/cli/fail-on.ts by `npm run build -w @switchboard/scanner`: do not edit.
// --fail-on: which findings make the scan exit non-zero. Values are actions (exact match) or severities
// (a threshold: `warning` also matches errors).
import { ACTIONS, SEVERITIES, atLeast } from '../catalog/mapping.js';
export class UsageError extends Error {
}
export function parseFailOn(values) {
    const result = { actions: [] };
    for (const raw of values.flatMap((v) => v.split(','))) {
        const value = raw.trim().toLowerCase();
        if (!value)
            continue;
        if (ACTIONS.includes(value))
            result.actions.push(value);
        else if (SEVERITIES.includes(value)) {
            const severity = value;
            // Several thresholds: the lowest one decides.
            if (!result.severity || atLeast(result.severity, severity))
                result.severity = severity;
        }
        else {
            throw new UsageError(`--fail-on: unknown value "${raw.trim()}". Use actions (${ACTIONS.join(', ')}) or severities (${SEVERITIES.join(', ')}), comma-separated`);
        }
    }
    return result;
}
/** The findings that match a --fail-on policy. */
export function blocking(findings, policy) {
    return findings.filter((f) => policy.actions.includes(f.action) || (policy.severity !== undefined && atLeast(f.severity, policy.severity)));
}
