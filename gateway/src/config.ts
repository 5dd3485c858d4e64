// The gateway's configuration: a JSON file (SWITCHBOARD_CONFIG) overlaid by environment variables, validated at
// start-up with messages that say what to fix. In development (the default unless NODE_ENV=production) whatever is
// missing is made up safely: random secrets kept in the data folder, demo agents, the built-in Telephony Integration
// API emulator in place of Salesforce (or, given SALESFORCE_SCRT_URL, the development key pair to sign for it). In
// production nothing is made up.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { describeIssues } from './carrier/carrier-event.js';
import { hashPassword } from './agents/session-tokens.js';

const secret = v.pipe(v.string(), v.minLength(32, 'at least 32 characters (e.g. openssl rand -hex 32)'));

const AccountSchema = v.strictObject({
    agentId: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
    username: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
    displayName: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
    passwordHash: v.pipe(v.string(), v.startsWith('scrypt:', 'a hash made by `npm run gateway -- hash-password`')),
    salesforceUsername: v.optional(v.string()),
    salesforceUserId: v.optional(v.string()),
    supervises: v.optional(v.array(v.string()))
});

export const ConfigSchema = v.strictObject({
    mode: v.picklist(['development', 'production']),
    host: v.string(),
    port: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)),
    dataDir: v.string(),
    logLevel: v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    store: v.strictObject({
        /** postgres: several instances share one database (DATABASE_URL); sqlite: one instance, one file. */
        kind: v.picklist(['sqlite', 'memory', 'postgres']),
        path: v.string(),
        url: v.optional(
            v.pipe(
                v.string(),
                v.regex(
                    /^postgres(ql)?:\/\/./,
                    'a PostgreSQL URL (DATABASE_URL=postgres://user:password@host:5432/database)'
                )
            )
        ),
        /** Connections each instance keeps to PostgreSQL. */
        poolSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(500))),
        /**
         * sqlite: where SQLite works. "worker" (the default): a thread of its own, so commits do not stop the event
         * loop and the gateway uses a second core; "main": on the event loop (one core, a few MB less).
         */
        thread: v.optional(v.picklist(['worker', 'main']))
    }),
    outbox: v.optional(
        v.strictObject({
            /** How long a claimed Salesforce job stays with its instance before another may take it over. */
            leaseMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(600_000)))
        })
    ),
    salesforce: v.strictObject({
        /** https://{MyDomain}.my.salesforce-scrt.com/telephony/v1, or "emulator". */
        baseUrl: v.union([
            v.literal('emulator'),
            v.pipe(v.string(), v.url(), v.regex(/\/telephony\/v1\/?$/, 'a URL ending in /telephony/v1'))
        ]),
        orgId: v.pipe(v.string(), v.regex(/^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, 'a Salesforce org id (00D...)')),
        callCenterApiName: v.pipe(v.string(), v.minLength(1)),
        providerName: v.pipe(v.string(), v.minLength(1)),
        privateKeyFile: v.optional(v.string()),
        certificateFile: v.optional(v.string()),
        tokenTtlSeconds: v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(86_400)),
        omniFlow: v.optional(
            v.strictObject({ flowDevName: v.optional(v.string()), fallbackQueue: v.optional(v.string()) })
        )
    }),
    carrier: v.strictObject({
        adapter: v.picklist(['simulated']),
        secrets: v.pipe(v.array(secret), v.minLength(1, 'at least one HMAC secret')),
        toleranceSeconds: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(3600)),
        bodyLimitBytes: v.pipe(v.number(), v.integer(), v.minValue(1024), v.maxValue(16 * 1024 * 1024))
    }),
    agents: v.strictObject({
        sessionSecret: secret,
        sessionTtlSeconds: v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(86_400)),
        accounts: v.pipe(v.array(AccountSchema), v.minLength(1, 'at least one agent account'))
    })
});

export type GatewayConfig = v.InferOutput<typeof ConfigSchema>;

export class ConfigError extends Error {
    override readonly name = 'ConfigError';
}

/** Demo agents for development; their passwords are printed by `npm run gateway` and the workbench. */
export const DEMO_AGENTS = [
    { agentId: 'agent-ada', username: 'ada', displayName: 'Ada Lovelace', password: 'ada-demo-password' },
    {
        agentId: 'agent-grace',
        username: 'grace',
        displayName: 'Grace Hopper',
        password: 'grace-demo-password',
        /** Grace supervises Ada: she may listen to Ada's calls and barge in. */
        supervises: ['agent-ada'] as string[]
    }
] as const;

type Env = Record<string, string | undefined>;

function readJsonFile(path: string): Record<string, unknown> {
    let text: string;
    try {
        text = readFileSync(path, 'utf8');
    } catch (error) {
        throw new ConfigError(`Cannot read the configuration file ${path}: ${(error as Error).message}`);
    }
    try {
        const value = JSON.parse(text) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
        return value as Record<string, unknown>;
    } catch (error) {
        throw new ConfigError(`The configuration file ${path} is not a JSON object: ${(error as Error).message}`);
    }
}

/** Secrets made once for development and kept beside the database, so restarts keep sessions and signatures valid. */
function developmentSecrets(dataDir: string): { carrierSecret: string; sessionSecret: string } {
    const file = join(dataDir, 'dev-secrets.json');
    if (existsSync(file))
        return JSON.parse(readFileSync(file, 'utf8')) as { carrierSecret: string; sessionSecret: string };
    mkdirSync(dataDir, { recursive: true });
    const secrets = { carrierSecret: randomBytes(32).toString('hex'), sessionSecret: randomBytes(32).toString('hex') };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
}

