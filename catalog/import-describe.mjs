#!/usr/bin/env node
// Adds standard objects to the schema check's catalog from real describe results of your org:
//
//   sf sobject describe --sobject AgentWork --json > agentwork.json
//   npm run catalog:import -- agentwork.json [more.json ...]
//
// or completes it with every object of an apex-dev-tools/sobject-types checkout (see import-sobject-types.mjs):
//
//   npm run catalog:import -- --sobject-types /tmp/sobject-types
//
// Accepts `sf sobject describe --json` output ({ status, result }) or a raw describe ({ name, fields }).
// An imported object replaces the catalog entry of the same name and is marked with source "describe".
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { CATALOG_FILE } from './index.mjs';

/** Catalog entry of one describe result. */
export function objectFromDescribe(describe) {
    const result = describe?.result ?? describe;
    if (!result || typeof result.name !== 'string' || !Array.isArray(result.fields)) {
        throw new Error('not a describe result: expected { name, fields: [...] } or sf --json output with result');
    }
    const fields = {};
    for (const f of [...result.fields].sort((a, b) => a.name.localeCompare(b.name))) {
        const entry = { type: f.type ?? 'unknown' };
        if (f.referenceTo?.length) entry.referenceTo = f.referenceTo.length > 1 ? f.referenceTo : [f.referenceTo[0]];
        if (f.relationshipName) entry.relationshipName = f.relationshipName;
        if (typeof f.createable === 'boolean') entry.createable = f.createable;
        if (typeof f.updateable === 'boolean') entry.updateable = f.updateable;
        fields[f.name] = entry;
    }
    const childRelationships = {};
    for (const c of result.childRelationships ?? [])
        if (c.relationshipName) childRelationships[c.relationshipName] = c.childSObject;
    return { name: result.name, entry: { source: 'describe', fields, childRelationships } };
}

export async function importDescribes(files, catalogFile = CATALOG_FILE) {
    const catalog = JSON.parse(readFileSync(catalogFile, 'utf8'));
    const imported = [];
    for (const file of files) {
        const { name, entry } = objectFromDescribe(JSON.parse(readFileSync(file, 'utf8')));
        catalog.objects[name] = entry;
        imported.push(`${name} (${Object.keys(entry.fields).length} fields)`);
    }
    catalog.objects = Object.fromEntries(Object.entries(catalog.objects).sort(([a], [b]) => a.localeCompare(b)));
    const text = await prettier.format(JSON.stringify(catalog), {
        ...((await prettier.resolveConfig(catalogFile)) ?? {}),
        filepath: catalogFile
    });
    writeFileSync(catalogFile, text);
    return imported;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const { runCommandLine, usageFailure } = await import('../../../scripts/lib/cli.mjs');
    const { values, positionals: files } = runCommandLine({
        usage: 'npm run catalog:import -- <describe.json> [...]  |  --sobject-types <dir>',
        about: "Adds standard objects to the schema check's catalog, from `sf sobject describe --sobject X --json`\nresults or from an apex-dev-tools/sobject-types checkout.",
        positionals: true,
        options: {
            'sobject-types': {
                type: 'string',
                value: '<dir>',
                help: 'complete the catalog from a sobject-types checkout'
            }
        }
    });
    if (values['sobject-types'] !== undefined) {
        if (files.length) usageFailure('either describe files or --sobject-types, not both');
        const { importSobjectTypes } = await import('./import-sobject-types.mjs');
        console.log(`wrote ${importSobjectTypes(values['sobject-types'])} object(s) from sobject-types`);
    } else {
        if (!files.length)
            usageFailure('name the describe files to import (from `sf sobject describe --sobject X --json`)');
        try {
            for (const line of await importDescribes(files)) console.log(`imported ${line}`);
        } catch (error) {
            console.error(`catalog import failed: ${error.message}`);
            process.exit(1);
        }
    }
}
