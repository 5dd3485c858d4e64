// Puts the project's real components on the workbench page: the Voice Extension (what the agent sees in the
// softphone), the call monitor (what a record page shows) and the message bridge (what the softphone creates, with
// no UI, for the connector's page messages). The build resolves `c/*` to the compiled JavaScript in
// force-app and Salesforce's own modules to ./stand-ins (see its README).
import { createElement as untypedCreateElement } from 'lwc';
import VoiceExtension from 'c/voiceExtension';
import VoiceCallMonitor from 'c/voiceCallMonitor';
import VoiceMessageBridge, { type VoiceMessageBridgeProperties } from 'c/voiceMessageBridge';

// lwc's declarations do not resolve under this workspace's NodeNext resolution (extensionless relative imports), so
// createElement reads as untyped; this is its signature as the page uses it.
const createElement = untypedCreateElement as unknown as <P>(
    tagName: string,
    options: { is: abstract new () => P }
) => HTMLElement & P;

/** Renders the Voice Extension into `target`, replacing what is there. It lives as long as the page. */
export function mountVoiceExtension(target: HTMLElement): void {
    target.replaceChildren(createElement('c-voice-extension', { is: VoiceExtension }));
}

/** Renders the call monitor for one record into `target`; the returned function removes it (it then unsubscribes). */
export function mountRecordMonitor(
    target: HTMLElement,
    record: { recordId: string; objectApiName: string }
): () => void {
    const element = createElement('c-voice-call-monitor', { is: VoiceCallMonitor });
    // Set before the element connects, as a record page sets them: the first getRecord already has the id.
    element.recordId = record.recordId;
    element.objectApiName = record.objectApiName;
    target.replaceChildren(element);
    return () => element.remove();
}

/**
 * Creates the LMS bridge as Salesforce's softphone does for ConversationVendorInfo's bridgeComponent: no UI, its
 * `handleMessage` set to the path into the connector; the softphone calls `publishMessage` for each MESSAGE event.
 */
export function mountMessageBridge(
    target: HTMLElement,
    toConnector: (message: unknown) => void
): VoiceMessageBridgeProperties {
    const element = createElement('c-voice-message-bridge', { is: VoiceMessageBridge });
    element.handleMessage = toConnector;
    target.replaceChildren(element);
    return element;
}
