// Descriptions of every rule id a finding or an issue can carry (SARIF rule metadata, README table).
import { CALL_CENTER_ITEMS } from '../catalog/call-center.js';
import { METHODS } from '../catalog/open-cti.js';
import type { Severity } from '../catalog/mapping.js';

export interface RuleDoc {
    id: string;
    title: string;
    description: string;
    level: Severity;
}

/** Rules for what is wrong (issues). */
const ISSUE_RULES: readonly RuleDoc[] = [
    {
        id: 'unknown-method',
        title: 'Not an Open CTI member',
        description: 'The code calls a member the Open CTI namespace does not have; it throws at run time.',
        level: 'error'
    },
    {
        id: 'unknown-enum-value',
        title: 'Unknown enum value',
        description: 'SCREENPOP_TYPE or CALL_TYPE has no such value.',
        level: 'error'
    },
    {
        id: 'argument-shape',
        title: 'Wrong argument shape',
        description:
            'Lightning methods take one object argument with documented keys; Classic methods take positional arguments.',
        level: 'error'
    },
    {
        id: 'missing-listener',
        title: 'Listener method without a listener',
        description: 'onClickToDial, onNavigationChange and the other listener methods need a listener function.',
        level: 'error'
    },
    {
        id: 'classic-in-lightning',
        title: 'Classic API in a Lightning adapter',
        description:
            'sforce.interaction.* and sforce.console.cti.* do not work in Lightning Experience, where this adapter runs.',
        level: 'error'
    },
    {
        id: 'dynamic-call',
        title: 'Method name computed at run time',
        description: 'The scanner cannot tell which Open CTI method is called; review the call by hand.',
        level: 'warning'
    },
    {
        id: 'iframe-cookie',
        title: 'Cookies in the softphone iframe',
        description: 'Third-party cookies are blocked or partitioned by browsers; cookie-based login and state break.',
        level: 'warning'
    },
    {
        id: 'iframe-storage',
        title: 'Browser storage in the softphone iframe',
        description: 'localStorage, sessionStorage and indexedDB are partitioned or blocked in third-party iframes.',
        level: 'warning'
    },
    {
        id: 'call-center-classic-only',
        title: 'Call center runs in Classic only',
        description:
            'reqSalesforceCompatibilityMode is Classic (or empty, which defaults to Classic); Voice needs Lightning.',
        level: 'error'
    },
    {
        id: 'call-center-insecure-url',
        title: 'Adapter URL over http',
        description: 'Lightning Experience needs an https adapter URL.',
        level: 'warning'
    },
    {
        id: 'call-center-compatibility-mode',
        title: 'Compatibility mode absent, misspelled or unknown',
        description:
            'reqSalesforceCompatibilityMode is missing, misspelled or has another value: Salesforce then shows the softphone in Classic only (its documented default).',
        level: 'warning'
    },
    {
        id: 'call-center-conflict',
        title: 'One call center, two values',
        description:
            'Two definitions of the same call center (the same internal name: an import XML and the metadata, or two Markdown blocks) give one item different values; the org holds only one of them.',
        level: 'warning'
    }
];

const INVENTORY_RULES: readonly RuleDoc[] = [
    ...METHODS.map((m) => ({
        id: `${m.namespace.replace(/^sforce\./, '')}.${m.name}`,
        title: `${m.namespace}.${m.name}`,
        description: `${m.description}. In Voice: ${m.mapping.replacement}.`,
        level: 'note' as const
    })),
    {
        id: 'opencti.SCREENPOP_TYPE',
        title: 'sforce.opencti.SCREENPOP_TYPE',
        description: 'Screen-pop type constant; screen pops move to the Omni-Channel flow.',
        level: 'note'
    },
    {
        id: 'opencti.CALL_TYPE',
        title: 'sforce.opencti.CALL_TYPE',
        description: "Call-type constant; in Voice the call type is VoiceCall.CallType, from the connector's call.",
        level: 'note'
    },
    {
        id: 'unknown-member',
        title: 'Unknown Open CTI member',
        description: 'A member the namespace does not have (see the unknown-method issue).',
        level: 'note'
    },
    {
        id: 'dynamic-member',
        title: 'Dynamic Open CTI call',
        description: 'An Open CTI method chosen at run time.',
        level: 'note'
    },
    {
        id: 'console-toolkit',
        title: 'Console Integration Toolkit',
        description: 'sforce.console.* outside cti: tabs, navigation, presence of the Classic console.',
        level: 'note'
    },
    ...(['opencti-lightning', 'opencti-classic', 'console-toolkit'] as const).map((l) => ({
        id: `library.${l}`,
        title: `Library include (${l})`,
        description: 'A page loads an Open CTI or Console Integration Toolkit library.',
        level: 'note' as const
    })),
    { id: 'web.cookie', title: 'document.cookie', description: 'Cookie access in the adapter.', level: 'note' },
    {
        id: 'web.storage',
        title: 'Browser storage',
        description: 'localStorage, sessionStorage or indexedDB.',
        level: 'note'
    },
    {
        id: 'web.storage-access',
        title: 'Storage Access API',
        description: 'document.requestStorageAccess or hasStorageAccess.',
        level: 'note'
    },
    {
        id: 'web.post-message',
        title: 'window.postMessage',
        description: 'Custom iframe to page messaging; moves to Lightning Message Service.',
        level: 'note'
    },
    {
        id: 'web.message-listener',
        title: 'message listener',
        description: 'Custom iframe to page messaging; moves to Lightning Message Service.',
        level: 'note'
    },
    ...Object.entries(CALL_CENTER_ITEMS).map(([name, spec]) => ({
        id: `call-center.${name}`,
        title: `Call-center item ${name}`,
        description: `In Voice: ${spec.mapping.replacement}.`,
        level: 'note' as const
    })),
    {
        id: 'call-center.vendor-item',
        title: 'Vendor call-center item',
        description: 'A vendor-defined item; the connector reads it in init(connectorConfig).',
        level: 'note'
    }
];

const BY_ID = new Map<string, RuleDoc>([...INVENTORY_RULES, ...ISSUE_RULES].map((r) => [r.id, r]));

/** The documentation of a rule id (inventory rules and issue rules share the namespace). */
export function ruleDoc(id: string, kind: 'inventory' | 'issue'): RuleDoc {
    const doc = kind === 'issue' ? (ISSUE_RULES.find((r) => r.id === id) ?? BY_ID.get(id)) : BY_ID.get(id);
    return doc ?? { id, title: id, description: id, level: 'note' };
}
