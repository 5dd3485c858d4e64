// Step 5: every -meta.xml against Salesforce's Metadata API XSD with xmllint (unknown elements, missing required
// elements, enum values, types). The schema path comes from METADATA_XSD; the XSD is never copied into the project.
// Element order is not enforced: the Metadata API accepts any order, so each file is validated in the schema's order
// (lib/xsd-sequence.mjs) and its own order is a style warning. A file that declares another apiVersion than the
// schema's may use elements or values of that version: what the schema does not know there is a warning.
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
import { loadSequences, normalizeForSchema } from '../lib/xsd-sequence.mjs';

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
        const mapped = pathMap.get(path) ?? path;
        const original = typeof mapped === 'string' ? mapped : mapped.file;
        const at = typeof mapped === 'string' ? Number(lineNo) : mapped.lineOf(Number(lineNo));
        const message = rest
            .replace(/\{http:\/\/soap\.sforce\.com\/2006\/04\/metadata\}/g, '')
            .replace(/^element [^:]+: Schemas validity error : /, '')
            .replace(/^(parser error|namespace error) : /, '$1: ');
        diagnostics.push({ file: rel(root, original), line: at, message, rule: 'metadata-xsd' });
    }
    return diagnostics;
}

export async function run({ root, ci, env }) {
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
    // after the schema checks: reading .forceignore loads source-deploy-retrieve, seconds a skipped step need not spend
    const files = sourceFiles(root, (f) => f.endsWith('-meta.xml'));
    if (!files.length) return { diagnostics: [], notes: ['no -meta.xml files'] };

    const diagnostics = [];
    const tmp = mkdtempSync(join(tmpdir(), 'gate-xml-'));
    const pathMap = new Map();
    const inputs = [];
    try {
        const sequences = loadSequences(xsd);
        /** original file → its apiVersion, when it differs from the schema's */
        const otherVersion = new Map();
        files.forEach((file, i) => {
            const text = readFileSync(file, 'utf8');
            const jsMeta = file.endsWith('.js-meta.xml');
            if (jsMeta) diagnostics.push(...checkTargetConfigs(root, file, text));
            const normal = normalizeForSchema(text, sequences, { drop: jsMeta ? ['targetConfigs'] : [] });
            if (!normal) {
                // malformed: xmllint reports the original (js-meta with its targetConfigs blanked)
                if (!jsMeta) return inputs.push(file);
                const copy = join(tmp, `${i}.js-meta.xml`);
                writeFileSync(copy, blankTargetConfigs(text));
                pathMap.set(copy, file);
                return inputs.push(copy);
            }
            const copy = join(tmp, `${i}.xml`);
            writeFileSync(copy, normal.text);
            pathMap.set(copy, { file, lineOf: normal.lineOf });
            inputs.push(copy);
            if (normal.apiVersion && sequences.version && Number(normal.apiVersion) !== Number(sequences.version))
                otherVersion.set(rel(root, file), normal.apiVersion);
            for (const d of normal.defaulted) {
                diagnostics.push({
                    file: rel(root, file),
                    line: d.line,
                    severity: 'warning',
                    message: `<${d.parent}> has no <${d.element}>: the WSDL marks it required, the Metadata API takes false when it is absent (validated as false)`,
                    rule: 'metadata-xsd-default'
                });
            }
            const [d, ...more] = normal.disordered;
            if (d) {
                diagnostics.push({
                    file: rel(root, file),
                    line: d.line,
                    severity: 'warning',
                    message: `<${d.element}> inside <${d.parent}> is out of the WSDL's sequence order${more.length ? ` (and ${more.length} more place(s) in this file)` : ''}; the Metadata API accepts any order, so this is style only`,
                    rule: 'metadata-xsd-order'
                });
            }
        });
        const versionSensitive = /This element is not expected|Missing child element|\[facet 'enumeration'\]/;
        const classify = (d) => {
            const version = otherVersion.get(d.file);
            if (!version || !versionSensitive.test(d.message)) return d;
            return {
                ...d,
                severity: 'warning',
                message: `${d.message} The file declares apiVersion ${version} and the gate's schema is API ${sequences.version}: this may be an element or value of API ${version}; check it against that version's Metadata API WSDL.`,
                rule: 'metadata-xsd-version'
            };
        };
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
        diagnostics.push(...parseXmllintOutput(result.stderr, pathMap, root).map(classify));
        if (result.code !== 0 && !diagnostics.some((d) => d.rule.startsWith('metadata-xsd'))) {
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
