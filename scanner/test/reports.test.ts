import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { SKIP_REASONS } from '../src/discovery/walk.js';
import { escapeHtml, renderHtml } from '../src/report/html.js';
import { cell, code, renderMarkdown } from '../src/report/markdown.js';
import type { ScanReport } from '../src/model/report.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderTerminal } from '../src/report/terminal.js';
import { scan } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, catalog, fixture, matchSnapshot } from './helpers.js';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv | Ajv2020) => void;

function sample(rel = 'report-sample'): ScanReport {
    const report = scan({ root: fixture(rel), now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
    report.root = rel;
    return report;
}

function reportValidator(): ValidateFunction {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const schema: unknown = JSON.parse(
        readFileSync(new URL('../schema/scan-report.schema.json', import.meta.url), 'utf8')
    );
    return ajv.compile(schema as object);
}

/** The official SARIF 2.1.0 schema (OASIS), as shipped in an npm package; see scanner/README.md. */
function sarifValidator(): ValidateFunction {
    // The package's "exports" hides the file: look it up along Node's own module search path.
    const rel = '@datadog/datadog-ci-plugin-sarif/dist/json-schema/sarif-schema-2.1.0.json';
    const path = (require.resolve.paths(rel) ?? []).map((dir) => join(dir, rel)).find((p) => existsSync(p));
    assert.ok(path, `${rel} is not installed: run npm ci`);
    const schema = JSON.parse(readFileSync(path, 'utf8')) as { $id?: string; title?: string };
    assert.match(schema.title ?? '', /SARIF\) Version 2\.1\.0 JSON Schema/);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    return ajv.compile(schema);
}

describe('reports', () => {
    const report = sample();

    it('JSON matches its snapshot and its schema', () => {
        const json = `${JSON.stringify(report, null, 2)}\n`;
        matchSnapshot('report.json', json);
        const validate = reportValidator();
        assert.ok(validate(JSON.parse(json)), JSON.stringify(validate.errors));
    });
    it('the JSON schema rejects what it should', () => {
        const validate = reportValidator();
        const broken = structuredClone(report) as unknown as { findings: { action: string }[]; extra?: number };
        broken.findings[0]!.action = 'rewrite';
        assert.equal(validate(broken), false);
        assert.equal(validate({ ...report, extra: 1 }), false);
    });
    it('the JSON schema accepts every skip reason the scanner gives, and no other', () => {
        const schema = JSON.parse(
            readFileSync(new URL('../schema/scan-report.schema.json', import.meta.url), 'utf8')
        ) as { properties: { skipped: { items: { properties: { reason: { enum: string[] } } } } } };
        assert.deepEqual(schema.properties.skipped.items.properties.reason.enum, [...SKIP_REASONS]);
        const validate = reportValidator();
        const withSkips = structuredClone(report);
        withSkips.skipped = SKIP_REASONS.map((reason) => ({ file: `x/${reason}`, reason, detail: 'why' }));
        assert.ok(validate(withSkips), JSON.stringify(validate.errors));
        const unknown = structuredClone(report) as unknown as { skipped: { file: string; reason: string }[] };
        unknown.skipped = [{ file: 'x', reason: 'gone' }];
        assert.equal(validate(unknown), false);
    });
    it('the JSON schema describes every property', () => {
        const schema = JSON.parse(
            readFileSync(new URL('../schema/scan-report.schema.json', import.meta.url), 'utf8')
        ) as Record<string, unknown>;
        const undocumented: string[] = [];
        let properties = 0;
        const visit = (node: unknown, path: string): void => {
            if (!node || typeof node !== 'object') return;
            const n = node as { properties?: Record<string, { description?: unknown }>; items?: unknown };
            for (const [name, sub] of Object.entries(n.properties ?? {})) {
                properties++;
                if (typeof sub.description !== 'string' || sub.description.trim() === '')
                    undocumented.push(`${path}${name}`);
                visit(sub, `${path}${name}.`);
            }
            visit(n.items, `${path}[].`);
        };
        visit(schema, '');
        for (const [name, def] of Object.entries(schema.$defs as Record<string, unknown>)) visit(def, `$defs.${name}.`);
        assert.deepEqual(undocumented, []);
        assert.ok(properties > 100, `${properties} properties`);
    });
    it('every fixture scan validates against the JSON schema', () => {
        const validate = reportValidator();
        for (const rel of ['adapter', 'negative'])
            assert.ok(validate(sample(rel)), `${rel}: ${JSON.stringify(validate.errors)}`);
    });
    it('SARIF matches its snapshot and the official SARIF 2.1.0 schema', () => {
        const sarif = renderSarif(report, { rootUri: 'file:///work/adapter/' });
        matchSnapshot('report.sarif', sarif);
        const validate = sarifValidator();
        const full = JSON.parse(renderSarif(sample('adapter'))) as unknown;
        assert.ok(validate(JSON.parse(sarif)), JSON.stringify(validate.errors));
        assert.ok(validate(full), JSON.stringify(validate.errors));
    });
    it('SARIF keeps rule ids unique and results pointing at them', () => {
        const sarif = JSON.parse(renderSarif(sample('adapter'))) as {
            runs: {
                tool: { driver: { rules: { id: string }[] } };
                results: { ruleId: string; ruleIndex: number; level: string }[];
            }[];
        };
        const run = sarif.runs[0]!;
        const ids = run.tool.driver.rules.map((r) => r.id);
        assert.equal(new Set(ids).size, ids.length);
        for (const r of run.results) assert.equal(ids[r.ruleIndex], r.ruleId);
        assert.ok(run.results.some((r) => r.level === 'error'));
    });
    it('the SARIF schema rejects what it should', () => {
        const validate = sarifValidator();
        assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    });
    it('Markdown matches its snapshot and escapes table cells', () => {
        matchSnapshot('report.md', renderMarkdown(report));
        assert.equal(cell('a|b\nc <x> *y*'), 'a\\|b c \\<x\\> \\*y\\*');
        assert.equal(code('a`b'), '``a`b``');
        assert.equal(code('`x`'), '`` `x` ``');
    });
    it('HTML matches its snapshot, is self-contained and escapes everything', () => {
        const html = renderHtml(report);
        matchSnapshot('report.html', html);
        assert.ok(!/<script|<link|<img|\ssrc=|url\(/i.test(html), 'no scripts or external assets');
        assert.ok(html.includes('<html lang="en">'));
        assert.ok(html.includes('<svg role="img" aria-labelledby="chart-title chart-desc"'));
        assert.ok(html.includes('&lt;/td&gt;&lt;script&gt;'), 'the hostile snippet is escaped');
        assert.equal(escapeHtml(`<a href="x">'&`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    });
    it('terminal summary matches its snapshot; colour only when asked', () => {
        const plain = renderTerminal(report, { colour: false, written: ['out/scan.json'] });
        matchSnapshot('report.txt', plain);
        assert.ok(!plain.includes('\u001b['));
        assert.ok(renderTerminal(report, { colour: true }).includes('\u001b[31m'));
        assert.match(renderTerminal(sample('adapter'), { colour: false, maxProblems: 2 }), /… and \d+ more/);
    });
    it('renders an empty scan', () => {
        const empty = sample('negative');
        assert.match(renderMarkdown(empty), /No Open CTI usage found/);
        // Said plainly, and not to be mistaken for a clean migration (which has uses and no problems).
        assert.match(renderHtml(empty), /<p class="verdict">No Open CTI use found in \d+ files?; \d+ skipped\.<\/p>/);
        assert.match(
            renderHtml(sample('report-sample')),
            /<h1>[^]*<p class="verdict">10 Open CTI uses to migrate[^]*<h2 id="problems">Problems to fix<\/h2>\s*<table><caption>Problems to fix, most severe first[^]*sev-error[^]*sev-warning[^]*<h2 id="summary">/
        );
    });
});
