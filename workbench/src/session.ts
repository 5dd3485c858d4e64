// GET /api/session: what the page needs to play Salesforce's softphone host for the connector. connectorConfig is
// the contact center's settings as Salesforce hands them to the connector's init() (connector-sdk.md §7.6: the keys
// a realistic configuration holds), pointing the connector at this machine's gateway.
import { salesforceId } from '@switchboard/gateway/emulator';
import { normalize } from './org/apex/phone-number-normalizer.js';
import type { WorkbenchSession } from './api.js';
import { recordName, type SampleData } from './org/sample-data.js';

/** The Salesforce user the page plays (a User Id has the key prefix 005). */
const WORKBENCH_USER = {
    id: salesforceId('005Wt0000000001'),
    userName: 'ada@switchboard.example',
    fullName: 'Ada Lovelace'
} as const;

/** A number no sample record has (a test checks it stays so). */
export const UNKNOWN_NUMBER = '+13125550147';

const CALL_CENTER_ID = salesforceId('04vWt0000000001');
const PHONE_SERVICE_CHANNEL_ID = salesforceId('0N9Wt0000000001');
const PRESENCE_STATUSES = {
    [salesforceId('0N5Wt0000000001')]: { statusName: 'Available', statusApiName: 'Available_for_Voice' },
    [salesforceId('0N5Wt0000000002')]: { statusName: 'Busy', statusApiName: 'Busy' },
    [salesforceId('0N5Wt0000000003')]: { statusName: 'Offline', statusApiName: 'Offline' }
};

const VOICE_PHONE_FIELDS = ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'];

/** Callers of the sample data: each Contact, Lead and Account with each distinct voice number, in E.164. */
export function knownCallers(sample: SampleData, countryCode: string): WorkbenchSession['knownCallers'] {
    const callers: WorkbenchSession['knownCallers'] = [];
    for (const objectApiName of ['Contact', 'Lead', 'Account'] as const) {
        for (const record of sample.records) {
            if (record.objectApiName !== objectApiName) continue;
            const name = recordName(record);
            const numbers = new Set<string>();
            for (const field of VOICE_PHONE_FIELDS) {
                const value = record.fields[field];
                const canonical = typeof value === 'string' ? normalize(value, countryCode) : null;
                if (canonical) numbers.add(`+${canonical}`);
            }
            for (const phoneNumber of numbers) callers.push({ name: name ?? record.Id, phoneNumber, objectApiName });
        }
    }
    return callers;
}

export interface SessionInputs {
    /** The workbench's own origin, e.g. http://127.0.0.1:4750. */
    origin: string;
    gatewayPort: number;
    /** Where the Telephony Integration API answers (Salesforce's scrtUrl is that host). */
    telephonyApiUrl: string;
    orgId: string;
    callCenterApiName: string;
    sample: SampleData;
    countryCode: string;
    agents: readonly { agentId: string; username: string; displayName: string; password: string }[];
}

export function buildSession(inputs: SessionInputs): WorkbenchSession {
    const connectorUrl = `${inputs.origin}/connector/`;
    const connectorConfig: Record<string, unknown> = {
        '/reqGeneralInfo/reqInternalName': inputs.callCenterApiName,
        '/reqGeneralInfo/reqAdapterUrl': connectorUrl,
        '/reqGeneralInfo/reqVendorInfoApiName': 'Switchboard',
        '/reqHvcc/reqLongDistPrefix': '1',
        '/switchboard/gatewayUrl': `ws://127.0.0.1:${inputs.gatewayPort}/agent-channel`,
        organizationId: inputs.orgId,
        orgDomainName: new URL(inputs.origin).host,
        scrtUrl: new URL(inputs.telephonyApiUrl).origin,
        callCenterId: CALL_CENTER_ID,
        userId: WORKBENCH_USER.id,
        userName: WORKBENCH_USER.userName,
        userFullName: WORKBENCH_USER.fullName,
        isACWAllowed: true,
        isHVSEnabled: false,
        phoneServiceChannelId: PHONE_SERVICE_CHANNEL_ID,
        // A JSON string, as Salesforce sends it.
        userPresenceStatuses: JSON.stringify(PRESENCE_STATUSES)
    };
    return {
        connectorConfig,
        connectorUrl,
        agents: inputs.agents.map(({ agentId, username, displayName, password }) => ({
            username,
            password,
            displayName,
            agentId
        })),
        knownCallers: knownCallers(inputs.sample, inputs.countryCode),
        unknownNumber: UNKNOWN_NUMBER
    };
}
