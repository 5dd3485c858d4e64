// --fail-on: which findings make the scan exit non-zero. Values are actions (exact match) or severities
// (a threshold: `warning` also matches errors).
import { ACTIONS, SEVERITIES, atLeast, type Action, type Severity } from '../catalog/mapping.js';
import type { Finding } from '../model/report.js';

export interface FailOn {
    actions: Action[];
    severity?: Severity;
}

export class UsageError extends Error {}

export function parseFailOn(values: readonly string[]): FailOn {
    const result: FailOn = { actions: [] };
    for (const raw of values.flatMap((v) => v.split(','))) {
        const value = raw.trim().toLowerCase();
        if (!value) continue;
        if ((ACTIONS as readonly string[]).includes(value)) result.actions.push(value as Action);
        else if ((SEVERITIES as readonly string[]).includes(value)) {
            const severity = value as Severity;
            // Several thresholds: the lowest one decides.
            if (!result.severity || atLeast(result.severity, severity)) result.severity = severity;
        } else {
            throw new UsageError(
                `--fail-on: unknown value "${raw.trim()}". Use actions (${ACTIONS.join(', ')}) or severities (${SEVERITIES.join(', ')}), comma-separated`
            );
        }
    }
    return result;
}

/** The findings that match a --fail-on policy. */
export function blocking(findings: readonly Finding[], policy: FailOn): Finding[] {
    return findings.filter(
        (f) =>
            policy.actions.includes(f.action) || (policy.severity !== undefined && atLeast(f.severity, policy.severity))
    );
}
