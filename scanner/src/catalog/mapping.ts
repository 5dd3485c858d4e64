// The vocabulary every finding is expressed in: the migration action, the Voice replacement, and the part of
// Switchboard that covers it. Definitions are documented in scanner/README.md ("What each action means").

/** What happens to an Open CTI usage when the adapter moves to Salesforce Voice. */
export type Action = 'eliminate' | 'migrate' | 'replace' | 'keep';

export const ACTIONS: readonly Action[] = ['eliminate', 'migrate', 'replace', 'keep'];

export type Severity = 'error' | 'warning' | 'note';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

/** Where the replacement lives. */
export type ComponentKind =
    | 'voice-extension'
    | 'message-channel'
    | 'relation-flows'
    | 'screen-pop-flow'
    | 'connector'
    | 'gateway'
    | 'contact-center-setup'
    | 'built-in';

export interface Component {
    kind: ComponentKind;
    /** Human name, with the method or endpoint where the kind has several (connector, gateway). */
    name: string;
}

/** Why a mapping says what it says. */
export type Basis =
    /** Salesforce's capability matrix (../shared/spec/open-cti-to-voice-source.txt, voice-platform.md §9.5). */
    | 'matrix'
    /** The project-guidance table in voice-platform.md §9.5, or this scanner's own documented design. */
    | 'project-guidance';

export interface Mapping {
    action: Action;
    replacement: string;
    components: readonly Component[];
    basis: Basis;
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
export function gatewayCall(endpoint: string): Component {
    return { kind: 'gateway', name: `gateway ${endpoint}` };
}

export const GATEWAY = {
    createVoiceCall: gatewayCall('POST /telephony/v1/voiceCalls'),
    updateVoiceCall: gatewayCall('PATCH /telephony/v1/voiceCalls/{id}'),
    executeOmniFlow: gatewayCall('PATCH /telephony/v1/voiceCalls/{id}/omniFlow')
} as const;

const SEVERITY_RANK: Record<Severity, number> = { note: 0, warning: 1, error: 2 };

/** The more severe of two severities. */
export function worse(a: Severity, b: Severity): Severity {
    return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

/** True when `severity` is at least `threshold` (error > warning > note). */
export function atLeast(severity: Severity, threshold: Severity): boolean {
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
