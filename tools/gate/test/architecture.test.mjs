// docs/architecture.md is the map of the rooms: its table says what each room may import, its diagram draws the same.
// This test holds the code to it: a top-level folder without a row, an import its room's row does not allow (an
// upward or sideways import), a circle among the rooms, or a diagram that disagrees with the table fails here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '..', '..', '..');
const DOC = 'docs/architecture.md';

/**
 * The rooms table and the diagram's arrows from the page's Markdown.
 * @param {string} markdown
 */
export function readMap(markdown) {
    const rooms = new Map();
    const section = /^## The rooms\n([\s\S]*?)(?=^## )/m.exec(markdown)?.[1] ?? '';
    for (const line of section.split('\n')) {
        const cells = line.split('|').map((c) => c.trim());
        // | `room/` | owns | may import |
        if (cells.length < 5 || !/^`[^`]+\/`$/.test(cells[1])) continue;
        const name = cells[1].slice(1, -2);
        const mayImport = [...cells[3].matchAll(/`([^`]+)\/`/g)].map((m) => m[1]);
        rooms.set(name, new Set(mayImport));
    }
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
    const labels = new Map();
    for (const m of diagram.matchAll(/(\w+)\["([^"]+)\/"\]/g)) labels.set(m[1], m[2]);
    const arrows = new Set();
    for (const line of diagram.split('\n')) {
        const m = /^\s*(\w+)(?:\["[^"]*"\])?\s*-->\s*(\w+)/.exec(line);
        if (m) arrows.add(`${labels.get(m[1]) ?? m[1]} -> ${labels.get(m[2]) ?? m[2]}`);
    }
    return { rooms, arrows };
}

/** The room a repository path belongs to: the longest room name it starts with; '' for a file at the root. */
function roomOf(path, rooms) {
    if (!path.includes('/')) return '';
    let best = null;
    for (const name of rooms.keys()) {
        if ((path === name || path.startsWith(`${name}/`)) && (!best || name.length > best.length)) best = name;
    }
    return best ?? path.split('/')[0];
}

const CODE = /\.(?:[cm]?js|[cm]?ts|tsx|jsx)$/;
// Imports, exports from, import(), require(), tsx's tsImport(), and files loaded by path with new URL(..., import.meta.url).
const SPECIFIER =
    /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\btsImport\s*\(\s*|^\s*import\s+|\bnew URL\(\s*|\bimport\.meta\.resolve\(\s*)(['"])([^'"\n]+)\1/gm;

/**
 * Every import that crosses from one room to another.
 * @param {{ path: string, text: string }[]} files repository-relative paths
 * @param {Map<string, Set<string>>} rooms
 */
export function crossings(files, rooms) {
    const found = [];
    for (const { path, text } of files) {
        const from = roomOf(path, rooms);
        if (from === '') continue;
        for (const m of text.matchAll(SPECIFIER)) {
            const spec = m[2];
            let target;
            if (spec.startsWith('.')) target = posix.normalize(posix.join(posix.dirname(path), spec));
            else if (spec.startsWith('@switchboard/')) target = spec.split('/')[1];
            else if (spec.startsWith('c/')) target = 'force-app';
            else continue;
            if (target.startsWith('..')) continue;
            const to = roomOf(spec.startsWith('.') ? target : `${target}/`, rooms);
            if (to === '' || to === from) continue;
            const line = text.slice(0, m.index).split('\n').length;
            found.push({ from, to, where: `${path}:${line}` });
        }
    }
    return found;
}

/** Crossings the table does not allow, as readable lines. */
export function violations(found, rooms) {
    return found.filter((c) => !rooms.get(c.from)?.has(c.to)).map((c) => `${c.where}: ${c.from}/ imports ${c.to}/`);
}

/** A circle among the allowed imports, or null. */
export function circle(rooms) {
    const state = new Map();
    const path = [];
    const visit = (room) => {
        if (state.get(room) === 'done') return null;
        if (state.get(room) === 'open') return [...path.slice(path.indexOf(room)), room];
        state.set(room, 'open');
        path.push(room);
        for (const next of rooms.get(room) ?? []) {
            const found = visit(next);
            if (found) return found;
        }
        path.pop();
        state.set(room, 'done');
        return null;
    };
    for (const room of rooms.keys()) {
        const found = visit(room);
        if (found) return found;
    }
    return null;
}

function repositoryFiles() {
    // Tracked files and new ones not ignored: a room added but not yet committed counts too.
    return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024
    })
        .split('\0')
        .filter(Boolean);
}

const skipped = (path) =>
    /(^|\/)(node_modules|dist|coverage)\//.test(path) ||
    path.includes('/test/fixtures/') ||
    path.includes('/staticresources/');

describe('docs/architecture.md', () => {
    const { rooms, arrows } = readMap(readFileSync(join(root, DOC), 'utf8'));
    const files = repositoryFiles();

    it('has a row for every top-level folder', () => {
        const topLevel = new Set(files.filter((f) => f.includes('/')).map((f) => f.split('/')[0]));
        const missing = [...topLevel].filter((d) => !rooms.has(d)).sort();
        assert.deepEqual(missing, [], `top-level folders without a row in ${DOC}: describe them there`);
        const gone = [...rooms.keys()].filter((r) => !files.some((f) => f.startsWith(`${r}/`)));
        assert.deepEqual(gone, [], `rows in ${DOC} for folders that no longer exist`);
    });

    it('allows only rooms it names, in one direction', () => {
        for (const [room, targets] of rooms)
            for (const target of targets) assert.ok(rooms.has(target), `${room}/ may import ${target}/: no such row`);
        assert.equal(circle(rooms)?.join(' -> ') ?? null, null, 'the table allows a circle');
    });

    it('draws exactly the imports the table allows', () => {
        const allowed = new Set([...rooms].flatMap(([room, targets]) => [...targets].map((t) => `${room} -> ${t}`)));
        assert.deepEqual([...arrows].sort(), [...allowed].sort());
    });

    it('is what the code does: no import its room does not allow', () => {
        const code = files
            .filter((f) => CODE.test(f) && !skipped(f))
            .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
        assert.ok(code.length > 100, 'the code was found');
        const found = crossings(code, rooms);
        assert.deepEqual(violations(found, rooms), []);
        const used = new Set(found.map((c) => `${c.from} -> ${c.to}`));
        const unused = [...rooms].flatMap(([room, targets]) =>
            [...targets].filter((t) => !used.has(`${room} -> ${t}`)).map((t) => `${room}/ -> ${t}/`)
        );
        assert.deepEqual(unused, [], `allowed in ${DOC} but no code does it: take it out of the table and the diagram`);
    });
});

describe('the LWC', () => {
    it('import each other without a circle, types included', () => {
        const sources = repositoryFiles().filter(
            (f) => /^force-app\/[^/]+\/main\/default\/lwc\/[^/]+\/[^/]+\.ts$/.test(f) && !f.endsWith('.d.ts')
        );
        const byBundle = new Map(
            sources.map((f) => [f.split('/').at(-2), f]).filter(([b, f]) => f.endsWith(`/${b}.ts`))
        );
        const graph = new Map();
        for (const file of sources) {
            const targets = new Set();
            for (const m of readFileSync(join(root, file), 'utf8').matchAll(SPECIFIER)) {
                const spec = m[2];
                if (spec.startsWith('c/')) targets.add(byBundle.get(spec.slice(2)));
                else if (spec.startsWith('.'))
                    targets.add(`${posix.join(posix.dirname(file), spec).replace(/\.js$/, '')}.ts`);
            }
            graph.set(file, new Set([...targets].filter((t) => t && sources.includes(t))));
        }
        assert.ok(graph.size > 5, 'the LWC sources were found');
        assert.equal(circle(graph)?.join(' -> ') ?? null, null);
    });

    it('each have an accessibility test, as lwc-recipes does, when they are components', () => {
        const files = repositoryFiles();
        const mains = files.filter((f) => /^force-app\/[^/]+\/main\/default\/lwc\/([^/]+)\/\1\.ts$/.test(f));
        const components = mains.filter((f) =>
            /extends\s+(?:NavigationMixin\()?LightningElement\b/.test(readFileSync(join(root, f), 'utf8'))
        );
        assert.ok(components.length >= 3, 'the components were found');
        const untested = components.filter((main) => {
            const tests = files.filter((f) => f.startsWith(`${dirname(main)}/__tests__/`) && f.endsWith('.test.js'));
            return !tests.some((t) => readFileSync(join(root, t), 'utf8').includes('toBeAccessible('));
        });
        assert.deepEqual(untested, [], 'components without `await expect(element).toBeAccessible()` in a test');
    });
});

describe('the check itself', () => {
    const { rooms } = readMap(`
## The rooms

| Room | Owns | May import |
| --- | --- | --- |
| \`app/\` | the top | \`lib/\` |
| \`lib/\` | the bottom | — |
| \`lib/deep/\` | a sub-room | — |

## The one direction

\`\`\`mermaid
flowchart TD
    app["app/"] --> lib["lib/"]
\`\`\`
`);

    it('reads rooms, sub-rooms and arrows', () => {
        assert.deepEqual([...rooms.keys()], ['app', 'lib', 'lib/deep']);
        assert.deepEqual(
            readMap('```mermaid\nflowchart TD\n    a["app/"] --> b["lib/"]\n    b --> c["x/"]\n```').arrows,
            new Set(['app -> lib', 'lib -> x'])
        );
    });

    it('fails an upward import, and one into a sub-room its row does not name', () => {
        const found = crossings(
            [
                { path: 'app/main.ts', text: "import { x } from '../lib/x.js';\n" },
                { path: 'lib/x.ts', text: "// the bottom\nexport { y } from '../app/y.js';\n" },
                { path: 'lib/z.mjs', text: "const d = await import('./deep/d.mjs');\n" },
                { path: 'lib/w.mjs', text: "const u = new URL('../app/data.json', import.meta.url);\n" },
                { path: 'lib/v.ts', text: "import '@switchboard/app';\nimport 'node:fs';\n" }
            ],
            rooms
        );
        assert.deepEqual(violations(found, rooms), [
            'lib/x.ts:2: lib/ imports app/',
            'lib/z.mjs:1: lib/ imports lib/deep/',
            'lib/w.mjs:1: lib/ imports app/',
            'lib/v.ts:1: lib/ imports app/'
        ]);
    });

    it('finds a circle', () => {
        const looped = new Map([
            ['a', new Set(['b'])],
            ['b', new Set(['c'])],
            ['c', new Set(['a'])]
        ]);
        assert.deepEqual(circle(looped), ['a', 'b', 'c', 'a']);
        assert.equal(circle(rooms), null);
    });
});
