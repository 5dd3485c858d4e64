#!/usr/bin/env node
// Records the flags of the sf commands the scratch-org scripts use, from the installed Salesforce CLI itself
// (`sf commands --json`), into sf-cli-flags.json. The scripts' tests check every flag they pass against this record,
// so the commands are right by construction even where no org can run them. Re-run after upgrading the CLI:
//
//   node scripts/scratch-org/record-sf-flags.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommandLine } from '../lib/cli.mjs';
import { SF_COMMANDS } from './plan.mjs';

runCommandLine({
    usage: 'node scripts/scratch-org/record-sf-flags.mjs',
    about: 'Records the flags of the sf commands the scratch-org scripts use, from the installed Salesforce CLI,\ninto scripts/scratch-org/sf-cli-flags.json. Re-run after upgrading the CLI.',
    options: {}
});

const env = {
    ...process.env,
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true'
};
const version = execFileSync('sf', ['--version'], { encoding: 'utf8', env }).trim().split(/\s+/)[0];
const all = JSON.parse(
    execFileSync('sf', ['commands', '--json'], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 })
);

const commands = {};
for (const name of [...SF_COMMANDS].sort()) {
    const command = all.find((c) => c.id === name.replaceAll(' ', ':'));
    if (!command) throw new Error(`sf ${version} has no command "${name}"`);
    const flags = {};
    for (const [flag, f] of Object.entries(command.flags).sort(([a], [b]) => a.localeCompare(b))) {
        flags[flag] = { type: f.type };
        if (f.char) flags[flag].char = f.char;
        if (f.options) flags[flag].options = f.options;
        if (f.multiple) flags[flag].multiple = true;
        if (f.required) flags[flag].required = true;
        if (f.allowNo) flags[flag].allowNo = true;
    }
    commands[name] = { flags };
}
const file = join(import.meta.dirname, 'sf-cli-flags.json');
writeFileSync(
    file,
    `${JSON.stringify({ cli: version, recordedWith: 'node scripts/scratch-org/record-sf-flags.mjs', commands }, null, 4)}\n`
);
console.log(`recorded ${Object.keys(commands).length} commands of ${version} in ${file}`);
