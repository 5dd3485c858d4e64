// The subscriber's configuration: Salesforce credentials and the webhook from environment variables, a few run options
// from the command line. Everything is checked before anything connects, and every problem is reported at once with
// the variable or flag to fix.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** The channel Switchboard's call automation publishes on (Switchboard_Call_Event__e). */
const CALL_EVENT_TOPIC = '/event/Switchboard_Call_Event__e';

/** A configuration problem a person must fix; the message says what and where. */
export class ConfigError extends Error {
    /** @param {string[]} problems one line each */
    constructor(problems) {
        super(problems.map((p) => `- ${p}`).join('\n'));
        this.name = 'ConfigError';
        this.problems = problems;
    }
}

/** One row per flag: parseArgs reads its type, --help prints its text, so the two cannot drift apart. */
export const OPTIONS = {
    'webhook-url': {
        type: 'string',
        value: '<url>',
        help: 'POST each call event here as JSON (env SWITCHBOARD_WEBHOOK_URL); without it, events are only printed'
    },
    'replay-file': {
        type: 'string',
        value: '<file>',
        help: 'remember the last handled event here and resume after it on restart (env SWITCHBOARD_REPLAY_FILE)'
    },
    from: {
        type: 'string',
        value: '<where>',
        help: 'where to start without a stored replay ID: latest (default) or earliest (events kept by Salesforce)'
    },
    count: {
        type: 'string',
        value: '<n>',
        help: 'stop after n events (default: run until stopped)'
    },
    quiet: { type: 'boolean', help: 'do not print events (errors are still printed)' },
    help: { type: 'boolean', short: 'h', help: 'show this help' }
};

/**
 * The environment variables, by authentication type; `optional` ones may be left out. The JWT key file has its own name,
 * not the gateway's SALESFORCE_PRIVATE_KEY_FILE: that key signs for the Telephony Integration API, this one logs in.
 */
