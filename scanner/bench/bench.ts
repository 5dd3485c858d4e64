// npm run bench:scanner: generates a synthetic tree of about one million lines (JavaScript, TypeScript, HTML,
// Visualforce, Markdown, call-center XML) with Open CTI adapter code spread through it, then times the CLI as a user
// runs it (a whole `switchboard scan` process: start-up, walk, read, analyse, report) against `grep -rE` of the
// tokens that can lead to a finding, on the same tree. Prints the start-up time on an empty folder, the time of a
// 3 MB minified bundle, and last a JSON line: {"lines","seconds","grepSeconds","ratio","rssMb"}.
// Options: see OPTIONS below (`npm run bench:scanner -- --help` prints them).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptArgs, type HelpRow } from '../src/cli/options.js';

/** One table: `parseArgs` reads it and `--help` prints it. */
const OPTIONS = {
    lines: { type: 'string', value: '<n>', help: 'lines in the generated tree (default 1000000)' },
    dense: { type: 'boolean', help: 'every file mentions sforce, so every file is parsed: the worst case' },
    runs: {
        type: 'string',
        value: '<n>',
        help: 'runs of each timing (the tree: scan and grep in turn), the median kept (default 5)'
    },
    keep: { type: 'boolean', help: 'leave the generated tree in place' },
    help: { type: 'boolean', short: 'h', help: 'this text' }
} as const satisfies Record<string, HelpRow>;

const USAGE = 'Usage: npm run bench:scanner -- [options]';
const values = parseScriptArgs(
    OPTIONS,
    USAGE,
    `Times \`switchboard scan\` as a process against grep on a generated tree.`
);
const TARGET = Number(values.lines ?? 1_000_000);
const DENSE = values.dense === true;
const RUNS = Math.max(1, Number(values.runs ?? 5));

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

/** A minified bundle of about 3 MB on one line per 32 KB, with Open CTI calls spread through it. */
function bundle(): string {
    const parts: string[] = ['/*! vendor bundle v1.0.0 | (c) example | MIT License */'];
    let size = 0;
    for (let i = 0; size < 3_000_000; i++) {
        const piece =
            i % 400 === 0
                ? `sforce.opencti.saveLog({value:{entityApiName:"Task",Subject:s${i}},callback:d});`
                : `function a${i}(b,c){var d=b+c*${i % 97};return d>${i}?a${i}(d-1,c):[d,"s${i}",{k:${i}}]}`;
        parts.push(piece);
        size += piece.length;
    }
    // Minifiers break lines between statements, about every 32 KB.
    const lines: string[] = [];
    let line = '';
    for (const part of parts) {
        line += part;
        if (line.length >= 32_768) {
            lines.push(line);
            line = '';
        }
    }
    lines.push(line);
    return lines.join('\n');
}

const BIN = fileURLToPath(new URL('../bin/switchboard.js', import.meta.url));
const RSS_PRELOAD = fileURLToPath(new URL('./max-rss.mjs', import.meta.url));
/** The tokens the scanner's pre-filter looks for, as grep would be asked for them. */
const GREP_TOKENS =
    'sforce|localStorage|sessionStorage|cookie|Cookies|postMessage|onmessage|indexedDB|StorageAccess|opencti';

interface Run {
    seconds: number;
    rssMb: number;
    /** CPU time of the CLI process (user + system): moves less than wall-clock time on a loaded machine. */
    cpuSeconds: number;
    status: number | null;
    stderr: string;
}

/** Runs a command to completion with its output piped (GNU grep stops at the first match when writing to /dev/null). */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run {
    const t = performance.now();
    const r = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 1024 ** 3 });
    return { seconds: (performance.now() - t) / 1000, rssMb: 0, cpuSeconds: 0, status: r.status, stderr: r.stderr };
}

/**
 * The CLI as a process, as a user runs it: `node bin/switchboard.js scan <target> --quiet`. Its peak RSS and CPU time
 * come from a second run with a preload module that writes them to a file at exit (a parent cannot read a child's
 * usage portably); that run is not timed, since the preload itself costs start-up time a user never pays.
 */
