// Generated from scanner/src/report/sarif.ts by `npm run build -w @switchboard/scanner`: do not edit.
import { ruleDoc } from './rule-docs.js';
const SARIF_SCHEMA_URI = 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json';
function region(f) {
    return {
        startLine: f.location.line,
        startColumn: f.location.column,
        endLine: f.location.endLine,
        endColumn: Math.max(f.location.endColumn, f.location.endLine === f.location.line ? f.location.column + 1 : 1)
    };
}
export function renderSarif(report, options = {}) {
    const rules = [];
    const index = new Map();
    const ruleIndex = (id, kind) => {
        const key = `${kind}:${id}`;
        let i = index.get(key);
        if (i === undefined) {
            i = rules.length;
            rules.push(ruleDoc(id, kind));
            index.set(key, i);
        }
        return i;
    };
    const location = (f) => ({
        physicalLocation: {
            artifactLocation: { uri: encodeURI(f.location.file), uriBaseId: 'SRCROOT' },
            region: { ...region(f), snippet: { text: f.snippet } }
        }
    });
    const results = [];
    for (const f of report.findings) {
        const components = f.components.map((c) => c.name).join('; ') || 'none';
        results.push({
            ruleId: f.rule,
            ruleIndex: ruleIndex(f.rule, 'inventory'),
            level: 'note',
            message: {
                text: `${f.api.name}: ${f.action}. Voice replacement: ${f.replacement}. Switchboard: ${components}. Guide: ${f.guide}.`
            },
            locations: [location(f)],
            partialFingerprints: { 'switchboardFinding/v1': f.id },
            properties: {
                action: f.action,
                replacement: f.replacement,
                components: f.components,
                guide: f.guide,
                detection: f.detection,
                api: f.api,
                ...(f.saveLog ? { saveLog: f.saveLog } : {}),
                ...(f.via ? { via: f.via } : {}),
                ...(f.thirdParty ? { thirdParty: f.thirdParty } : {})
            }
        });
        for (const issue of f.issues) {
            results.push({
                ruleId: issue.rule,
                ruleIndex: ruleIndex(issue.rule, 'issue'),
                // A library's own storage or cookie use is not the adapter's problem: a note, not a warning.
                level: f.thirdParty ? 'note' : issue.severity,
                message: { text: `${issue.message} Guide: ${f.guide}.` },
                locations: [location(f)],
                partialFingerprints: { 'switchboardFinding/v1': `${f.id}:${issue.rule}` },
                properties: {
                    action: f.action,
                    api: f.api,
                    guide: f.guide,
                    ...(f.thirdParty ? { thirdParty: f.thirdParty } : {})
                }
            });
        }
    }
    const notifications = [
        ...report.skipped.map((s) => ({
            level: 'note',
            message: { text: `Skipped ${s.file}: ${s.reason}${s.detail ? ` (${s.detail})` : ''}` },
            locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(s.file), uriBaseId: 'SRCROOT' } } }]
        })),
        ...report.parseFallbacks.map((p) => ({
            level: p.reason === 'invalid-utf8' ? 'note' : 'warning',
            message: {
                text: p.reason === 'invalid-utf8'
                    ? `Not UTF-8: ${p.message}`
                    : p.reason === 'other-language'
                        ? `Scanned by text only: ${p.message}`
                        : `Parsed by tokens only (${p.reason}): ${p.message}`
            },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: encodeURI(p.file), uriBaseId: 'SRCROOT' },
                        region: { startLine: p.line, startColumn: p.column }
                    }
                }
            ]
        }))
    ];
    const run = {
        tool: {
            driver: {
                name: 'Switchboard scanner',
                version: report.tool.version,
                semanticVersion: report.tool.version,
                rules: rules.map((r) => ({
                    id: r.id,
                    name: r.title,
                    shortDescription: { text: r.title },
                    fullDescription: { text: r.description },
                    defaultConfiguration: { level: r.level },
                    help: { text: r.description }
                }))
            }
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
        properties: { summary: report.summary, reportSchemaVersion: report.schemaVersion }
    };
    if (options.rootUri)
        run.originalUriBaseIds = { SRCROOT: { uri: options.rootUri } };
    return `${JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] }, null, 2)}\n`;
}
