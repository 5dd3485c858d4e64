// Issue 14 item 9: a Dev Hub without the Voice entitlement fails scratch-org creation with a generic "unknown server
// error"; scratch:setup must say what is missing instead of leaving the person with that sentence.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diagnoseFailure, planTask } from '../scratch-org/plan.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const definition = JSON.parse(readFileSync(join(root, 'config', 'project-scratch-def.json'), 'utf8'));
const [create] = planTask('create');
const [deploy] = planTask('deploy');

describe('scratch:setup explains a Dev Hub without Voice', () => {
    it('names the missing entitlement and the Voice features of the definition on "unknown server error"', () => {
        const why = diagnoseFailure(create, 'Error (1): An unknown server error occurred.', definition);
        assert.match(why, /not entitled/);
        assert.match(why, /Salesforce Voice with Partner Telephony/);
        assert.match(why, /ServiceCloudVoicePartnerTelephony:5/);
        assert.match(why, /ScvMultipartyAndConsult/);
    });

    it('stays silent on other failures and other steps', () => {
        assert.equal(
            diagnoseFailure(create, 'Error (1): The Dev Hub org has reached its daily limit', definition),
            null
        );
        assert.equal(diagnoseFailure(deploy, 'An unknown server error occurred', definition), null);
    });
});
