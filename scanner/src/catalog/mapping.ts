// The vocabulary every finding is expressed in: the migration action, the Voice replacement, and the part of
// Switchboard that covers it. Definitions are documented in scanner/README.md ("What each action means").

import type { Action, Basis, Component } from '../model/vocabulary.js';
import type { GuideAnchor } from './guide.js';

export { GUIDE, GUIDE_PATH, guideLink } from './guide.js';

export {
    ACTIONS,
    SEVERITIES,
    atLeast,
    worse,
    type Action,
    type Component,
    type Severity
} from '../model/vocabulary.js';

export interface Mapping {
    action: Action;
    replacement: string;
    components: readonly Component[];
    basis: Basis;
    /** The section of the migration guide (docs/migration.md) that shows the replacement. */
    guide: GuideAnchor;
    /** Set when no source confirms part of the mapping: what is unconfirmed. */
    unconfirmed?: string;
}

export const COMPONENTS = {
    voiceExtension: { kind: 'voice-extension', name: 'Voice Extension LWC (c/voiceExtension)' },
    messageChannel: { kind: 'message-channel', name: 'LMS channel ServiceCloudVoiceMessageChannel__c' },
    relationFlows: {
        kind: 'relation-flows',
        name: 'VoiceCall relation flows (Switchboard_Call_Relate_Case/_Opportunity/_Lead, Switchboard_Call_Log_Task, Switchboard_Call_Task_Wrap_Up; rules in Call_Relation_Rule__mdt)'
    },
    screenPopFlow: {
        kind: 'screen-pop-flow',
        name: 'Omni-Channel routing flow Switchboard_Inbound_Call_Routing (caller match, RelatedRecordId, routing)'
    },
    setup: { kind: 'contact-center-setup', name: 'Contact-center setup (admin, no code)' },
    builtIn: { kind: 'built-in', name: 'Salesforce Voice (built in)' }
} as const satisfies Record<string, Component>;

/** A connector method (names from connector-sdk.md §2.2). */
export function connectorMethod(signature: string): Component {
    return { kind: 'connector', name: `connector ${signature}` };
}

/** A Telephony Integration REST API call made by the gateway (paths from voice-platform.md §6.3). */
function gatewayCall(endpoint: string): Component {
    return { kind: 'gateway', name: `gateway ${endpoint}` };
}

export const GATEWAY = {
    createVoiceCall: gatewayCall('POST /telephony/v1/voiceCalls'),
    updateVoiceCall: gatewayCall('PATCH /telephony/v1/voiceCalls/{id}'),
    executeOmniFlow: gatewayCall('PATCH /telephony/v1/voiceCalls/{id}/omniFlow')
} as const;
