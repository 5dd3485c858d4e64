import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, HELP, OPTIONS, loadConfig } from '../src/config.js';

const userSupplied = {
    SALESFORCE_AUTH_TYPE: 'user-supplied',
    SALESFORCE_ACCESS_TOKEN: '00D000000000001AAA!token',
    SALESFORCE_INSTANCE_URL: 'https://example.my.salesforce.com'
};

function problems(argv, env) {
    try {
        loadConfig(argv, env);
    } catch (error) {
        assert.ok(error instanceof ConfigError, error.message);
        return error.problems;
    }
    assert.fail('expected a ConfigError');
}

test('--help needs no environment, and lists every flag of the options table', () => {
    assert.deepEqual(loadConfig(['--help'], {}), { help: true });
    for (const name of Object.keys(OPTIONS)) assert.match(HELP, new RegExp(`--${name}\\b`));
});

test('a minimal user-supplied configuration: print only, from the tip of the stream, forever', () => {
    const { config } = loadConfig([], userSupplied);
    assert.deepEqual(config, {
        topic: '/event/Switchboard_Call_Event__e',
        client: {
            authType: 'user-supplied',
            accessToken: '00D000000000001AAA!token',
            instanceUrl: 'https://example.my.salesforce.com',
            rejectUnauthorizedSsl: true
        },
        webhookUrl: undefined,
        webhookSecret: undefined,
        replayFile: undefined,
        from: 'latest',
        count: null,
        quiet: false
    });
});

test('every problem is reported at once, naming the variable or flag to fix', () => {
    assert.deepEqual(problems(['--from', 'yesterday', '--count', '0'], { SALESFORCE_PUBSUB_ENDPOINT: 'https://x' }), [
        'SALESFORCE_AUTH_TYPE is not set: one of user-supplied, username-password, oauth-client-credentials, oauth-jwt-bearer',
        'SALESFORCE_PUBSUB_ENDPOINT "https://x" is not host:port (e.g. api.pubsub.salesforce.com:7443)',
        '--from "yesterday" is not latest or earliest',
        '--count "0" is not a whole number of events, 1 or more'
    ]);
});

test('each authentication type asks for its own variables', () => {
    assert.deepEqual(problems([], { SALESFORCE_AUTH_TYPE: 'oauth-jwt-bearer' }), [
        'SALESFORCE_LOGIN_URL is not set (needed for SALESFORCE_AUTH_TYPE=oauth-jwt-bearer)',
        'SALESFORCE_CLIENT_ID is not set (needed for SALESFORCE_AUTH_TYPE=oauth-jwt-bearer)',
        'SALESFORCE_USERNAME is not set (needed for SALESFORCE_AUTH_TYPE=oauth-jwt-bearer)',
        'SALESFORCE_JWT_KEY_FILE is not set (needed for SALESFORCE_AUTH_TYPE=oauth-jwt-bearer)'
    ]);
    assert.deepEqual(problems([], { SALESFORCE_AUTH_TYPE: 'password' }), [
        'SALESFORCE_AUTH_TYPE "password" is not one of user-supplied, username-password, oauth-client-credentials, oauth-jwt-bearer'
    ]);
    const { config } = loadConfig([], {
        SALESFORCE_AUTH_TYPE: 'username-password',
        SALESFORCE_LOGIN_URL: 'https://login.salesforce.com',
        SALESFORCE_USERNAME: 'integration@example.com',
        SALESFORCE_PASSWORD: 'secret',
        SALESFORCE_TOKEN: ' '
    });
    assert.equal(config.client.userToken, undefined, 'a blank variable counts as not set');
});

test('the JWT private key is read from its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
    writeFileSync(join(dir, 'server.key'), 'PRIVATE KEY TEXT');
    const env = {
        SALESFORCE_AUTH_TYPE: 'oauth-jwt-bearer',
        SALESFORCE_LOGIN_URL: 'https://login.salesforce.com',
        SALESFORCE_CLIENT_ID: 'connected-app-consumer-key',
        SALESFORCE_USERNAME: 'integration@example.com',
        SALESFORCE_JWT_KEY_FILE: join(dir, 'server.key')
    };
    assert.equal(loadConfig([], env).config.client.privateKey, 'PRIVATE KEY TEXT');
    assert.match(
        problems([], { ...env, SALESFORCE_JWT_KEY_FILE: join(dir, 'missing.key') })[0],
        /cannot be read: ENOENT/
    );
});

test('URLs, org id and switches are checked', () => {
    assert.deepEqual(
        problems(['--webhook-url', 'ftp://example.com'], {
            ...userSupplied,
            SALESFORCE_INSTANCE_URL: 'http://example.my.salesforce.com',
            SALESFORCE_ORG_ID: '001000000000001',
            SALESFORCE_PUBSUB_SELF_SIGNED: 'yes'
        }),
        [
            'SALESFORCE_INSTANCE_URL "http://example.my.salesforce.com" is not an https:// URL',
            'SALESFORCE_ORG_ID "001000000000001" is not an org id (00D followed by 12 or 15 characters)',
            'SALESFORCE_PUBSUB_SELF_SIGNED "yes" is not true or false',
            'the webhook URL "ftp://example.com" is not an http:// or https:// URL'
        ]
    );
    assert.deepEqual(problems([], { ...userSupplied, SWITCHBOARD_WEBHOOK_SECRET: 's' }), [
        'SWITCHBOARD_WEBHOOK_SECRET is set but there is no webhook URL to sign for'
    ]);
    assert.match(problems(['--colour'], userSupplied)[0], /Unknown option '--colour'.*\(see --help\)/);
});

test('flags win over their environment variables', () => {
    const { config } = loadConfig(['--webhook-url', 'https://flag.example.com/hook', '--replay-file', 'flag.replay'], {
        ...userSupplied,
        SWITCHBOARD_WEBHOOK_URL: 'https://env.example.com/hook',
        SWITCHBOARD_REPLAY_FILE: 'env.replay',
        SALESFORCE_PUBSUB_SELF_SIGNED: 'TRUE'
    });
    assert.equal(config.webhookUrl, 'https://flag.example.com/hook');
    assert.equal(config.replayFile, 'flag.replay');
    assert.equal(config.client.rejectUnauthorizedSsl, false);
});
