// Test double for <lightning-service-cloud-voice-toolkit-api>. Every documented action is a jest.fn shared by all
// instances, so a test clicks a button and asserts the call; tests fire Toolkit events by dispatching CustomEvents
// on the element, as the platform does. Actions return undefined: their return values are undocumented.
import { LightningElement, api } from 'lwc';

export const toolkitMocks = {
    acceptCall: jest.fn(),
    declineCall: jest.fn(),
    endCall: jest.fn(),
    mute: jest.fn(),
    unmute: jest.fn(),
    hold: jest.fn(),
    resume: jest.fn(),
    pauseRecording: jest.fn(),
    resumeRecording: jest.fn(),
    merge: jest.fn(),
    swap: jest.fn(),
    addParticipant: jest.fn(),
    sendDigits: jest.fn(),
    startPreviewCall: jest.fn(),
    updateNextBestActions: jest.fn()
};

export function resetToolkitMocks() {
    Object.values(toolkitMocks).forEach((mock) => mock.mockReset());
}

export default class ServiceCloudVoiceToolkitApi extends LightningElement {
    @api acceptCall(...args) {
        return toolkitMocks.acceptCall(...args);
    }
    @api declineCall(...args) {
        return toolkitMocks.declineCall(...args);
    }
    @api endCall(...args) {
        return toolkitMocks.endCall(...args);
    }
    @api mute(...args) {
        return toolkitMocks.mute(...args);
    }
    @api unmute(...args) {
        return toolkitMocks.unmute(...args);
    }
    @api hold(...args) {
        return toolkitMocks.hold(...args);
    }
    @api resume(...args) {
        return toolkitMocks.resume(...args);
    }
    @api pauseRecording(...args) {
        return toolkitMocks.pauseRecording(...args);
    }
    @api resumeRecording(...args) {
        return toolkitMocks.resumeRecording(...args);
    }
    @api merge(...args) {
        return toolkitMocks.merge(...args);
    }
    @api swap(...args) {
        return toolkitMocks.swap(...args);
    }
    @api addParticipant(...args) {
        return toolkitMocks.addParticipant(...args);
    }
    @api sendDigits(...args) {
        return toolkitMocks.sendDigits(...args);
    }
    @api startPreviewCall(...args) {
        return toolkitMocks.startPreviewCall(...args);
    }
    @api updateNextBestActions(...args) {
        return toolkitMocks.updateNextBestActions(...args);
    }
}
