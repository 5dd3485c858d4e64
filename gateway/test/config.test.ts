// Configuration: development makes up what is missing, production makes up nothing and says what to fix.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

it('in development, makes secrets once (mode 0600), demo agents and the emulator', () => {
    const config = loadConfig({ SWITCHBOARD_DATA_DIR: 'data' }, dir);
    assert.equal(config.mode, 'development');
    assert.equal(config.salesforce.baseUrl, 'emulator');
    assert.equal(config.agents.accounts.length, 2);
    const secrets = join(dir, 'data', 'dev-secrets.json');
    assert.equal(statSync(secrets).mode & 0o777, 0o600);
    const again = loadConfig({ SWITCHBOARD_DATA_DIR: 'data' }, dir);
    assert.deepEqual(again.carrier.secrets, config.carrier.secrets, 'the same secrets after a restart');
    assert.equal(
        (JSON.parse(readFileSync(secrets, 'utf8')) as { carrierSecret: string }).carrierSecret,
        config.carrier.secrets[0]
    );
});

it('in development, signs for a Salesforce endpoint given by URL with the development keys; production needs a key file', () => {
    const url = 'http://127.0.0.1:4999/telephony/v1';
    const config = loadConfig({ SWITCHBOARD_DATA_DIR: 'data', SALESFORCE_SCRT_URL: url }, dir);
    assert.equal(config.salesforce.baseUrl, url);
    assert.equal(config.salesforce.privateKeyFile, undefined);
    assert.throws(
        () =>
            loadConfig(
                {
                    NODE_ENV: 'production',
                    SALESFORCE_SCRT_URL: 'https://acme.my.salesforce-scrt.com/telephony/v1',
                    SALESFORCE_ORG_ID: '00D5g000000abcdEAA',
                    SALESFORCE_CALL_CENTER: 'AcmeCenter',
                    CARRIER_HMAC_SECRETS: 'c'.repeat(32),
                    AGENT_SESSION_SECRET: 'b'.repeat(32),
                    SWITCHBOARD_CONFIG: accountsFile()
                },
                dir
            ),
        /salesforce\.privateKeyFile is missing/
    );
});

function accountsFile(): string {
    const file = join(dir, 'accounts.json');
    writeFileSync(
        file,
        JSON.stringify({
            agents: { accounts: [{ agentId: 'a1', username: 'u', displayName: 'U', passwordHash: 'scrypt:00:00' }] }
        })
    );
    return file;
}

it('in production, lists every missing or wrong setting by its path', () => {
    assert.throws(
        () => loadConfig({ NODE_ENV: 'production', SALESFORCE_ORG_ID: 'not-an-org', PORT: '8080' }, dir),
        (error: unknown) => {
            assert.ok(error instanceof ConfigError);
            for (const path of [
                'salesforce.baseUrl',
                'salesforce.orgId',
                'salesforce.callCenterApiName',
                'carrier.secrets',
                'agents.sessionSecret',
                'agents.accounts'
            ])
                assert.match(error.message, new RegExp(`- ${path.replace('.', '\\.')}`), path);
            return true;
        }
    );
});

it('reads a file, lets the environment override it, and refuses what it cannot honour', () => {
    const file = join(dir, 'gateway.json');
    writeFileSync(
        file,
        JSON.stringify({
            salesforce: {
                baseUrl: 'https://acme.my.salesforce-scrt.com/telephony/v1',
                orgId: '00D5g000000abcdEAA',
                callCenterApiName: 'AcmeCenter',
                privateKeyFile: '/keys/key.pem'
            },
            carrier: { secrets: ['a'.repeat(32)] },
            agents: {
                sessionSecret: 'b'.repeat(32),
                accounts: [{ agentId: 'a1', username: 'u', displayName: 'U', passwordHash: 'scrypt:00:00' }]
            }
        })
    );
    const config = loadConfig(
        {
            NODE_ENV: 'production',
            SWITCHBOARD_CONFIG: file,
            PORT: '9000',
            CARRIER_HMAC_SECRETS: `${'c'.repeat(32)},${'d'.repeat(32)}`
        },
        dir
    );
    assert.equal(config.port, 9000);
    assert.equal(config.carrier.secrets.length, 2);
    assert.throws(
        () => loadConfig({ NODE_ENV: 'production', SWITCHBOARD_CONFIG: file, PORT: 'eighty' }, dir),
        /PORT must be an integer/
    );
    const pg = loadConfig({ DATABASE_URL: 'postgres://gw@db:5432/switchboard', DATABASE_POOL_SIZE: '20' }, dir);
    assert.deepEqual(
        [pg.store.kind, pg.store.url, pg.store.poolSize],
        ['postgres', 'postgres://gw@db:5432/switchboard', 20]
    );
    assert.equal(loadConfig({ OUTBOX_LEASE_MS: '5000' }, dir).outbox?.leaseMs, 5000);
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }, dir), /store\.url: a PostgreSQL URL/);
    assert.throws(() => loadConfig({ SWITCHBOARD_STORE: 'postgres' }, dir), /set DATABASE_URL/);
    assert.equal(loadConfig({}, dir).store.thread, undefined, 'SQLite on its thread unless told otherwise');
    assert.equal(loadConfig({ SWITCHBOARD_STORE_THREAD: 'main' }, dir).store.thread, 'main');
    assert.throws(() => loadConfig({ SWITCHBOARD_STORE_THREAD: 'own' }, dir), /store\.thread: .*"worker".*"main"/);
    assert.throws(
        () => loadConfig({ SWITCHBOARD_CONFIG: join(dir, 'missing.json') }, dir),
        /Cannot read the configuration file/
    );
    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ salesforce: { baseURL: 'x' } }));
    assert.throws(
        () => loadConfig({ SWITCHBOARD_CONFIG: join(dir, 'typo.json') }, dir),
        /salesforce\.baseURL: unknown field/
    );
});
