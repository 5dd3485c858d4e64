// Types for the project's components as the workbench page imports them (`c/*`, resolved by src/build.ts to the
// compiled JavaScript in force-app/voice-extension/main/default/lwc). Only what the page sets is declared. They do not
// extend lwc's LightningElement: its declarations do not resolve under this workspace's NodeNext resolution.
declare module 'c/voiceExtension' {
    export interface VoiceExtensionProperties {
        hideTranscript?: boolean;
        transcriptLength?: number;
        debug?: boolean;
    }
    const VoiceExtension: abstract new () => VoiceExtensionProperties;
    export default VoiceExtension;
}

declare module 'c/voiceCallMonitor' {
    export interface VoiceCallMonitorProperties {
        recordId?: string;
        objectApiName?: string;
    }
    const VoiceCallMonitor: abstract new () => VoiceCallMonitorProperties;
    export default VoiceCallMonitor;
}

declare module 'c/voiceMessageBridge' {
    export interface VoiceMessageBridgeProperties {
        handleMessage: ((message: unknown) => void) | null;
        publishMessage(message: unknown): boolean;
    }
    const VoiceMessageBridge: abstract new () => VoiceMessageBridgeProperties;
    export default VoiceMessageBridge;
}
