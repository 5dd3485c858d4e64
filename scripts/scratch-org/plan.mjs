// The scratch-org path as data: which sf commands each task runs, with which flags. Kept free of side effects so
// that tests can check every flag against the flags the Salesforce CLI itself reports (sf-cli-flags.json).
//
// Tasks: create, deploy, permsets, data, test, delete; setup = create + deploy + permsets + data.

/** Every sf command the scratch-org path uses (recorded by record-sf-flags.mjs). */
export const SF_COMMANDS = [
    'org create scratch',
    'project deploy start',
    'org assign permset',
    'data import tree',
    'apex run test',
    'logic run test',
    'org delete scratch',
    'org login sfdx-url'
];

/** Switchboard's permission sets for the scratch org's admin user (who also takes calls there). */
export const PERMISSION_SETS = ['Switchboard_Call_Automation_Admin', 'Switchboard_Call_Automation_Agent'];

export const DEFAULTS = {
    alias: 'switchboard',
    devHub: null,
    days: 7,
    definitionFile: 'config/project-scratch-def.json',
    sourceDir: 'force-app',
    dataPlan: 'data/sample-data-plan.json',
    waitMinutes: 30,
    extraPermissionSets: []
};

export const TASKS = {
    create: 'create the scratch org from config/project-scratch-def.json',
    deploy: 'deploy force-app',
    permsets: "assign Switchboard's permission sets to the org's admin user",
    data: 'load the sample Accounts, Contacts, Leads, Cases and Opportunities',
    test: 'run Apex tests with coverage, then flow tests',
    delete: 'delete the scratch org',
    setup: 'create, deploy, permsets and data, in that order'
};

/**
 * The sf invocations of one task.
 * @param {string} task one of TASKS
 * @param {Partial<typeof DEFAULTS>} [given]
 * @returns {{ title: string, command: string, args: string[] }[]}
 */
export function planTask(task, given = {}) {
    const o = { ...DEFAULTS, ...given };
    const org = ['--target-org', o.alias];
    const step = (title, command, args) => ({ title, command, args });
    switch (task) {
        case 'create':
            return [
                step(TASKS.create, 'org create scratch', [
                    '--definition-file',
                    o.definitionFile,
                    '--alias',
                    o.alias,
                    '--set-default',
                    '--duration-days',
                    String(o.days),
                    '--wait',
                    String(o.waitMinutes),
                    ...(o.devHub ? ['--target-dev-hub', o.devHub] : [])
                ])
            ];
        case 'deploy':
            return [
                step(TASKS.deploy, 'project deploy start', [
                    '--source-dir',
                    o.sourceDir,
                    ...org,
                    '--wait',
                    String(o.waitMinutes)
                ])
            ];
        case 'permsets':
            return [
                step(TASKS.permsets, 'org assign permset', [
                    ...[...PERMISSION_SETS, ...o.extraPermissionSets].flatMap((name) => ['--name', name]),
                    ...org
                ])
            ];
        case 'data':
            return [step(TASKS.data, 'data import tree', ['--plan', o.dataPlan, ...org])];
        case 'test':
            return [
                step('Apex tests with code coverage', 'apex run test', [
                    '--test-level',
                    'RunLocalTests',
                    '--code-coverage',
                    '--result-format',
                    'human',
                    '--wait',
                    String(o.waitMinutes),
                    ...org
                ]),
                // `sf flow run test` cannot wait for asynchronous runs; `sf logic run test` (beta) can, per its help.
                step('flow tests', 'logic run test', [
                    '--test-level',
                    'RunLocalTests',
                    '--test-category',
                    'Flow',
                    '--synchronous',
                    '--result-format',
                    'human',
                    '--wait',
                    String(o.waitMinutes),
                    ...org
                ])
            ];
        case 'delete':
            return [step(TASKS.delete, 'org delete scratch', [...org, '--no-prompt'])];
        case 'setup':
            return ['create', 'deploy', 'permsets', 'data'].flatMap((t) => planTask(t, o));
        default:
            throw new Error(`unknown task "${task}": use one of ${Object.keys(TASKS).join(', ')}`);
    }
}

/** What `sf org create scratch` prints when the Dev Hub lacks a feature the definition asks for (forcedotcom/cli#1495). */
export const UNKNOWN_SERVER_ERROR = /unknown server error|UNKNOWN_EXCEPTION/i;

/**
 * Explains a failed step when its output shows a known cause, or returns null. Today: scratch-org creation that fails
 * with Salesforce's generic "unknown server error", which a Dev Hub without the Voice entitlement returns for the
 * Voice features of the definition file.
 * @param {{ command: string }} step the failed step
 * @param {string} output what the step printed (stdout and stderr)
 * @param {{ features?: string[] }} definition the scratch-org definition file's content
 * @returns {string | null}
 */
export function diagnoseFailure(step, output, definition) {
    if (step.command !== 'org create scratch' || !UNKNOWN_SERVER_ERROR.test(output)) return null;
    const features = definition?.features ?? [];
    const voice = features.filter((f) => /^(ServiceCloudVoice|Scv)/i.test(f));
    return [
        'Scratch-org creation failed with Salesforce\'s generic "unknown server error".',
        voice.length
            ? `The usual cause: the Dev Hub is not entitled to the Voice feature(s) ${voice.join(', ')} that ${DEFAULTS.definitionFile} asks for.`
            : `The usual cause: the Dev Hub is not entitled to a feature that ${DEFAULTS.definitionFile} asks for (${features.join(', ') || 'none listed'}).`,
        'What is missing: Salesforce Voice with Partner Telephony on the Dev Hub (the scratch-org feature',
        'ServiceCloudVoicePartnerTelephony needs it; ScvMultipartyAndConsult needs it too). Ask your Salesforce account team',
        'to enable it on the Dev Hub org, or use a Dev Hub that has it.',
        'To check that the rest works, remove the Voice features from a copy of the definition file: the org is then',
        'created, but the project does not deploy (ConversationVendorInfo, VoiceCall fields and settings need Voice).'
    ].join('\n');
}

/**
 * Options from command-line arguments: --alias X, --dev-hub X, --days N, --permset NAME (repeatable), --dry-run.
 * @param {string[]} argv arguments after the task
 */
export function parseOptions(argv) {
    const options = { extraPermissionSets: [] };
    let dryRun = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = () => {
            const next = argv[++i];
            if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
            return next;
        };
        if (arg === '--dry-run') dryRun = true;
        else if (arg === '--alias') options.alias = value();
        else if (arg === '--dev-hub') options.devHub = value();
        else if (arg === '--permset') options.extraPermissionSets.push(value());
        else if (arg === '--days') {
            const days = Number(value());
            if (!Number.isInteger(days) || days < 1 || days > 30)
                throw new Error('--days must be a whole number of days from 1 to 30');
            options.days = days;
        } else throw new Error(`unknown option ${arg}: use --alias, --dev-hub, --days, --permset or --dry-run`);
    }
    return { options, dryRun };
}

/** A command line a person can copy, quoting what the shell would split. */
export function commandLine({ command, args }) {
    const quote = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);
    return ['sf', ...command.split(' '), ...args.map(quote)].join(' ');
}
