// Step 5: every -meta.xml against Salesforce's Metadata API XSD with xmllint (element order, unknown elements, enum
// values, types). The schema path comes from METADATA_XSD; the XSD is never copied into the project.
//
// js-meta.xml: the WSDL types <targetConfigs> as base64Binary, so that block is blanked (line numbers kept) before
// validation and checked here instead: every targetConfig names declared targets, every property has a name and a
// documented type.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../lib/process.mjs';
import { rel, sourceFiles } from '../lib/project.mjs';
import { childElement, childElements, parseXmlText, textOf } from '../lib/xml.mjs';

export const title = 'Metadata XML against the Metadata API XSD (xmllint)';

export const HOW_TO_GET_A_SCHEMA = [
    'Point METADATA_XSD at a Metadata API XSD, for example:',
    '  METADATA_XSD=../shared/schemas/salesforce-metadata-api-66.0.xsd npm test',
    'or build one from your org: Setup > API > Generate Metadata WSDL, save it as metadata.wsdl, then',
    '  npm run metadata:xsd -- metadata.wsdl .sf-metadata/metadata-api.xsd && export METADATA_XSD=$PWD/.sf-metadata/metadata-api.xsd'
];

/** LWC property types documented for targetConfigs (Boolean, Integer, String; Color for Experience Builder). */
const PROPERTY_TYPES = new Set(['Boolean', 'Integer', 'String', 'Color']);

/** Replaces the <targetConfigs> block with as many newlines, so xmllint's line numbers still match the file. */
export function blankTargetConfigs(text) {
    return text.replace(/<targetConfigs>[\s\S]*?<\/targetConfigs>/g, (block) => block.replace(/[^\n]/g, ''));
}

function checkTargetConfigs(root, file, text) {
    const out = [];
    const parsed = parseXmlText(text);
    if (!parsed.root) return out; // xmllint reports malformed XML
    const declared = new Set(childElements(childElement(parsed.root, 'targets'), 'target').map((t) => textOf(t)));
    for (const config of childElements(childElement(parsed.root, 'targetConfigs'), 'targetConfig')) {
        const targets = (config.getAttribute('targets') ?? '')
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean);
        if (!targets.length)
            out.push({
                file: rel(root, file),
                line: config.lineNumber,
                message: '<targetConfig> needs a targets attribute',
                rule: 'js-meta'
            });
        for (const target of targets) {
            if (!declared.has(target)) {
                out.push({
                    file: rel(root, file),
                    line: config.lineNumber,
                    message: `targetConfig names target ${target}, which <targets> does not declare`,
                    rule: 'js-meta'
                });
            }
        }
        for (const property of childElements(config, 'property')) {
            const name = property.getAttribute('name');
            const type = property.getAttribute('type');
            if (!name)
                out.push({
                    file: rel(root, file),
                    line: property.lineNumber,
                    message: '<property> needs a name attribute',
                    rule: 'js-meta'
                });
            if (!type || !(PROPERTY_TYPES.has(type) || type.startsWith('apex://'))) {
                out.push({
                    file: rel(root, file),
                    line: property.lineNumber,
                    message: `<property name="${name}"> type "${type ?? ''}" is not Boolean, Integer, String or Color`,
                    rule: 'js-meta'
                });
            }
        }
    }
    return out;
}

/** Turns xmllint's stderr into diagnostics, mapping temporary copies back to the real files. */
export function parseXmllintOutput(stderr, pathMap, root) {
    const diagnostics = [];
    for (const line of stderr.split('\n')) {
        const m = /^(.+?):(\d+): (.*)$/.exec(line);
        if (!m) continue;
        const [, path, lineNo, rest] = m;
        const original = pathMap.get(path) ?? path;
        const message = rest
            .replace(/\{http:\/\/soap\.sforce\.com\/2006\/04\/metadata\}/g, '')
            .replace(/^element [^:]+: Schemas validity error : /, '')
            .replace(/^(parser error|namespace error) : /, '$1: ');
        diagnostics.push({ file: rel(root, original), line: Number(lineNo), message, rule: 'metadata-xsd' });
    }
    return diagnostics;
}

export async function run({ root, ci, env }) {
    const files = sourceFiles(root, (f) => f.endsWith('-meta.xml'));
    const xsd = env.METADATA_XSD;
    if (!xsd) {
        const why = 'METADATA_XSD is not set, so no -meta.xml file was validated against the Metadata API schema';
        if (ci)
            return {
                diagnostics: [{ file: '', message: `${why}.\n${HOW_TO_GET_A_SCHEMA.join('\n')}`, rule: 'metadata-xsd' }]
            };
        return { skipped: `${why}.\n${HOW_TO_GET_A_SCHEMA.join('\n')}`, diagnostics: [] };
    }
    if (!existsSync(xsd)) {
        return {
            diagnostics: [
                {
                    file: '',
                    message: `METADATA_XSD points at ${xsd}, which does not exist.\n${HOW_TO_GET_A_SCHEMA.join('\n')}`,
                    rule: 'metadata-xsd'
                }
            ]
        };
    }
    if (!files.length) return { diagnostics: [], notes: ['no -meta.xml files'] };

    const diagnostics = [];
    const tmp = mkdtempSync(join(tmpdir(), 'gate-xml-'));
    const pathMap = new Map();
    const inputs = [];
    try {
        files.forEach((file, i) => {
            if (!file.endsWith('.js-meta.xml')) {
                inputs.push(file);
                return;
            }
            const text = readFileSync(file, 'utf8');
            diagnostics.push(...checkTargetConfigs(root, file, text));
            const copy = join(tmp, `${i}.js-meta.xml`);
            writeFileSync(copy, blankTargetConfigs(text));
            pathMap.set(copy, file);
            inputs.push(copy);
        });
        const result = await runProcess('xmllint', ['--noout', '--schema', xsd, ...inputs]);
        if (result.error || result.code === 127) {
            return {
                diagnostics: [
                    {
                        file: '',
                        message: 'xmllint is not installed: apt-get install libxml2-utils',
                        rule: 'metadata-xsd'
                    }
                ]
            };
        }
        diagnostics.push(...parseXmllintOutput(result.stderr, pathMap, root));
        if (result.code !== 0 && !diagnostics.length) {
            diagnostics.push({
                file: '',
                message: `xmllint failed (exit ${result.code}): ${result.stderr.trim().slice(0, 500)}`,
                rule: 'metadata-xsd'
            });
        }
    } finally {
        rmSync(tmp, { recursive: true, force: true });
    }
    return { diagnostics, notes: [`${files.length} file(s) validated against ${xsd}`] };
}
