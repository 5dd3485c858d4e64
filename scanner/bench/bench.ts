// npm run bench:scanner: generates a synthetic tree of about one million lines (JavaScript, TypeScript, HTML,
// Visualforce, Markdown, call-center XML) with Open CTI adapter code spread through it, scans it, and prints
// lines per second and memory. Options: --lines N (default 1000000), --dense (every file mentions sforce, so every
// file is parsed: the worst case), --keep (leave the tree in place). Wall-clock and CPU time are printed: on a shared
// machine the first moves with the load, the second much less.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scan } from '../src/scan.js';

const { values } = parseArgs({
    options: { lines: { type: 'string' }, dense: { type: 'boolean' }, keep: { type: 'boolean' } }
});
const TARGET = Number(values.lines ?? 1_000_000);
const DENSE = values.dense === true;

/** Deterministic pseudo-random numbers (mulberry32), so every run scans the same tree. */
function random(seed: number): () => number {
    let a = seed;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
const rnd = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

const ADAPTER_SNIPPETS = [
    "sforce.opencti.saveLog({ value: { entityApiName: 'Task', Subject: subject, CallType: 'Inbound', Reason__c: r }, callback: done });",
    'var cti = window.sforce.opencti;\ncti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: { recordId: id } });',
    'sforce.opencti.onClickToDial({ listener: function (payload) { dial(payload.number); } });',
    'const { refreshView } = sforce.opencti;\nrefreshView({ callback: done });',
    'function logCall(fields, cb) { sforce.opencti.saveLog({ value: fields, callback: cb }); }\nlogCall({ Subject: s, CallDurationInSeconds: 12 }, done);',
    "sforce.interaction.cti.setSoftphoneHeight(400);\ndocument.cookie = 'agent=' + id;",
    "window.parent.postMessage({ type: 'ring' }, '*');\nlocalStorage.setItem('call', JSON.stringify(call));",
    "sforce.opencti.runApex({ apexClass: 'Lookup', methodName: 'byPhone', methodParams: 'p=' + p, callback: done });"
];

function jsBody(lines: number, index: number, adapter: boolean): string {
    const out: string[] = [`// generated module ${index}`, `'use strict';`];
    let n = 0;
    while (out.length < lines) {
        const kind = rnd();
        n++;
        if (adapter && rnd() < 0.03) {
            out.push(...pick(ADAPTER_SNIPPETS).split('\n'));
        } else if (kind < 0.35) {
            out.push(
                `function compute${n}(items, factor) {`,
                '    let total = 0;',
                '    for (const item of items) {',
                `        total += item.value * factor + ${n % 97};`,
                '    }',
                '    return total;',
                '}'
            );
        } else if (kind < 0.6) {
            out.push(
                `const config${n} = {`,
                `    name: 'service-${n}',`,
                `    retries: ${n % 5},`,
                `    endpoints: ['/api/v1/items', '/api/v1/orders/${n}'],`,
                '};'
            );
        } else if (kind < 0.8) {
            out.push(
                `export class Model${n} {`,
                '    constructor(data) {',
                '        this.data = data;',
                '    }',
                '    get size() {',
                '        return this.data.length;',
                '    }',
                '}'
            );
        } else {
            out.push(`// helper ${n}: formats a value`, `const format${n} = (v) => String(v).padStart(8, '0');`);
        }
    }
    if (DENSE) out.push('if (typeof sforce === "undefined") { /* not in Salesforce */ }');
    return `${out.join('\n')}\n`;
}

function page(lines: number, index: number, adapter: boolean): string {
    const script = jsBody(Math.max(10, lines - 12), index, adapter);
    return [
        '<apex:page showHeader="false">',
        adapter ? '    <apex:includeScript value="/support/api/58.0/lightning/opencti_min.js"/>' : '',
        '    <div class="container">',
        `        <h1>Page ${index}</h1>`,
        adapter ? '        <button onclick="sforce.opencti.refreshView({}); return false;">Refresh</button>' : '',
        '    </div>',
        '    <script type="text/javascript">',
        script,
        '    </script>',
        '</apex:page>',
        ''
    ].join('\n');
}

function markdown(lines: number, index: number, adapter: boolean): string {
    const out = [`# Notes ${index}`, ''];
    while (out.length < lines) {
        out.push('Some prose about the integration and how agents use it.', '');
        if (rnd() < 0.2) out.push('```js', adapter ? pick(ADAPTER_SNIPPETS) : 'const x = compute(1);', '```', '');
    }
    return `${out.join('\n')}\n`;
}

const CALL_CENTER = `<callCenter>
  <section sortOrder="0" name="reqGeneralInfo" label="General Information">
    <item sortOrder="0" name="reqInternalName" label="Internal Name">Bench</item>
    <item sortOrder="2" name="reqAdapterUrl" label="CTI Adapter URL">/apex/Softphone</item>
    <item sortOrder="4" name="reqSoftphoneHeight" label="Softphone Height">400</item>
    <item sortOrder="6" name="reqSalesforceCompatibilityMode" label="Mode">Lightning</item>
  </section>
</callCenter>
`;

function generate(root: string): { files: number; lines: number; bytes: number } {
    let lines = 0;
    let bytes = 0;
    let files = 0;
    for (let i = 0; lines < TARGET; i++) {
        const dir = join(root, `pkg${i % 40}`, `area${i % 7}`);
        mkdirSync(dir, { recursive: true });
        const size = 200 + Math.floor(rnd() * 600);
        const adapter = DENSE || i % 20 === 0;
        const kind = rnd();
        let name: string;
        let text: string;
        if (kind < 0.6) [name, text] = [`module${i}.js`, jsBody(size, i, adapter)];
        else if (kind < 0.75) [name, text] = [`service${i}.ts`, jsBody(size, i, adapter)];
        else if (kind < 0.88) [name, text] = [`Page${i}.page`, page(size, i, adapter)];
        else if (kind < 0.98) [name, text] = [`notes${i}.md`, markdown(size, i, adapter)];
        else [name, text] = [`center${i}.xml`, CALL_CENTER];
        writeFileSync(join(dir, name), text);
        files++;
        lines += text.split('\n').length - 1;
        bytes += Buffer.byteLength(text);
    }
    return { files, lines, bytes };
}

const root = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
try {
    const t0 = performance.now();
    const generated = generate(root);
    const generatedIn = (performance.now() - t0) / 1000;
    console.log(
        `Generated ${generated.files} files, ${generated.lines} lines, ${(generated.bytes / 1e6).toFixed(1)} MB in ${generatedIn.toFixed(1)} s${DENSE ? ' (dense: every file mentions sforce)' : ''}`
    );
    const before = process.memoryUsage();
    const cpuBefore = process.cpuUsage();
    const t1 = performance.now();
    const perRound: number[] = [];
    const report = scan({ root, onProgress: (p) => void (perRound[p.round - 1] = p.total) });
    const seconds = (performance.now() - t1) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const after = process.memoryUsage();
    const peakRss = process.resourceUsage().maxRSS / 1024;
    const s = report.summary;
    console.log(`Scanned ${s.filesScanned} files, ${s.linesScanned} lines in ${seconds.toFixed(2)} s`);
    console.log(`  files analysed per round: ${perRound.join(', ')}`);
    // CPU time moves less than wall-clock time when other work shares the machine (it includes GC threads).
    console.log(
        `  CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)})`
    );
    console.log(
        `  ${Math.round(s.linesScanned / seconds).toLocaleString('en-US')} lines/s, ${(s.bytesScanned / 1e6 / seconds).toFixed(1)} MB/s`
    );
    console.log(
        `  ${s.findings} findings (${Object.entries(s.byAction)
            .map(([a, n]) => `${n} ${a}`)
            .join(', ')}), ${s.issues} issues`
    );
    console.log(
        `  memory: peak RSS ${peakRss.toFixed(0)} MB, heap ${(before.heapUsed / 1e6).toFixed(0)} -> ${(after.heapUsed / 1e6).toFixed(0)} MB`
    );
} finally {
    if (!values.keep) rmSync(root, { recursive: true, force: true });
    else console.log(`Tree kept in ${root}`);
}
