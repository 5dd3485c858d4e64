// Generated from scanner/src/catalog/mapping.ts by `npm run build -w @switchboard/scanner`: do not edit.
// The vocabulary every finding is expressed in: the migration action, the Voice replacement, and the part of
// Switchboard that covers it. Definitions are documented in scanner/README.md ("What each action means").
export { GUIDE, GUIDE_PATH, guideLink } from './guide.js';
export { ACTIONS, SEVERITIES, atLeast, worse } from '../model/vocabulary.js';
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
};
/** A connector method (names from connector-sdk.md §2.2). */
export function connectorMethod(signature) {
    return { kind: 'connector', name: `connector ${signature}` };
}
/** A Telephony Integration REST API call made by the gateway (paths from voice-platform.md §6.3). */
function gatewayCall(endpoint) {
    return { kind: 'gateway', name: `gateway ${endpoint}` };
}
export const GATEWAY = {
    createVoiceCall: gatewayCall('POST /telephony/v1/voiceCalls'),
    updateVoiceCall: gatewayCall('PATCH /telephony/v1/voiceCalls/{id}'),
    executeOmniFlow: gatewayCall('PATCH /telephony/v1/voiceCalls/{id}/omniFlow')
};
