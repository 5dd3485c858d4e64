// sfdx-project.json and every scratch-org definition in config/ against the JSON schemas @salesforce/schemas ships.
//
// Where that schema lags Salesforce's documentation, the gap is closed here, with the source, never silently:
// it lists ServiceCloudVoicePartnerTelephony without the quantity the Voice guide requires, and does not list
// ScvMultipartyAndConsult at all. Its feature list is partial (207 names in 1.10.3): it lacks features that public
// projects known to deploy use (Walkthroughs in Salesforce's samples, OmniStudioRuntime in NebulaLogger), and
// @salesforce/core's own scratch-definition schema (8.28, lib/schema/project-scratch-def/scratchOrgDef.d.ts) accepts
// any string as a feature: the Dev Hub decides when the org is created. No complete machine-readable list was found
// (searched Salesforce's docs). So a feature the list does not name is a warning; a listed one in the wrong form, and
// the Voice feature without its documented quantity, stay errors.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import { positionAt } from './diagnostics.mjs';

const require = createRequire(import.meta.url);

const DOCUMENTED_FEATURES = [
    {
        pattern: /^ServiceCloudVoicePartnerTelephony:([1-9]|[1-4][0-9]|50)$/i,
        source: 'Voice Partner Telephony Developer Guide, "A Note About Scratch Orgs": add a quantity between 1 and 50'
    },
    {
        pattern: /^ScvMultipartyAndConsult$/i,
        source: 'Salesforce DX Developer Guide, scratch org features: multiparty and consult for Partner Telephony'
    }
];

/** Feature names the schema lists (lower case, as features are not case-sensitive), each with its documented form. */
function knownFeatureNames(schema) {
    const names = new Map();
    for (const item of schema.definitions.features.items.anyOf ?? []) {
        // features that take a quantity have a pattern each; the others are one enum
        for (const plain of item.enum ?? []) names.set(String(plain).toLowerCase(), String(plain));
        const name = /^\^?\(?([A-Za-z0-9]+)/.exec(item.title ?? item.pattern ?? '')?.[1];
        if (name) names.set(name.toLowerCase(), item.title ?? item.pattern);
    }
    return names;
}

function compile(schema) {
    return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

/** Line where a JSON key or string value first appears, for a clickable location. */
function lineOfLiteral(text, literal) {
    const at = text.indexOf(literal);
    return at >= 0 ? positionAt(text, at).line : undefined;
}

function schemaErrors(validate, data, text, relFile, rule) {
    if (validate(data)) return [];
    const seen = new Set();
    const out = [];
    for (const e of validate.errors ?? []) {
        if (seen.has(e.instancePath)) continue;
        seen.add(e.instancePath);
        const key = e.instancePath.split('/').filter(Boolean).pop();
        const detail = e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : '';
        out.push({
            file: relFile,
            line: key ? lineOfLiteral(text, `"${key}"`) : 1,
            message: `${e.instancePath || '(root)'}: ${e.message}${detail}`,
            rule
        });
    }
    return out;
}

function validateFile(root, file, schema, { scratchDef }) {
    const relFile = file.slice(root.length + 1);
    const text = readFileSync(file, 'utf8');
    let data;
    try {
        data = JSON.parse(text);
    } catch (error) {
        return [{ file: relFile, message: `not valid JSON: ${error.message}`, rule: 'json' }];
    }
    const rule = scratchDef ? 'scratch-def' : 'sfdx-project';
    if (!scratchDef || !Array.isArray(data.features)) return schemaErrors(compile(schema), data, text, relFile, rule);

    // Features one by one: the schema's anyOf would otherwise answer with a pattern per known feature.
    const diagnostics = schemaErrors(compile(schema), { ...data, features: [] }, text, relFile, rule);
    const featureSchema = compile({ ...schema.definitions.features.items, definitions: schema.definitions });
    const known = knownFeatureNames(schema);
    for (const feature of data.features) {
        const line = lineOfLiteral(text, JSON.stringify(feature));
        const name = String(feature).split(':')[0].toLowerCase();
        if (DOCUMENTED_FEATURES.some((d) => d.pattern.test(String(feature)))) continue;
        if (name === 'servicecloudvoicepartnertelephony') {
            diagnostics.push({
                file: relFile,
                line,
                message: `${JSON.stringify(feature)}: ServiceCloudVoicePartnerTelephony needs a quantity from 1 to 50, e.g. "ServiceCloudVoicePartnerTelephony:5"`,
                rule
            });
        } else if (featureSchema(feature)) {
            continue;
        } else if (known.has(name) && known.get(name).includes(':') === /:\d+$/.test(String(feature))) {
            continue; // the schema's patterns are case-sensitive; features are not
        } else if (known.has(name)) {
            // a listed feature in the wrong shape, e.g. one that takes a quantity given none
            diagnostics.push({
                file: relFile,
                line,
                message: `scratch-org feature ${JSON.stringify(feature)} does not match its form in the @salesforce/schemas list (${known.get(name)})`,
                rule
            });
        } else {
            // The schema's list is partial (Salesforce adds features every release) and the CLI sends features to
            // the Dev Hub unchecked; only the Dev Hub knows, when the org is created. Nothing here is deployed.
            diagnostics.push({
                file: relFile,
                line,
                severity: 'warning',
                message: `scratch-org feature ${JSON.stringify(feature)} is not in the @salesforce/schemas list (${known.size} features), which is partial: not certain, the Dev Hub accepts or refuses it when the scratch org is created (see Salesforce's Scratch Org Features page)`,
                rule
            });
        }
    }
    return diagnostics;
}

export function validateProjectConfig(root) {
    const schemas = join(require.resolve('@salesforce/schemas/package.json'), '..');
    const diagnostics = [];
    const project = join(root, 'sfdx-project.json');
    const schema = (name) => JSON.parse(readFileSync(join(schemas, name), 'utf8'));
    if (existsSync(project))
        diagnostics.push(...validateFile(root, project, schema('sfdx-project.schema.json'), { scratchDef: false }));
    const configDir = join(root, 'config');
    const defs = [];
    const walk = (dir) => {
        for (const e of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
            if (e.isDirectory()) walk(join(dir, e.name));
            else if (/scratch-def\.json$/.test(e.name)) defs.push(join(dir, e.name));
        }
    };
    walk(configDir);
    for (const def of defs)
        diagnostics.push(...validateFile(root, def, schema('project-scratch-def.schema.json'), { scratchDef: true }));
    return { diagnostics, checked: defs.length + (existsSync(project) ? 1 : 0) };
}
