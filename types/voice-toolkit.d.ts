// The Voice Toolkit element (<lightning-service-cloud-voice-toolkit-api>), typed from Salesforce's LWC-Actions page
// (see ../shared/reference/voice-platform.md §1.4). Components reach it through the tag, not an import, so the type
// lives on the tag name map: `this.template?.querySelector('lightning-service-cloud-voice-toolkit-api')` is typed.
// Return values are undocumented for every action, so they are `unknown`: call them fire-and-forget and let the
// resulting Toolkit event drive the UI.

declare global {
    /** Participant types accepted by hold/resume. */
    type VoiceToolkitHoldParticipant = 'Initial_Caller' | 'Third_Party';
    /** Participant types accepted by endCall. */
    type VoiceToolkitEndParticipant = 'Initial_Caller' | 'Third_Party' | 'Agent';
    /** Contact types accepted by addParticipant. */
    type VoiceToolkitContactType = 'PhoneNumber' | 'AgentOrQueueId';

    interface ServiceCloudVoiceToolkitApiElement extends HTMLElement {
        acceptCall(): unknown;
        declineCall(): unknown;
        endCall(participantType?: VoiceToolkitEndParticipant): unknown;
        mute(): unknown;
        unmute(): unknown;
        hold(participantType: VoiceToolkitHoldParticipant): unknown;
        resume(participantType: VoiceToolkitHoldParticipant): unknown;
        pauseRecording(): unknown;
        resumeRecording(): unknown;
        merge(): unknown;
        swap(): unknown;
        addParticipant(contactType: VoiceToolkitContactType, contactValue: string, isBlindTransfer: boolean): unknown;
        /** DTMF on the active call: 0-9 * # A B C D and `,` (pause). */
        sendDigits(digits: string): unknown;
        startPreviewCall(phoneNumber: string): unknown;
        updateNextBestActions(recordId: string, payload: Record<string, unknown>): unknown;
    }

    interface HTMLElementTagNameMap {
        'lightning-service-cloud-voice-toolkit-api': ServiceCloudVoiceToolkitApiElement;
    }
}

export {};
