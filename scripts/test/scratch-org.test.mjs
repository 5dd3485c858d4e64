// The scratch-org path cannot run without an org. What can be proved here is that every command it would run is a
// real sf command called with flags that exist, take a value when they need one, and have allowed values: checked
// against sf-cli-flags.json, which record-sf-flags.mjs writes from `sf commands --json` of the pinned CLI. The same
// check covers the sf commands of the GitHub Actions workflow.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
    DEFAULTS,
    PERMISSION_SETS,
    SF_COMMANDS,
    TASKS,
    commandLine,
    parseOptions,
    planTask,
    queryStep,
    routingQueries
} from '../scratch-org/plan.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const recorded = JSON.parse(readFileSync(join(root, 'scripts', 'scratch-org', 'sf-cli-flags.json'), 'utf8'));
/** Required flags a project or CLI default can satisfy (sf config target-org / target-dev-hub). */
const FROM_CONFIG = new Set(['target-org', 'target-dev-hub']);

/** Problems with one sf invocation: unknown command or flag, missing or misplaced values, repeated flags. */
function problemsOf(command, args) {
    const spec = recorded.commands[command];
    if (!spec) return [`"sf ${command}" is not a recorded command`];
    const byChar = Object.fromEntries(Object.entries(spec.flags).map(([name, f]) => [f.char, name]));
    const problems = [];
    const seen = new Map();
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        const long = /^--([\w-]+)$/.exec(arg)?.[1];
        const short = /^-(\w)$/.exec(arg)?.[1];
        if (!long && !short) {
            problems.push(`${arg} is not a flag (a value without a flag before it)`);
            continue;
        }
        const name = long ?? byChar[short];
        const flag = spec.flags[name];
        if (!flag) {
            problems.push(`sf ${command} has no flag ${arg}`);
            continue;
        }
        seen.set(name, (seen.get(name) ?? 0) + 1);
        if (flag.type === 'option') {
            const value = args[i + 1];
            if (value === undefined || value.startsWith('-')) problems.push(`${arg} needs a value`);
            else if (flag.options && !flag.options.includes(value))
                problems.push(`${arg} ${value}: allowed are ${flag.options.join(', ')}`);
            i++;
        }
    }
    for (const [name, count] of seen)
        if (count > 1 && !spec.flags[name].multiple) problems.push(`--${name} given ${count} times`);
    for (const [name, flag] of Object.entries(spec.flags))
        if (flag.required && !seen.has(name) && !FROM_CONFIG.has(name)) problems.push(`--${name} is required`);
    return problems;
}

const variants = [
    {},
    { devHub: 'devhub', alias: 'ci-org', days: 1 },
    { extraPermissionSets: ['ContactCenterAdminExternalTelephony', 'Voice_Extension_Agent'] }
];