function intFrom(env: Env, name: string): number | undefined {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    const n = Number(value);
    if (!Number.isInteger(n)) throw new ConfigError(`${name} must be an integer, not "${value}".`);
    return n;
}

/** Reads, merges and validates. Throws ConfigError listing every problem with the setting's path. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): GatewayConfig {
    const file = env.SWITCHBOARD_CONFIG ? readJsonFile(resolve(cwd, env.SWITCHBOARD_CONFIG)) : {};
    const mode = (env.NODE_ENV === 'production' ? 'production' : (file.mode ?? 'development')) as string;
    const dataDir = resolve(cwd, env.SWITCHBOARD_DATA_DIR ?? (file.dataDir as string | undefined) ?? '.switchboard');
    const f = file as {
        salesforce?: Record<string, unknown>;
        carrier?: Record<string, unknown>;
        agents?: Record<string, unknown>;
        store?: Record<string, unknown>;
        outbox?: Record<string, unknown>;
    };
    const poolSize = intFrom(env, 'DATABASE_POOL_SIZE');
    const leaseMs = intFrom(env, 'OUTBOX_LEASE_MS');
    const dev = mode === 'development' ? developmentSecrets(dataDir) : undefined;
    const secretsFromEnv = env.CARRIER_HMAC_SECRETS?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const merged = {
        ...file,
        mode,
        host: env.HOST ?? file.host ?? '127.0.0.1',
        port: intFrom(env, 'PORT') ?? file.port ?? 8088,
        dataDir,
        logLevel: env.LOG_LEVEL ?? file.logLevel ?? 'info',
        store: {
            kind: 'sqlite',
            path: join(dataDir, 'gateway.sqlite'),
            ...f.store,
            ...(env.SWITCHBOARD_STORE ? { kind: env.SWITCHBOARD_STORE } : {}),
            ...(env.SWITCHBOARD_STORE_THREAD ? { thread: env.SWITCHBOARD_STORE_THREAD } : {}),
            // DATABASE_URL chooses PostgreSQL, the usual variable of platforms that provision a database.
            ...(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : {}),
            ...(poolSize !== undefined ? { poolSize } : {})
        },
        ...(f.outbox || leaseMs !== undefined
            ? { outbox: { ...f.outbox, ...(leaseMs !== undefined ? { leaseMs } : {}) } }
            : {}),
        salesforce: {
            baseUrl: mode === 'development' ? 'emulator' : undefined,
            orgId: mode === 'development' ? '00D000000000001AAA' : undefined,
            callCenterApiName: mode === 'development' ? 'SwitchboardContactCenter' : undefined,
            providerName: 'Switchboard',
            tokenTtlSeconds: 3600,
            ...f.salesforce,
            ...(env.SALESFORCE_SCRT_URL ? { baseUrl: env.SALESFORCE_SCRT_URL } : {}),
            ...(env.SALESFORCE_ORG_ID ? { orgId: env.SALESFORCE_ORG_ID } : {}),
            ...(env.SALESFORCE_CALL_CENTER ? { callCenterApiName: env.SALESFORCE_CALL_CENTER } : {}),
            ...(env.SALESFORCE_PRIVATE_KEY_FILE ? { privateKeyFile: env.SALESFORCE_PRIVATE_KEY_FILE } : {}),
            ...(env.SALESFORCE_CERTIFICATE_FILE ? { certificateFile: env.SALESFORCE_CERTIFICATE_FILE } : {})
        },
        carrier: {
            adapter: 'simulated',
            toleranceSeconds: 300,
            bodyLimitBytes: 1024 * 1024,
            ...(dev ? { secrets: [dev.carrierSecret] } : {}),
            ...f.carrier,
            ...(secretsFromEnv?.length ? { secrets: secretsFromEnv } : {})
        },
        agents: {
            sessionTtlSeconds: 900,
            ...(dev
                ? {
                      sessionSecret: dev.sessionSecret,
                      accounts: DEMO_AGENTS.map(({ password, ...a }) => ({
                          ...a,
                          salesforceUsername: `${a.username}@switchboard.example`,
                          passwordHash: hashPassword(password)
                      }))
                  }
                : {}),
            ...f.agents,
            ...(env.AGENT_SESSION_SECRET ? { sessionSecret: env.AGENT_SESSION_SECRET } : {})
        }
    };
    const parsed = v.safeParse(ConfigSchema, merged);
    if (!parsed.success)
        throw new ConfigError(
            `The gateway's configuration is not valid:\n${describeIssues(parsed.issues)
                .map((line) => `  - ${line.replace(/^\$\./, '')}`)
                .join(
                    '\n'
                )}\nSet them in the file named by SWITCHBOARD_CONFIG or in the environment (see gateway/README.md).`
        );
    const config = parsed.output;
    if (config.store.kind === 'postgres' && !config.store.url)
        throw new ConfigError(
            'store.kind is "postgres" but no database is named: set DATABASE_URL to postgres://user:password@host:5432/database.'
        );
    if (config.mode === 'production' && config.salesforce.baseUrl === 'emulator')
        throw new ConfigError(
            'salesforce.baseUrl is "emulator" in production: set SALESFORCE_SCRT_URL to https://<MyDomain>.my.salesforce-scrt.com/telephony/v1.'
        );
    // In development a real or separately run Salesforce endpoint is signed for with the development key pair in
    // dataDir (made on first run), whose certificate is then the one to paste on the contact center.
    if (config.mode === 'production' && !config.salesforce.privateKeyFile)
        throw new ConfigError(
            'salesforce.privateKeyFile is missing: set SALESFORCE_PRIVATE_KEY_FILE to the PEM private key whose certificate is on the contact center.'
        );
    return config;
}