const AUTH = {
    'user-supplied': {
        required: ['SALESFORCE_ACCESS_TOKEN', 'SALESFORCE_INSTANCE_URL'],
        optional: ['SALESFORCE_ORG_ID']
    },
    'username-password': {
        required: ['SALESFORCE_LOGIN_URL', 'SALESFORCE_USERNAME', 'SALESFORCE_PASSWORD'],
        optional: ['SALESFORCE_TOKEN']
    },
    'oauth-client-credentials': {
        required: ['SALESFORCE_LOGIN_URL', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET'],
        optional: []
    },
    'oauth-jwt-bearer': {
        required: ['SALESFORCE_LOGIN_URL', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_USERNAME', 'SALESFORCE_JWT_KEY_FILE'],
        optional: []
    }
};

export const HELP = `Usage: switchboard-subscriber [options]

Subscribes to Switchboard's call events (${CALL_EVENT_TOPIC}) through the Salesforce Pub/Sub API
and prints each one, or POSTs it to a webhook.

Options:
${Object.entries(OPTIONS)
    .map(([name, o]) => {
        const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
        return `  ${flag.padEnd(28)} ${o.help}`;
    })
    .join('\n')}

Environment:
  SALESFORCE_AUTH_TYPE          ${Object.keys(AUTH).join(', ')}
${Object.entries(AUTH)
    .map(
        ([type, vars]) =>
            `    ${type}: ${vars.required.join(', ')}${vars.optional.length ? ` (optional: ${vars.optional.join(', ')})` : ''}`
    )
    .join('\n')}
  SALESFORCE_PUBSUB_ENDPOINT    host:port of the Pub/Sub API (default api.pubsub.salesforce.com:7443)
  SALESFORCE_PUBSUB_SELF_SIGNED true to accept a self-signed certificate (a local stand-in only)
  SWITCHBOARD_WEBHOOK_URL       as --webhook-url
  SWITCHBOARD_WEBHOOK_SECRET    signs each POST: X-Switchboard-Signature: sha256=<HMAC-SHA256 of the body, hex>
  SWITCHBOARD_REPLAY_FILE       as --replay-file
`;

/**
 * Reads the command line and the environment.
 * @param {string[]} argv arguments after the script name
 * @param {Record<string, string | undefined>} env usually process.env
 * @returns {{ help: true } | { help: false, config: SubscriberConfig }}
 * @throws {ConfigError} when a flag or variable is missing or wrong
 */
export function loadConfig(argv, env) {
    let values;
    try {
        ({ values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }));
    } catch (error) {
        throw new ConfigError([`${error.message} (see --help)`]);
    }
    if (values.help) return { help: true };

    const problems = [];
    const text = (name) => {
        const value = env[name];
        return value === undefined || value.trim() === '' ? undefined : value.trim();
    };

    const authType = text('SALESFORCE_AUTH_TYPE');
    const client = { authType };
    if (!authType) {
        problems.push(`SALESFORCE_AUTH_TYPE is not set: one of ${Object.keys(AUTH).join(', ')}`);
    } else if (!AUTH[authType]) {
        problems.push(`SALESFORCE_AUTH_TYPE "${authType}" is not one of ${Object.keys(AUTH).join(', ')}`);
    } else {
        for (const name of AUTH[authType].required) {
            if (!text(name)) problems.push(`${name} is not set (needed for SALESFORCE_AUTH_TYPE=${authType})`);
        }
        for (const name of ['SALESFORCE_LOGIN_URL', 'SALESFORCE_INSTANCE_URL']) {
            const url = text(name);
            if (url && !isUrl(url, ['https:'])) problems.push(`${name} "${url}" is not an https:// URL`);
        }
        const orgId = text('SALESFORCE_ORG_ID');
        if (orgId && !/^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(orgId)) {
            problems.push(`SALESFORCE_ORG_ID "${orgId}" is not an org id (00D followed by 12 or 15 characters)`);
        }
        Object.assign(client, {
            accessToken: text('SALESFORCE_ACCESS_TOKEN'),
            instanceUrl: text('SALESFORCE_INSTANCE_URL'),
            organizationId: text('SALESFORCE_ORG_ID'),
            loginUrl: text('SALESFORCE_LOGIN_URL'),
            username: text('SALESFORCE_USERNAME'),
            password: text('SALESFORCE_PASSWORD'),
            userToken: text('SALESFORCE_TOKEN'),
            clientId: text('SALESFORCE_CLIENT_ID'),
            clientSecret: text('SALESFORCE_CLIENT_SECRET')
        });
        const keyFile = text('SALESFORCE_JWT_KEY_FILE');
        if (keyFile && authType === 'oauth-jwt-bearer') {
            try {
                client.privateKey = readFileSync(keyFile, 'utf8');
            } catch (error) {
                problems.push(`SALESFORCE_JWT_KEY_FILE "${keyFile}" cannot be read: ${error.code ?? error.message}`);
            }
        }
    }

    const endpoint = text('SALESFORCE_PUBSUB_ENDPOINT');
    if (endpoint !== undefined) {
        if (/^[^\s/:]+:\d{1,5}$/.test(endpoint)) client.pubSubEndpoint = endpoint;
        else
            problems.push(
                `SALESFORCE_PUBSUB_ENDPOINT "${endpoint}" is not host:port (e.g. api.pubsub.salesforce.com:7443)`
            );
    }
    const selfSigned = text('SALESFORCE_PUBSUB_SELF_SIGNED');
    if (selfSigned !== undefined && !['true', 'false'].includes(selfSigned.toLowerCase())) {
        problems.push(`SALESFORCE_PUBSUB_SELF_SIGNED "${selfSigned}" is not true or false`);
    }
    // A boolean, not the text: the client's own parsing of a text value fails (5.5.2 calls toUppercase).
    client.rejectUnauthorizedSsl = selfSigned?.toLowerCase() !== 'true';

    const webhookUrl = values['webhook-url'] ?? text('SWITCHBOARD_WEBHOOK_URL');
    if (webhookUrl !== undefined && !isUrl(webhookUrl, ['https:', 'http:'])) {
        problems.push(`the webhook URL "${webhookUrl}" is not an http:// or https:// URL`);
    }
    const webhookSecret = text('SWITCHBOARD_WEBHOOK_SECRET');
    if (webhookSecret !== undefined && webhookUrl === undefined) {
        problems.push('SWITCHBOARD_WEBHOOK_SECRET is set but there is no webhook URL to sign for');
    }

    const from = values.from ?? 'latest';
    if (!['latest', 'earliest'].includes(from)) problems.push(`--from "${from}" is not latest or earliest`);

    let count = null;
    if (values.count !== undefined) {
        count = Number(values.count);
        if (!/^\d+$/.test(values.count) || count < 1) {
            problems.push(`--count "${values.count}" is not a whole number of events, 1 or more`);
        }
    }

    if (problems.length) throw new ConfigError(problems);
    return {
        help: false,
        config: {
            topic: CALL_EVENT_TOPIC,
            client: withoutUndefined(client),
            webhookUrl,
            webhookSecret,
            replayFile: values['replay-file'] ?? text('SWITCHBOARD_REPLAY_FILE'),
            from,
            count,
            quiet: values.quiet ?? false
        }
    };
}

function isUrl(value, protocols) {
    try {
        return protocols.includes(new URL(value).protocol);
    } catch {
        return false;
    }
}

function withoutUndefined(object) {
    return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/**
 * @typedef {object} SubscriberConfig
 * @property {string} topic the Pub/Sub channel
 * @property {Record<string, unknown>} client the PubSubApiClient configuration
 * @property {string | undefined} webhookUrl where events are POSTed; undefined: print only
 * @property {string | undefined} webhookSecret HMAC key for X-Switchboard-Signature
 * @property {string | undefined} replayFile where the last handled replay ID is kept
 * @property {'latest' | 'earliest'} from the start without a stored replay ID
 * @property {number | null} count events to handle before stopping; null: forever
 * @property {boolean} quiet true: do not print events
 */
