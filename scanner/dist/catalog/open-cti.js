// Generated from scanner/src/catalog/open-cti.ts by `npm run build -w @switchboard/scanner`: do not edit.
// The complete documented Open CTI surface (voice-platform.md §9.1-9.3) and, for each member, what it becomes in
// Salesforce Voice (the capability matrix and the project-guidance table in §9.5). Pure data: the analyser and the
// reports read it, nothing here does I/O.
import { COMPONENTS, GATEWAY, GUIDE, connectorMethod } from './mapping.js';
export const NAMESPACE_PLATFORM = {
    'sforce.opencti': 'lightning',
    'sforce.opencti.hvs': 'lightning',
    'sforce.interaction': 'classic',
    'sforce.interaction.cti': 'classic',
    'sforce.interaction.entityFeed': 'classic',
    'sforce.console.cti': 'console'
};
/** Enumerations reachable under `sforce.opencti` (§9.1). */
export const ENUMS = {
    SCREENPOP_TYPE: ['SOBJECT', 'URL', 'OBJECTHOME', 'LIST', 'SEARCH', 'NEW_RECORD_MODAL', 'FLOW'],
    CALL_TYPE: ['INBOUND', 'OUTBOUND', 'INTERNAL']
};
const keys = (allowed, required = []) => ({
    allowed: [...allowed, 'callback'],
    required
});
const listenerKeys = (extra = []) => ({
    allowed: ['listener', 'callback', ...extra],
    required: ['listener']
});
// Shared mappings: a Classic method maps to the same target as its Lightning counterpart (§9.5 project guidance).
const M = {
    clickToDial: {
        action: 'eliminate',
        replacement: 'Automatic in Salesforce Voice: click-to-dial is handled by the platform',
        components: [COMPONENTS.builtIn],
        basis: 'matrix',
        guide: GUIDE.clickToDial
    },
    onClickToDial: {
        action: 'migrate',
        replacement: "Native click-to-dial; Salesforce calls the connector's dial(contact)",
        components: [connectorMethod('dial(contact)')],
        basis: 'project-guidance',
        guide: GUIDE.clickToDial
    },
    pageContext: {
        action: 'migrate',
        replacement: 'lightning/platformWorkspaceApi in the Voice Extension',
        components: [COMPONENTS.voiceExtension],
        basis: 'project-guidance',
        guide: GUIDE.pageContext
    },
    callCenterSettings: {
        action: 'migrate',
        replacement: "ConversationVendorInfo / contact-center configuration, received in the connector's init(connectorConfig)",
        components: [connectorMethod('init(connectorConfig)')],
        basis: 'project-guidance',
        guide: GUIDE.callCenter
    },
    softphoneChrome: {
        action: 'eliminate',
        replacement: 'None: the Omni-Channel softphone is owned by Salesforce',
        components: [COMPONENTS.builtIn],
        basis: 'project-guidance',
        guide: GUIDE.softphoneChrome
    },
    softphoneSize: {
        action: 'eliminate',
        replacement: 'Configure in contact-center setup',
        components: [COMPONENTS.setup],
        basis: 'matrix',
        guide: GUIDE.panelSize
    },
    refresh: {
        action: 'migrate',
        replacement: 'notifyRecordUpdateAvailable() from Lightning Data Service, or a flow that updates the record',
        components: [COMPONENTS.voiceExtension, COMPONENTS.relationFlows],
        basis: 'matrix',
        guide: GUIDE.refresh
    },
    runApex: {
        action: 'replace',
        replacement: 'LWC @wire or imperative Apex, plus the Voice Toolkit API',
        components: [COMPONENTS.voiceExtension],
        basis: 'matrix',
        guide: GUIDE.runApex
    },
    saveLog: {
        action: 'eliminate',
        replacement: 'VoiceCall is the call record (auto-created); relate other records with a record-triggered flow on VoiceCall',
        components: [COMPONENTS.relationFlows, GATEWAY.createVoiceCall],
        basis: 'matrix',
        guide: GUIDE.callLogging
    },
    screenPop: {
        action: 'eliminate',
        replacement: 'Omni-Channel flow with a Screen Pop action; rebuild in Flow Builder',
        components: [COMPONENTS.screenPopFlow],
        basis: 'matrix',
        guide: GUIDE.screenPop
    },
    searchAndScreenPop: {
        action: 'migrate',
        replacement: 'Omni-Channel flow (Get Records + Screen Pop action), or LWC + Navigation API',
        components: [COMPONENTS.screenPopFlow, COMPONENTS.voiceExtension],
        basis: 'matrix',
        guide: GUIDE.searchAndScreenPop
    },
    lms: {
        action: 'migrate',
        replacement: 'lightning/messageService on ServiceCloudVoiceMessageChannel__c',
        components: [COMPONENTS.messageChannel],
        basis: 'project-guidance',
        guide: GUIDE.messaging
    },
    notSupportedInLightning: {
        action: 'eliminate',
        replacement: 'None: not supported in Lightning Experience, and the Voice softphone is owned by Salesforce',
        components: [COMPONENTS.builtIn],
        basis: 'project-guidance',
        guide: GUIDE.softphoneChrome
    },
    directoryNumbers: {
        action: 'migrate',
        replacement: "Transfer destinations from the connector's getPhoneContacts(filter)",
        components: [connectorMethod('getPhoneContacts(filter)')],
        basis: 'project-guidance',
        guide: GUIDE.transfer
    },
    recordUpdates: {
        action: 'migrate',
        replacement: 'A @wire(getRecord) in the Voice Extension re-renders when the record changes',
        components: [COMPONENTS.voiceExtension],
        basis: 'project-guidance',
        guide: GUIDE.refresh
    },
    hvs: {
        action: 'replace',
        replacement: 'Sales Engagement / Sales Dialer work items',
        components: [],
        basis: 'project-guidance',
        guide: GUIDE.salesEngagement,
        unconfirmed: 'voice-platform.md §9.5 marks the Sales Engagement replacement as unconfirmed'
    },
    consoleCallEvents: {
        action: 'migrate',
        replacement: 'lightning-service-cloud-voice-toolkit-api events (callstarted, callconnected, callended)',
        components: [COMPONENTS.voiceExtension],
        basis: 'matrix',
        guide: GUIDE.callEvents
    },
    consoleCallLog: {
        action: 'eliminate',
        replacement: 'VoiceCall is the call record; react to it with a record-triggered flow on VoiceCall',
        components: [COMPONENTS.relationFlows],
        basis: 'matrix',
        guide: GUIDE.callLogging
    },
    consoleAttachedData: {
        action: 'migrate',
        replacement: 'Call data travels with the VoiceCall: callAttributes (custom VoiceCall fields) on Create/Update VoiceCall',
        components: [GATEWAY.createVoiceCall, GATEWAY.updateVoiceCall],
        basis: 'project-guidance',
        guide: GUIDE.callData
    },
    consoleCallIds: {
        action: 'migrate',
        replacement: "The connector's own call store; the Voice Extension receives callId (= VoiceCall.VendorCallKey) in toolkit events",
        components: [connectorMethod('getActiveCalls()'), COMPONENTS.voiceExtension],
        basis: 'project-guidance',
        guide: GUIDE.callData
    },
    consoleSimulation: {
        action: 'eliminate',
        replacement: 'None: simulation helpers of the CTI Toolkit; test with the Switchboard workbench instead',
        components: [],
        basis: 'project-guidance',
        guide: GUIDE.reviewByHand
    },
    consoleMessaging: {
        action: 'migrate',
        replacement: 'lightning/messageService on ServiceCloudVoiceMessageChannel__c',
        components: [COMPONENTS.messageChannel],
        basis: 'project-guidance',
        guide: GUIDE.messaging
    }
};
function lightning(name, description, argumentKeys, mapping) {
    return { namespace: 'sforce.opencti', name, description, keys: argumentKeys, mapping };
}
function classic(namespace, name, description, lightningCounterpart, mapping) {
    return { namespace, name, description, lightningCounterpart, mapping };
}
function consoleCti(name, description, mapping, unconfirmed) {
    return unconfirmed
        ? { namespace: 'sforce.console.cti', name, description, mapping, unconfirmed }
        : { namespace: 'sforce.console.cti', name, description, mapping };
}
export const METHODS = [
    // §9.1 Lightning Experience
    lightning('disableClickToDial', 'Turns click-to-dial off', keys([]), M.clickToDial),
    lightning('enableClickToDial', 'Turns click-to-dial on', keys([]), M.clickToDial),
    lightning('getAppViewInfo', 'Info about the current page or record', keys([]), M.pageContext),
    lightning('getCallCenterSettings', 'Returns the call-center definition settings', keys([]), M.callCenterSettings),
    lightning('getSoftphoneLayout', 'Returns the softphone layout', keys([]), M.callCenterSettings),
    lightning('isSoftphonePanelVisible', 'Whether the softphone panel is visible', keys([]), M.softphoneChrome),
    lightning('notifyInitializationComplete', 'Signals that the softphone initialised', keys([]), M.softphoneChrome),
    lightning('onClickToDial', 'Listener for clicks on phone numbers', listenerKeys(), M.onClickToDial),
    lightning('onNavigationChange', 'Listener for navigation changes', listenerKeys(), M.pageContext),
    lightning('refreshView', 'Refreshes the current view', keys([]), M.refresh),
    lightning('runApex', 'Calls a web-service Apex method', keys(['apexClass', 'methodName', 'methodParams'], ['apexClass', 'methodName']), M.runApex),
    lightning('saveLog', 'Creates or updates a record, usually a Task', keys(['value'], ['value']), M.saveLog),
    lightning('screenPop', 'Navigates to a record, URL, list, search, new-record modal or flow', keys(['type', 'params', 'defaultFieldValues'], ['type']), M.screenPop),
    lightning('searchAndScreenPop', 'Searches softphone-layout objects and pops the matches', keys(['searchParams', 'queryParams', 'defaultFieldValues', 'callType', 'deferred']), M.searchAndScreenPop),
    lightning('setSoftphoneItemIcon', 'Utility-bar item icon', keys(['key'], ['key']), M.softphoneChrome),
    lightning('setSoftphoneItemLabel', 'Utility-bar item label', keys(['label'], ['label']), M.softphoneChrome),
    lightning('setSoftphonePanelHeight', 'Panel height (240-2560)', keys(['heightPX'], ['heightPX']), M.softphoneSize),
    lightning('setSoftphonePanelIcon', 'Panel icon', keys(['key'], ['key']), M.softphoneChrome),
    lightning('setSoftphonePanelLabel', 'Panel label', keys(['label'], ['label']), M.softphoneChrome),
    lightning('setSoftphonePanelVisibility', 'Shows or hides the panel', keys(['visible'], ['visible']), M.softphoneChrome),
    lightning('setSoftphonePanelWidth', 'Panel width (200-1920)', keys(['widthPX'], ['widthPX']), M.softphoneSize),
    lightning('subscribe', 'Lightning Message Service subscribe', { allowed: ['channelName', 'listener', 'callback'], required: ['channelName', 'listener'] }, M.lms),
    lightning('publish', 'Lightning Message Service publish', keys(['channelName', 'message'], ['channelName', 'message']), M.lms),
    lightning('unsubscribe', 'Lightning Message Service unsubscribe', keys(['subscription'], ['subscription']), M.lms),
    {
        namespace: 'sforce.opencti.hvs',
        name: 'onWorkStart',
        description: 'Sales Engagement work start listener',
        keys: listenerKeys(),
        mapping: M.hvs
    },
    {
        namespace: 'sforce.opencti.hvs',
        name: 'completeWork',
        description: 'Sales Engagement: report completed work',
        keys: keys(['workId', 'attributes'], ['workId']),
        mapping: M.hvs
    },
    // §9.2 Salesforce Classic
    classic('sforce.interaction', 'getPageInfo', 'Current page info', 'getAppViewInfo', M.pageContext),
    classic('sforce.interaction', 'isInConsole', 'Whether in the Service Cloud console', '', M.notSupportedInLightning),
    classic('sforce.interaction', 'isVisible', 'Softphone visibility', 'isSoftphonePanelVisible', M.softphoneChrome),
    classic('sforce.interaction', 'setVisible', 'Shows or hides the softphone', 'setSoftphonePanelVisibility', M.softphoneChrome),
    classic('sforce.interaction', 'onFocus', 'Listener for browser focus changes', 'onNavigationChange', M.pageContext),
    classic('sforce.interaction', 'refreshPage', 'Refreshes the page', 'refreshView', M.refresh),
    classic('sforce.interaction', 'refreshRelatedList', 'Refreshes a related list', 'refreshView', M.refresh),
    classic('sforce.interaction', 'runApex', 'Calls a web-service Apex method', 'runApex', M.runApex),
    classic('sforce.interaction', 'saveLog', 'Creates or updates a record', 'saveLog', M.saveLog),
    classic('sforce.interaction', 'screenPop', 'Navigates to a URL', 'screenPop', M.screenPop),
    classic('sforce.interaction', 'searchAndGetScreenPopUrl', 'Searches and returns the pop URL', 'searchAndScreenPop', M.searchAndScreenPop),
    classic('sforce.interaction', 'searchAndScreenPop', 'Searches and pops', 'searchAndScreenPop', M.searchAndScreenPop),
    classic('sforce.interaction.cti', 'disableClickToDial', 'Click-to-dial off', 'disableClickToDial', M.clickToDial),
    classic('sforce.interaction.cti', 'enableClickToDial', 'Click-to-dial on', 'enableClickToDial', M.clickToDial),
    classic('sforce.interaction.cti', 'onClickToDial', 'Click-to-dial listener', 'onClickToDial', M.onClickToDial),
    classic('sforce.interaction.cti', 'getCallCenterSettings', 'Call-center settings', 'getCallCenterSettings', M.callCenterSettings),
    classic('sforce.interaction.cti', 'getSoftphoneLayout', 'Softphone layout', 'getSoftphoneLayout', M.callCenterSettings),
    classic('sforce.interaction.cti', 'getDirectoryNumbers', 'Directory numbers', '', M.directoryNumbers),
    classic('sforce.interaction.cti', 'notifyInitializationComplete', 'Initialisation done', 'notifyInitializationComplete', M.softphoneChrome),
    classic('sforce.interaction.cti', 'setSoftphoneHeight', 'Softphone height', 'setSoftphonePanelHeight', M.softphoneSize),
    classic('sforce.interaction.cti', 'setSoftphoneWidth', 'Softphone width', 'setSoftphonePanelWidth', M.softphoneSize),
    classic('sforce.interaction.entityFeed', 'onObjectUpdate', 'Listener for record updates in the feed', '', M.recordUpdates),
    classic('sforce.interaction.entityFeed', 'refreshObject', 'Refreshes the feed record', 'refreshView', M.refresh),
    classic('sforce.interaction.entityFeed', 'reloadFrame', 'Reloads the feed frame', 'refreshView', M.refresh),
    // §9.3 Console Integration Toolkit CTI (legacy CTI Toolkit, reported separately)
    consoleCti('onCallBegin', 'Listener fired when a call begins', M.consoleCallEvents),
    consoleCti('onCallEnd', 'Listener fired when a call ends', M.consoleCallEvents),
    consoleCti('onCallLogSaved', 'Listener fired when the call log is saved', M.consoleCallLog),
    consoleCti('getCallAttachedData', 'Data attached to the call', M.consoleAttachedData),
    consoleCti('setCallAttachedData', 'Attaches data to a call', M.consoleAttachedData),
    consoleCti('getCallObjectIds', 'Ids of the current calls', M.consoleCallIds),
    consoleCti('fireOnCallBegin', 'Fires onCallBegin', M.consoleSimulation),
    consoleCti('fireOnCallEnd', 'Fires onCallEnd', M.consoleSimulation),
    consoleCti('fireOnCallLogSaved', 'Fires onCallLogSaved', M.consoleSimulation),
    consoleCti('sendCTIMessage', 'Sends a message to the CTI adapter', M.consoleMessaging, 'voice-platform.md §9.3 lists it as possibly in this namespace'),
    consoleCti('onSendCTIMessage', 'Listener for CTI messages', M.consoleMessaging, 'voice-platform.md §9.3 lists it as possibly in this namespace'),
    consoleCti('setCallObjectIds', 'Sets the ids of the current calls', M.consoleCallIds, 'voice-platform.md §9.3 lists it as possibly in this namespace')
];
/** Mapping of an enum constant (`SCREENPOP_TYPE.*`, `CALL_TYPE.*`). */
export const ENUM_MAPPINGS = {
    SCREENPOP_TYPE: M.screenPop,
    CALL_TYPE: {
        action: 'migrate',
        replacement: "VoiceCall.CallType (Inbound, Outbound, InternalCall), set from the connector's call type (Constants.CALL_TYPE)",
        components: [connectorMethod('dial(contact)'), GATEWAY.createVoiceCall],
        basis: 'project-guidance',
        guide: GUIDE.callData
    }
};
/** `getPhoneContacts` is not an Open CTI method; the migration guide names it anyway (§9.5 matrix). */
export const NON_METHOD_MAPPINGS = {
    getPhoneContacts: {
        action: 'migrate',
        replacement: 'Custom LWC with @wire(getRecord), or SOSL through Apex',
        components: [COMPONENTS.voiceExtension],
        basis: 'matrix',
        guide: GUIDE.contactSearch
    }
};
/** `sforce.console.*` outside `cti`: the Console Integration Toolkit in general (§9.3). */
export const CONSOLE_TOOLKIT_MAPPINGS = {
    presence: {
        action: 'eliminate',
        replacement: "Omni-Channel owns presence; the connector's setAgentStatus() syncs the vendor state",
        components: [connectorMethod('setAgentStatus(agentStatus, statusInfo, enqueueNextState)')],
        basis: 'matrix',
        guide: GUIDE.presence
    },
    other: {
        action: 'replace',
        replacement: 'lightning/platformWorkspaceApi (tabs, navigation) in the Voice Extension',
        components: [COMPONENTS.voiceExtension],
        basis: 'project-guidance',
        guide: GUIDE.pageContext
    }
};
/** `runApex` that looks like custom presence (§9.5: "Custom presence via runApex()"). */
export const PRESENCE_RUN_APEX = CONSOLE_TOOLKIT_MAPPINGS.presence;
const byPath = new Map(METHODS.map((m) => [`${m.namespace}.${m.name}`, m]));
/** The method at a dotted path such as `sforce.opencti.saveLog`. */
export function methodAt(path) {
    return byPath.get(path);
}
/** Every documented method of a namespace. */
export function methodsOf(namespace) {
    return METHODS.filter((m) => m.namespace === namespace);
}
export function isNamespace(path) {
    return Object.hasOwn(NAMESPACE_PLATFORM, path);
}
