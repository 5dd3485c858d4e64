// Every finding's action points to a section of the migration guide (docs/migration.md): these tests fail when a
// catalog entry names a section the guide does not have, computing anchors the way GitHub renders headings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CALL_CENTER_ITEMS, VENDOR_ITEM } from '../src/catalog/call-center.js';
import { GUIDE, GUIDE_PATH, guideLink, type Mapping } from '../src/catalog/mapping.js';
import {
    CONSOLE_TOOLKIT_MAPPINGS,
    ENUM_MAPPINGS,
    METHODS,
    NON_METHOD_MAPPINGS,
    PRESENCE_RUN_APEX
} from '../src/catalog/open-cti.js';
import { renderHtml } from '../src/report/html.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderTerminal } from '../src/report/terminal.js';
import { scan } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, catalog, fixture } from './helpers.js';

const GUIDE_FILE = new URL(`../../${GUIDE_PATH}`, import.meta.url);

/**
 * The anchors GitHub gives the headings of a Markdown document: the heading's text without inline markup,
 * lower-cased, without punctuation (letters, digits, spaces, `-` and `_` stay), spaces turned into `-`; a repeated
 * anchor gets `-1`, `-2`... Headings inside fenced code blocks are not headings.
 */
export function headingAnchors(markdown: string): string[] {
    const anchors: string[] = [];
    const seen = new Map<string, number>();
    let fence: string | undefined;
    for (const line of markdown.split(/\r?\n/)) {
        const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
        if (f?.[1]) {
            if (fence === undefined) fence = f[1][0];
            else if (f[1][0] === fence) fence = undefined;
            continue;
        }
        if (fence !== undefined) continue;
        const h = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
        if (!h) continue;
        const text = (h[1] ?? '')
            .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
            .replace(/<[^>]+>/g, '') // inline HTML
            .replace(/[`*]/g, ''); // code spans and emphasis
        const base = text
            .trim()
            .toLowerCase()
            .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
            .replace(/ /g, '-');
        const n = seen.get(base);
        seen.set(base, (n ?? -1) + 1);
        anchors.push(n === undefined ? base : `${base}-${n + 1}`);
    }
    return anchors;
}

/** The guide links that name no heading of `markdown`. */
export function missingSections(links: Iterable<string>, markdown: string): string[] {
    const anchors = new Set(headingAnchors(markdown));
    return [...new Set(links)].filter(
        (l) => !l.startsWith(`${GUIDE_PATH}#`) || !anchors.has(l.slice(l.indexOf('#') + 1))
    );
}

/** Every mapping the catalog and the rules can give a finding. */
function catalogMappings(): Mapping[] {
    return [
        ...METHODS.map((m) => m.mapping),
        ...Object.values(ENUM_MAPPINGS),
        ...Object.values(NON_METHOD_MAPPINGS),
        ...Object.values(CONSOLE_TOOLKIT_MAPPINGS),
        PRESENCE_RUN_APEX,
        ...Object.values(CALL_CENTER_ITEMS).map((i) => i.mapping),
        VENDOR_ITEM
    ];
}

describe('migration guide links', () => {
    const guide = readFileSync(GUIDE_FILE, 'utf8');

    it('computes anchors as GitHub does', () => {
        const doc = [
            '# Migrating, row by row',
            '## 1. Screen pop',
            '## 2. Call logging (`saveLog`)',
            '### The [Voice Extension](docs/voice-extension.md) *panel*',
            '```md',
            '## Not a heading',
            '```',
            '## 1. Screen pop',
            '## Ünïcode & symbols: ok?'
        ].join('\n');
        assert.deepEqual(headingAnchors(doc), [
            'migrating-row-by-row',
            '1-screen-pop',
            '2-call-logging-savelog',
            'the-voice-extension-panel',
            '1-screen-pop-1',
            'ünïcode--symbols-ok'
        ]);
    });

    it('reports a link to a section the guide does not have', () => {
        const doc = '# Guide\n\n## 1. Screen pop\n';
        assert.deepEqual(missingSections([`${GUIDE_PATH}#1-screen-pop`, `${GUIDE_PATH}#2-call-logging`], doc), [
            `${GUIDE_PATH}#2-call-logging`
        ]);
        assert.deepEqual(missingSections(['elsewhere.md#1-screen-pop'], doc), ['elsewhere.md#1-screen-pop']);
    });

    it('every section the catalog names exists in docs/migration.md', () => {
        assert.deepEqual(missingSections(Object.values(GUIDE).map(guideLink), guide), []);
    });

    it('every catalog entry points to a guide section', () => {
        const mappings = catalogMappings();
        const known = new Set<string>(Object.values(GUIDE));
        for (const m of mappings) assert.ok(known.has(m.guide), `${m.replacement}: guide ${String(m.guide)}`);
        assert.deepEqual(
            missingSections(
                mappings.map((m) => guideLink(m.guide)),
                guide
            ),
            []
        );
    });

    it('the guide has one numbered section per row of the capability matrix, and findings reach them', () => {
        const rows = headingAnchors(guide).filter((a) => /^\d+-/.test(a));
        assert.deepEqual(
            rows.map((a) => Number(a.split('-')[0])),
            Array.from({ length: 20 }, (_, i) => i + 1)
        );
        const named = new Set<string>(Object.values(GUIDE));
        assert.deepEqual(
            rows.filter((a) => !named.has(a)),
            []
        );
    });

    it('every finding of the fixture adapter carries a guide link that resolves', () => {
        const report = scan({ root: fixture('adapter'), now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
        assert.ok(report.findings.length > 100);
        const links = [...report.findings.map((f) => f.guide), ...report.inventory.map((r) => r.guide)];
        assert.ok(links.every((l) => typeof l === 'string' && l.length > 0));
        assert.deepEqual(missingSections(links, guide), []);
    });

    it('every report format shows each finding its guide section', () => {
        const report = scan({ root: fixture('report-sample'), now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
        const own = report.findings.filter((f) => !f.thirdParty);
        assert.ok(own.length > 5);
        const sarif = JSON.parse(renderSarif(report)) as {
            runs: { results: { message: { text: string }; properties: { guide: string } }[] }[];
        };
        const results = sarif.runs[0]?.results ?? [];
        assert.ok(results.length >= report.findings.length);
        for (const r of results) {
            assert.match(r.properties.guide, /^docs\/migration\.md#/);
            assert.ok(r.message.text.includes(`Guide: ${r.properties.guide}.`), r.message.text);
        }
        const markdown = renderMarkdown(report);
        const html = renderHtml(report);
        const terminal = renderTerminal(report, { colour: false });
        for (const f of own) {
            assert.ok(markdown.includes(`\`${f.guide}\``), `Markdown: ${f.guide}`);
            assert.ok(html.includes(`Guide: <code>${f.guide}</code>`), `HTML: ${f.guide}`);
        }
        // The terminal lists the inventory (first 15 rows) and the problems, each with its section's anchor.
        for (const r of report.inventory.slice(0, 15))
            assert.ok(terminal.includes(r.guide.slice(r.guide.indexOf('#'))));
        assert.deepEqual(missingSections([...own.map((f) => f.guide)], guide), []);
    });
});