describe('scratch-org plan', () => {
    it('records every command it uses, from the pinned CLI', () => {
        assert.match(recorded.cli, /^@salesforce\/cli\/?@?2\.\d+\.\d+$|^@salesforce\/cli@2\.\d+\.\d+$/);
        assert.deepEqual(Object.keys(recorded.commands).sort(), [...SF_COMMANDS].sort());
    });

    for (const task of Object.keys(TASKS)) {
        it(`${task}: every flag exists and is used as the CLI defines it`, () => {
            for (const options of variants) {
                // node steps run this folder's scripts; the sf command those run is checked below (data query)
                for (const step of planTask(task, options).filter((s) => s.program !== 'node')) {
                    assert.deepEqual(problemsOf(step.command, step.args), [], commandLine(step));
                }
            }
        });
    }

    it("checks the call's routing with recorded sf data query flags", () => {
        const queries = routingQueries({ vendorCallKey: "k'1", voiceCallId: '0LQ000000000001AAA', queue: 'Q' });
        for (const soql of Object.values(queries)) {
            const step = queryStep(soql, 'x');
            assert.deepEqual(problemsOf(step.command, step.args), [], commandLine(step));
        }
    });

    it('works on the whole scratch org against the same org alias', () => {
        const aliases = planTask('setup', { alias: 'x' })
            .concat(planTask('test', { alias: 'x' }), planTask('delete', { alias: 'x' }))
            .filter((s) => s.program !== 'node' || s.args.includes('--target-org'))
            .map((s) => s.args[s.args.indexOf(s.command === 'org create scratch' ? '--alias' : '--target-org') + 1]);
        assert.deepEqual([...new Set(aliases)], ['x']);
        assert.deepEqual(
            planTask('setup').map((s) => s.command),
            ['org create scratch', 'project deploy start', 'org assign permset', 'data import tree']
        );
    });

    it('names files and permission sets that exist in the repository', () => {
        for (const path of [DEFAULTS.definitionFile, DEFAULTS.sourceDir, DEFAULTS.dataPlan])
            assert.ok(existsSync(join(root, path)), path);
        // each permission set lives in the package directory of the part it grants (sfdx-project.json)
        const packageDirs = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')).packageDirectories;
        for (const name of PERMISSION_SETS)
            assert.ok(
                packageDirs.some((dir) =>
                    existsSync(join(root, dir.path, 'main/default/permissionsets', `${name}.permissionset-meta.xml`))
                ),
                name
            );
    });

    it('rejects an unknown task', () => {
        assert.throws(() => planTask('deploy-everything'), /unknown task "deploy-everything": use one of create/);
    });

    it('parses options and explains bad ones', () => {
        assert.deepEqual(
            parseOptions(['--alias', 'a', '--dev-hub', 'hub', '--days', '3', '--permset', 'P', '--dry-run']),
            {
                options: { alias: 'a', devHub: 'hub', days: 3, extraPermissionSets: ['P'] },
                dryRun: true
            }
        );
        assert.throws(() => parseOptions(['--days', '31']), /from 1 to 30/);
        assert.throws(() => parseOptions(['--alias']), /--alias needs a value/);
        assert.throws(() => parseOptions(['--alias', '--dry-run']), /--alias needs a value/);
        assert.throws(() => parseOptions(['--target-org', 'x']), /unknown option --target-org/);
    });

    it('prints command lines a shell reads back the same way', () => {
        assert.equal(
            commandLine({ command: 'org assign permset', args: ['--name', "Agent's set", '--target-org', 'a b'] }),
            "sf org assign permset --name 'Agent'\\''s set' --target-org 'a b'"
        );
    });

    it('catches what it is meant to catch', () => {
        assert.deepEqual(problemsOf('org delete scratch', ['--target-org', 'x', '--no-prompt']), []);
        assert.deepEqual(problemsOf('org delete scratch', ['--target-org', 'x', '--yes']), [
            'sf org delete scratch has no flag --yes'
        ]);
        assert.deepEqual(problemsOf('apex run test', ['--test-level', 'RunEverything']), [
            '--test-level RunEverything: allowed are RunLocalTests, RunAllTestsInOrg, RunSpecifiedTests'
        ]);
        assert.deepEqual(problemsOf('data import tree', ['--plan']), ['--plan needs a value']);
        assert.deepEqual(problemsOf('org assign permset', ['--target-org', 'x']), ['--name is required']);
        assert.deepEqual(problemsOf('project deploy start', ['-d', 'a', '-w', '5', '-w', '6']), [
            '--wait given 2 times'
        ]);
        assert.deepEqual(problemsOf('org mangle scratch', []), ['"sf org mangle scratch" is not a recorded command']);
    });
});

describe('GitHub Actions workflow', () => {
    const workflow = join(root, '.github', 'workflows', 'ci.yml');

    it('calls sf only with recorded commands and flags', () => {
        assert.ok(existsSync(workflow), '.github/workflows/ci.yml exists');
        const lines = readFileSync(workflow, 'utf8')
            .split('\n')
            .map((l) => l.replace(/^\s*(-\s*)?(run:\s*)?/, '').trim())
            .filter((l) => /^sf\s/.test(l));
        assert.ok(lines.length > 0, 'the workflow runs sf directly');
        for (const line of lines) {
            const words = line
                .replace(/\$\{\{[^}]*\}\}/g, 'X')
                .split(/\s+/)
                .slice(1);
            const command = SF_COMMANDS.find((c) => words.slice(0, c.split(' ').length).join(' ') === c);
            assert.ok(command, `${line}: not a recorded sf command`);
            const args = words.slice(command.split(' ').length);
            assert.deepEqual(problemsOf(command, args), [], line);
        }
    });
});