function cli(target: string): Run {
    const args = [BIN, 'scan', target, '--quiet'];
    const run = timed(process.execPath, args);
    if (run.status !== 0) throw new Error(`switchboard scan exited ${run.status}: ${run.stderr}`);
    const rssFile = join(tmpdir(), `switchboard-bench-rss-${process.pid}`);
    const measured = timed(process.execPath, ['--import', RSS_PRELOAD, ...args], {
        ...process.env,
        SWITCHBOARD_BENCH_RSS: rssFile
    });
    if (measured.status !== 0) throw new Error(`switchboard scan exited ${measured.status}: ${measured.stderr}`);
    const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRss: number; cpu: number };
    run.rssMb = usage.maxRss / 1024;
    run.cpuSeconds = usage.cpu / 1e6;
    rmSync(rssFile, { force: true });
    return run;
}

function median(runs: Run[]): Run {
    return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
}

function repeat(n: number, f: () => Run): Run {
    return median(Array.from({ length: n }, f));
}

const root = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
try {
    const t0 = performance.now();
    const tree = join(root, 'tree');
    const generated = generate(tree);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const bundleDir = join(root, 'bundle');
    mkdirSync(bundleDir);
    const bundleText = bundle();
    writeFileSync(join(bundleDir, 'vendor.min.js'), bundleText);
    // The same bundle as one wrapped function (an IIFE, as webpack and UMD builds are): one top-level statement.
    const wrappedDir = join(root, 'wrapped');
    mkdirSync(wrappedDir);
    writeFileSync(join(wrappedDir, 'vendor.min.js'), `(function(){${bundleText}})();\n`);
    console.log(
        `Generated ${generated.files} files, ${generated.lines} lines, ${(generated.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s${DENSE ? ' (dense: every file mentions sforce)' : ''}`
    );

    const start = repeat(5, () => cli(empty));
    // Node's own start-up on this machine at this moment, so a loaded machine shows as such.
    const bare = repeat(5, () => timed(process.execPath, ['-e', '']));
    console.log(
        `Start-up (empty folder): ${start.seconds.toFixed(3)} s (CPU ${start.cpuSeconds.toFixed(3)} s), peak RSS ${start.rssMb.toFixed(0)} MB (node -e '': ${bare.seconds.toFixed(3)} s)`
    );
    const big = repeat(RUNS, () => cli(bundleDir));
    console.log(
        `3 MB minified bundle: ${big.seconds.toFixed(2)} s (CPU ${big.cpuSeconds.toFixed(2)} s), peak RSS ${big.rssMb.toFixed(0)} MB`
    );
    const wrapped = repeat(RUNS, () => cli(wrappedDir));
    console.log(
        `3 MB bundle as one wrapped function: ${wrapped.seconds.toFixed(2)} s (CPU ${wrapped.cpuSeconds.toFixed(2)} s), peak RSS ${wrapped.rssMb.toFixed(0)} MB`
    );
    // Scan and grep in turn, and the ratio pair by pair: the machine's speed drifts between runs (grep alone moved
    // by 20% in a minute), and a pair sees the same moment.
    const pairs = Array.from({ length: RUNS }, () => {
        const scanned = cli(tree);
        return { scanned, grepped: timed('grep', ['-rE', GREP_TOKENS, tree]) };
    });
    const scanRun = median(pairs.map((p) => p.scanned));
    const grepRun = median(pairs.map((p) => p.grepped));
    const ratios = pairs.map((p) => p.scanned.seconds / p.grepped.seconds).sort((a, b) => a - b);
    const ratio = ratios[Math.floor(ratios.length / 2)]!;
    console.log(
        `Tree: switchboard scan ${scanRun.seconds.toFixed(2)} s (CPU ${scanRun.cpuSeconds.toFixed(2)} s, peak RSS ${scanRun.rssMb.toFixed(0)} MB), grep -rE ${grepRun.seconds.toFixed(2)} s: ${ratio.toFixed(1)}x grep (median of ${RUNS} pairs; ratios ${ratios.map((r) => r.toFixed(1)).join(', ')})`
    );
    console.log(
        JSON.stringify({
            lines: generated.lines,
            seconds: Number(scanRun.seconds.toFixed(3)),
            grepSeconds: Number(grepRun.seconds.toFixed(3)),
            ratio: Number(ratio.toFixed(2)),
            rssMb: Math.round(scanRun.rssMb)
        })
    );
} finally {
    if (!values.keep) rmSync(root, { recursive: true, force: true });
    else console.log(`Tree kept in ${root}`);
}
