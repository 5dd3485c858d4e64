#!/usr/bin/env node
// Completes the standard-object catalog from apex-dev-tools/sobject-types (BSD-3-Clause): Java stubs generated from
// Salesforce describe results, one class per standard object, with its fields, relationship fields and child
// relationships. Every object of the stubs goes to sobject-types.jsonl, one catalog entry per line
// ({ "name", "source", "fields", "childRelationships" }); standard-objects.json keeps its curated entries, which win
// over a line of the same name, and records the commit. The JSON Lines file is read lazily (an object is parsed when
// a reference names it) and keeps standard-objects.json small for the scanner, which reads that file.
//
//   git clone https://github.com/apex-dev-tools/sobject-types /tmp/sobject-types
//   npm run catalog:import -- --sobject-types /tmp/sobject-types
//
// A field the stubs lack (one of a feature the generating org did not have) is then reported as a warning, unless it
// is a near miss of a known field: see certainlyMissing in tools/gate/lib/schema-model.mjs.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CATALOG_FILE, COMPLETE_CATALOG_FILE } from './index.mjs';

const STUBS = join('src', 'main', 'java', 'io', 'github', 'apexdevtools', 'sobjecttypes');

/** Java stub type → describe field type (the names catalog:import writes from a describe). */
const PRIMITIVES = {
    String: 'string',
    Boolean: 'boolean',
    Datetime: 'datetime',
    Date: 'date',
    Time: 'time',
    Decimal: 'double',
    Double: 'double',
    Integer: 'int',
    Long: 'long',
    Blob: 'base64',
    Address: 'address',
    Location: 'location',
    Object: 'anyType',
    Id: 'id'
};

/** Catalog entry of one stub (the text of <Object>.java). */
function objectFromStub(text) {
    const fields = {};
    const childRelationships = {};
    const relationships = [];
    for (const m of text.matchAll(/^\s*public (?!static)([A-Za-z0-9_$]+)(\[\])? ([A-Za-z0-9_]+);/gm)) {
        const [, type, list, name] = m;
        if (list) childRelationships[name] = type;
        else if (PRIMITIVES[type]) fields[name] = { type: PRIMITIVES[type] };
        else relationships.push({ type, name });
    }
    // A relationship (User CreatedBy; Name Who) names the object its Id field points at; Name is polymorphic.
    for (const { type, name } of relationships) {
        const idField = name.endsWith('__r') ? name.replace(/__r$/, '__c') : `${name}Id`;
        const field = fields[idField];
        if (!field) continue;
        fields[idField] = { type: 'reference', referenceTo: [type === 'Name' ? '*' : type], relationshipName: name };
    }
    const entry = { source: 'sobject-types', fields };
    if (Object.keys(childRelationships).length) entry.childRelationships = childRelationships;
    return entry;
}

/**
 * Writes every object of a sobject-types checkout to the JSON Lines catalog and records the commit.
 * @returns {number} objects written
 */
export function importSobjectTypes(checkout, catalogFile = CATALOG_FILE, completeFile = COMPLETE_CATALOG_FILE) {
    const dir = join(checkout, STUBS);
    const lines = [];
    for (const file of readdirSync(dir)
        .filter((f) => f.endsWith('.java'))
        .sort()) {
        const text = readFileSync(join(dir, file), 'utf8');
        if (!/extends SObject\b/.test(text)) continue;
        lines.push(JSON.stringify({ name: basename(file, '.java'), ...objectFromStub(text) }));
    }
    writeFileSync(completeFile, `${lines.join('\n')}\n`);
    try {
        const commit = execFileSync('git', ['-C', checkout, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
        const catalog = readFileSync(catalogFile, 'utf8');
        writeFileSync(
            catalogFile,
            catalog.replace(
                /("sobject-types": \{[^}]*?"commit": ")[0-9a-f]{40}(")/,
                (_, before, after) => `${before}${commit}${after}`
            )
        );
    } catch {
        // not a git checkout: the recorded commit stays as it was
    }
    return lines.length;
}
