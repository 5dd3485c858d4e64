// The scratch-org path as data: which sf commands each task runs, with which flags. Kept free of side effects so
// that tests can check every flag against the flags the Salesforce CLI itself reports (sf-cli-flags.json).
//
// Tasks: create, deploy, permsets, data, test, delete; setup = create + deploy + permsets + data. `test` also places a
// simulated call through the Telephony Integration API (place-call.mjs, the gateway's client) and checks in the org
// that it was routed with its screen pop (verify-call.mjs, `sf data query`); those two steps run `node`, not `sf`.

import { UsageError, parseCommandLine } from '../lib/cli.mjs';

/** Every sf command the scratch-org path uses (recorded by record-sf-flags.mjs). */
export const SF_COMMANDS = [
    'org create scratch',
    'project deploy start',
    'org assign permset',
    'data import tree',
    'apex run test',
    'logic run test',
    'org delete scratch',
    'org login sfdx-url',
    'data query'
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
    test: 'deploy, run Apex tests with coverage and flow tests, then place a simulated call and check its routing',
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
    /** A step that runs one of this folder's scripts with node instead of sf. */
    const script = (title, file, args) => ({ title, program: 'node', command: `scripts/scratch-org/${file}`, args });
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
                ...planTask('deploy', o),
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
                ]),
                script('place a simulated inbound call through the Telephony Integration API', 'place-call.mjs', [
                    '--out',
                    CALL_FILE
                ]),
                script('check that the call was routed to the queue with its screen pop', 'verify-call.mjs', [
                    '--call-file',
                    CALL_FILE,
                    '--target-org',
                    o.alias,
                    '--queue',
                    ROUTING.queue
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
const UNKNOWN_SERVER_ERROR = /unknown server error|UNKNOWN_EXCEPTION/i;

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

/** run.mjs's command line: `node scripts/scratch-org/run.mjs <task> [options]`. */
export const RUN_COMMAND = {
    usage: 'node scripts/scratch-org/run.mjs <task> [options]',
    about: 'The scratch-org path: create a Voice-enabled scratch org, deploy, assign permission sets, load sample data,\nrun the Apex and flow tests, delete it. Needs the Salesforce CLI (sf) and a Dev Hub entitled to Salesforce Voice.',
    positionals: true,
    options: {
        alias: { type: 'string', value: '<alias>', help: `the scratch org's alias (default ${DEFAULTS.alias})` },
        'dev-hub': { type: 'string', value: '<alias>', help: 'the Dev Hub (default: the sf CLI default Dev Hub)' },
        days: { type: 'string', value: '<n>', help: `days the scratch org lives, 1 to 30 (default ${DEFAULTS.days})` },
        permset: { type: 'string', multiple: true, value: '<name>', help: 'assign another permission set; repeatable' },
        'no-call': { type: 'boolean', help: 'test without the simulated call' },
        'dry-run': { type: 'boolean', help: 'print the commands without running them' }
    },
    footer: `Tasks:\n${Object.entries(TASKS)
        .map(([name, what]) => `  ${name.padEnd(9)} ${what}`)
        .join('\n')}`
};

/**
 * Options from command-line arguments (RUN_COMMAND's table): --alias X, --dev-hub X, --days N, --permset NAME
 * (repeatable), --no-call (test without the simulated call), --dry-run.
 * @param {string[]} argv arguments after the task
 */
export function parseOptions(argv) {
    return runOptions(parseCommandLine({ ...RUN_COMMAND, positionals: false }, argv).values);
}

/**
 * The plan's options from RUN_COMMAND's parsed values.
 * @param {Record<string, any>} values
 * @throws {UsageError} --days out of range
 */
export function runOptions(values) {
    const options = { extraPermissionSets: values.permset ?? [] };
    if (values['no-call']) options.noCall = true;
    if (values.alias !== undefined) options.alias = values.alias;
    if (values['dev-hub'] !== undefined) options.devHub = values['dev-hub'];
    if (values.days !== undefined) {
        const days = Number(values.days);
        if (!/^\d+$/.test(values.days) || days < 1 || days > 30)
            throw new UsageError('--days must be a whole number of days from 1 to 30');
        options.days = days;
    }
    return { options, dryRun: values['dry-run'] === true };
}

/** A command line a person can copy, quoting what the shell would split. */
export function commandLine({ program = 'sf', command, args }) {
    const quote = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);
    return [program, ...(program === 'sf' ? command.split(' ') : [command]), ...args.map(quote)].join(' ');
}

// ---------------------------------------------------------------------------------------------------------------------
// The simulated call of `test` (issue 14, "Proof"): place-call.mjs creates an Inbound VoiceCall and executes the Omni
// flow for it with the gateway's Telephony Integration API client; verify-call.mjs then asks the org where it went.

/** Where place-call.mjs leaves what it did (vendorCallKey, VoiceCall Id) for verify-call.mjs. Git-ignored. */
export const CALL_FILE = '.switchboard/scratch-call.json';

/** What Switchboard deploys for routing (README, "Routing and screen pop"). */
export const ROUTING = {
    flow: 'Switchboard_Inbound_Call_Routing',
    queue: 'Switchboard_Inbound_Calls',
    fallbackQueue: 'Switchboard_Fallback_Calls',
    /** Ada Lovelace's Phone in data/Contacts.json, "(415) 555-0100": a caller the sample data matches. */
    from: '+14155550100'
};

/**
 * The call's settings: flag, environment variable (the gateway's own names, gateway/README.md), default. Those
 * without a default are required; they are what the contact center and its certificate give.
 */
export const CALL_SETTINGS = [
    {
        key: 'baseUrl',
        flag: '--scrt-url',
        env: 'SALESFORCE_SCRT_URL',
        what: 'https://<MyDomain>.my.salesforce-scrt.com/telephony/v1'
    },
    { key: 'orgId', flag: '--org-id', env: 'SALESFORCE_ORG_ID', what: "the org's Id (00D...), the JWT's iss" },
    {
        key: 'callCenterApiName',
        flag: '--contact-center',
        env: 'SALESFORCE_CALL_CENTER',
        what: "the contact center's internal name (reqInternalName), the JWT's sub"
    },
    {
        key: 'privateKeyFile',
        flag: '--private-key',
        env: 'SALESFORCE_PRIVATE_KEY_FILE',
        what: 'the PEM private key that signs the JWT'
    },
    {
        key: 'certificateFile',
        flag: '--certificate',
        env: 'SALESFORCE_CERTIFICATE_FILE',
        what: 'its certificate, as pasted on the contact center (reqTelephonyIntegrationCertificate)'
    },
    {
        key: 'providerName',
        flag: '--provider-name',
        env: 'SALESFORCE_PROVIDER_NAME',
        what: 'the Telephony-Provider-Name header',
        default: 'Switchboard'
    },
    {
        key: 'to',
        flag: '--to',
        env: 'SWITCHBOARD_DIALED_NUMBER',
        what: "the contact center's number the caller dials",
        default: '+14155550000'
    },
    { key: 'from', flag: '--from', env: 'SWITCHBOARD_CALLER_NUMBER', what: 'the caller', default: ROUTING.from },
    {
        key: 'flowDevName',
        flag: '--flow',
        env: 'SWITCHBOARD_ROUTING_FLOW',
        what: 'the Omni-Channel flow',
        default: ROUTING.flow
    },
    {
        key: 'fallbackQueue',
        flag: '--fallback-queue',
        env: 'SWITCHBOARD_FALLBACK_QUEUE',
        what: 'the fallback queue',
        default: ROUTING.fallbackQueue
    },
    {
        key: 'vendorCallKey',
        flag: '--vendor-call-key',
        env: 'SWITCHBOARD_VENDOR_CALL_KEY',
        what: "the call's vendorCallKey",
        default: null
    },
    { key: 'out', flag: '--out', env: null, what: 'a file to write the result to (JSON)', default: null }
];

/** place-call.mjs's command line: its options table is CALL_SETTINGS, one flag per setting. */
export const PLACE_CALL_COMMAND = {
    usage: 'node scripts/scratch-org/place-call.mjs [options]',
    about: "Places a simulated inbound call through the Telephony Integration API with the gateway's own client.\nEvery setting is a flag or an environment variable (flags win); those without a default are required.",
    options: Object.fromEntries(
        CALL_SETTINGS.map((s) => [
            s.flag.slice(2),
            {
                type: 'string',
                value: '<value>',
                help: `${s.what}${s.env ? `\n(${s.env}${s.default ? `, default ${s.default}` : ''})` : ''}`
            }
        ])
    )
};

/**
 * The call's settings from flags and environment (flags win). `missing` names each required setting that has no
 * value, with its flag and variable; `given` is how many required settings were set at all (0: not configured).
 * @param {string[]} argv
 * @param {Record<string, string | undefined>} env
 */
export function callSettings(argv, env) {
    const settings = {};
    const { values } = parseCommandLine(PLACE_CALL_COMMAND, argv);
    const fromFlags = Object.fromEntries(
        CALL_SETTINGS.filter((s) => values[s.flag.slice(2)] !== undefined).map((s) => [s.key, values[s.flag.slice(2)]])
    );
    const missing = [];
    let given = 0;
    for (const s of CALL_SETTINGS) {
        const value = fromFlags[s.key] ?? (s.env ? env[s.env]?.trim() || undefined : undefined);
        const required = !('default' in s);
        if (value !== undefined) {
            settings[s.key] = value;
            if (required) given++;
        } else if (required) missing.push(`${s.env} (or ${s.flag}): ${s.what}`);
        else if (s.default !== null) settings[s.key] = s.default;
    }
    if (settings.baseUrl && !/\/telephony\/v1\/?$/.test(settings.baseUrl))
        settings.baseUrl = `${settings.baseUrl.replace(/\/+$/, '')}/telephony/v1`;
    return { settings, missing, given };
}

/** A SOQL string literal. */
export function soqlString(value) {
    return `'${String(value).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * The queries that show where a call went. Fields: VoiceCall and PendingServiceRoutingInteractionInfo as the object
 * reference documents them (voice-platform.md §4.2, §5.3); the queue as SwitchboardRoutingSetup_Tests finds it.
 */
export function routingQueries({ vendorCallKey, voiceCallId, queue }) {
    return {
        voiceCall: `SELECT Id, OwnerId, RelatedRecordId, CallType FROM VoiceCall WHERE VendorCallKey = ${soqlString(vendorCallKey)}`,
        queue: `SELECT QueueId FROM QueueSobject WHERE SobjectType = 'VoiceCall' AND Queue.DeveloperName = ${soqlString(queue)}`,
        screenPops: voiceCallId
            ? `SELECT Id, PendingServiceRoutingId, TargetObjectId, TargetFlowName, IsFocused FROM PendingServiceRoutingInteractionInfo WHERE PrimaryRecordId = ${soqlString(voiceCallId)}`
            : null
    };
}

/** An `sf data query` step for one query (its flags are checked like every other sf step). */
export function queryStep(soql, alias) {
    return { title: soql, command: 'data query', args: ['--query', soql, '--target-org', alias, '--json'] };
}

/**
 * What is wrong with the call's routing, from the query results; empty when it was routed to the queue with a
 * screen pop of the matched record.
 * @param {{ vendorCallKey: string, queue: string, voiceCalls: object[], queues: object[], screenPops: object[] }} r
 * @returns {string[]}
 */
export function routingProblems({ vendorCallKey, queue, voiceCalls, queues, screenPops }) {
    const call = voiceCalls[0];
    if (!call)
        return [
            `No VoiceCall has VendorCallKey ${vendorCallKey}: Create VoiceCall did not make a record in this org (is the contact center's org the --target-org?).`
        ];
    const problems = [];
    const queueId = queues[0]?.QueueId;
    if (!queueId)
        problems.push(`The queue ${queue} does not exist or does not take VoiceCalls in this org (deploy force-app).`);
    else if (!sameId(call.OwnerId, queueId))
        problems.push(
            `VoiceCall ${call.Id} is owned by ${call.OwnerId}, not by the queue ${queue} (${queueId}): it was not routed to the queue.`
        );
    if (!call.RelatedRecordId) {
        problems.push(
            `VoiceCall ${call.Id} has no RelatedRecordId: the flow matched no record for the caller, so there is nothing to screen-pop.`
        );
    } else if (!screenPops.some((p) => sameId(p.TargetObjectId, call.RelatedRecordId))) {
        const found = screenPops.length
            ? `found only: ${screenPops.map((p) => p.TargetObjectId ?? `flow ${p.TargetFlowName}`).join(', ')}`
            : 'found none (reading them needs Omni-Channel and Manage Flow)';
        problems.push(
            `No screen pop of the matched record: no PendingServiceRoutingInteractionInfo with PrimaryRecordId ${call.Id} and TargetObjectId ${call.RelatedRecordId}; ${found}.`
        );
    }
    return problems;
}

/** 15- and 18-character Ids of one record compare equal. */
function sameId(a, b) {
    return typeof a === 'string' && typeof b === 'string' && a.slice(0, 15) === b.slice(0, 15);
}
