// Step 7: every object and field that Apex (SOQL, SOSL, DML, field access), Flows, flow tests, LWC
// @salesforce/schema imports, permission sets, custom metadata records, lookups and sf data tree plans refer to exists,
// in the project's objects/ folder or in the standard catalog (catalog/standard-objects.json); and the
// classes, custom permissions, flows and components that permission sets, flows, flow tests and FlexiPages name exist
// in the project. An unknown name is the most common deploy failure. Also the platform-fidelity checks: what a fresh
// org needs to route and screen-pop a call (lib/platform-fidelity.mjs).
import { loadSchemaModel } from '../lib/schema-model.mjs';
import { checkPlatformFidelity } from '../lib/platform-fidelity.mjs';
import { checkFieldMappings } from '../lib/field-mappings.mjs';
import { collectApexReferences } from '../lib/references/apex-references.mjs';
import { collectFlexiPageReferences } from '../lib/references/flexipage-references.mjs';
import { collectFlowReferences } from '../lib/references/flow-references.mjs';
import { collectReportReferences } from '../lib/references/report-references.mjs';
import { collectCrossReferences, collectDataPlanReferences } from '../lib/references/cross-references.mjs';
import {
    collectCustomMetadataReferences,
    collectFieldDefinitionReferences,
    collectLwcReferences,
    collectPermissionSetReferences
} from '../lib/references/other-references.mjs';

export const COLLECTORS = {
    apex: collectApexReferences,
    flow: collectFlowReferences,
    lwc: collectLwcReferences,
    permissionSet: collectPermissionSetReferences,
    customMetadata: collectCustomMetadataReferences,
    lookups: collectFieldDefinitionReferences,
    flexiPages: collectFlexiPageReferences,
    crossFile: collectCrossReferences,
    dataPlan: collectDataPlanReferences,
    reports: collectReportReferences
};

/** Checks every reference against the model; returns diagnostics and per-source counts. */
export function checkReferences(root, model) {
    const diagnostics = [];
    const counts = {};
    const reported = new Set();
    for (const [source, collect] of Object.entries(COLLECTORS)) {
        const { references, problems } = collect(root, model);
        counts[source] = references.length;
        diagnostics.push(...problems);
        for (const r of references) {
            const base = { file: r.file, line: r.line, column: r.column };
            if (!model.object(r.object)) {
                const key = `${r.file}:${r.line}:${r.object.toLowerCase()}`;
                if (reported.has(key)) continue;
                reported.add(key);
                // only a custom object of this project is certainly missing; the catalog may lack a standard one
                diagnostics.push({
                    ...base,
                    ...(model.isProjectCustomName(r.object) ? {} : { severity: 'warning' }),
                    message: `${r.context}: ${model.unknownObjectMessage(r.object)}`,
                    rule: 'unknown-object'
                });
                continue;
            }
            if (r.path === null || r.path === undefined) continue;
            const resolved = model.resolvePath(r.object, r.path, { recordEndAllowed: r.recordEndAllowed });
            if (!resolved.ok)
                diagnostics.push({
                    ...base,
                    ...(resolved.certain ? {} : { severity: 'warning' }),
                    message: `${r.context}: ${resolved.message}${resolved.certain ? '' : ' (not certain: the catalog of standard objects may lack it)'}`,
                    rule: 'unknown-field'
                });
        }
    }
    return { diagnostics, counts };
}

export async function run({ root }) {
    const model = loadSchemaModel(root);
    const { diagnostics, counts } = checkReferences(root, model);
    // What a fresh org needs to route and screen-pop a call that no schema shows (lib/platform-fidelity.mjs).
    const fidelity = checkPlatformFidelity(root);
    diagnostics.push(...fidelity);
    // Call Relation Rules for any object: mapped fields exist, are writable and fit their source (lib/field-mappings.mjs).
    const mappings = checkFieldMappings(root, model);
    diagnostics.push(...mappings);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const detail = Object.entries(counts)
        .filter(([, n]) => n)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
    return {
        diagnostics,
        notes: [
            `${total} reference(s) checked${detail ? ` (${detail})` : ''} against ${model.objectNames().length} objects`,
            `platform fidelity (screen pop, Route Work, queues, vendor bridge, phone-field access, endCall): ${fidelity.length === 0 ? 'all hold' : `${fidelity.length} problem(s)`}`,
            `call relation field mappings (objects, fields, writable, types): ${mappings.length === 0 ? 'all hold' : `${mappings.length} problem(s)`}`
        ]
    };
}
