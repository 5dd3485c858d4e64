// The seam between the page's stand-in for Salesforce's softphone host (page/softphone-host.ts) and the stand-in
// for the Voice Toolkit element (page/lwc/stand-ins): the Toolkit element fires what the softphone learns from the
// connector, and its actions become the messages Salesforce sends the connector (voice-platform.md §1.5).

/** The Toolkit actions the LWC page documents (voice-platform.md §1.4). */
export type ToolkitActionName =
    | 'acceptCall'
    | 'declineCall'
    | 'endCall'
    | 'mute'
    | 'unmute'
    | 'hold'
    | 'resume'
    | 'merge'
    | 'swap'
    | 'pauseRecording'
    | 'resumeRecording'
    | 'addParticipant'
    | 'sendDigits';

export type ToolkitListener = (name: string, detail: Record<string, unknown>) => void;

export interface SoftphoneBus {
    /** Subscribes to Toolkit events (lower-case LWC names with their documented detail); returns the unsubscribe. */
    onToolkitEvent(listener: ToolkitListener): () => void;
    /** Carries out a Toolkit action; rejects with an Error whose message says why it could not be done. */
    toolkitAction(action: ToolkitActionName, args: readonly unknown[]): Promise<void>;
}

let current: SoftphoneBus | undefined;

export function setSoftphoneBus(bus: SoftphoneBus): void {
    current = bus;
}

/** The page's bus; undefined until the page has started its softphone host. */
export function softphoneBus(): SoftphoneBus | undefined {
    return current;
}
