// Stands in for <lightning-service-cloud-voice-toolkit-api>, the Voice Toolkit element Salesforce gives components in
// the softphone (voice-platform.md §1.3-1.4). Events come from the workbench's softphone host through the softphone
// bus and are dispatched on this element as CustomEvents with the documented lower-case names and `detail`; each
// action goes to the bus, which turns it into what Salesforce would send the connector (§1.5).
// The build strips the types and leaves the decorators to the LWC compiler (src/build.ts).
import { LightningElement as UntypedLightningElement, api } from 'lwc';
import { softphoneBus, type ToolkitActionName } from '../../../softphone-bus.js';

// lwc's declarations do not resolve under this workspace's NodeNext resolution (extensionless relative imports), so
// LightningElement reads as untyped here; this names the part of it the element uses.
const LightningElement = UntypedLightningElement as unknown as new () => Pick<HTMLElement, 'dispatchEvent'>;

type HoldParticipant = 'Initial_Caller' | 'Third_Party';
type EndParticipant = HoldParticipant | 'Agent';
type ContactType = 'PhoneNumber' | 'AgentOrQueueId';

/** How often an element that connected before the page started its softphone looks for it again. */
const BUS_POLL_MS = 200;

function act(action: ToolkitActionName, args: unknown[]): Promise<void> {
    const bus = softphoneBus();
    if (!bus) {
        return Promise.reject(
            new Error(`Voice Toolkit ${action}: no softphone is running on this page (setSoftphoneBus was not called)`)
        );
    }
    return bus.toolkitAction(action, args);
}

export default class ServiceCloudVoiceToolkitApi extends LightningElement {
    private stopListening: (() => void) | null = null;
    private waiting: ReturnType<typeof setInterval> | null = null;

    connectedCallback(): void {
        if (!this.listen()) this.waiting = setInterval(() => this.listen(), BUS_POLL_MS);
    }

    disconnectedCallback(): void {
        this.stopWaiting();
        this.stopListening?.();
        this.stopListening = null;
    }

    /** Subscribes to the page's softphone; false while there is none yet. */
    private listen(): boolean {
        const bus = softphoneBus();
        if (!bus) return false;
        this.stopWaiting();
        this.stopListening = bus.onToolkitEvent((name, detail) => {
            this.dispatchEvent(new CustomEvent(name, { detail }));
        });
        return true;
    }

    private stopWaiting(): void {
        if (this.waiting !== null) clearInterval(this.waiting);
        this.waiting = null;
    }

    @api acceptCall(): Promise<void> {
        return act('acceptCall', []);
    }
    @api declineCall(): Promise<void> {
        return act('declineCall', []);
    }
    /** Without a participant type, the agent's call ends. */
    @api endCall(participantType?: EndParticipant): Promise<void> {
        return act('endCall', participantType === undefined ? [] : [participantType]);
    }
    @api mute(): Promise<void> {
        return act('mute', []);
    }
    @api unmute(): Promise<void> {
        return act('unmute', []);
    }
    @api hold(participantType: HoldParticipant): Promise<void> {
        return act('hold', [participantType]);
    }
    @api resume(participantType: HoldParticipant): Promise<void> {
        return act('resume', [participantType]);
    }
    @api merge(): Promise<void> {
        return act('merge', []);
    }
    @api swap(): Promise<void> {
        return act('swap', []);
    }
    @api pauseRecording(): Promise<void> {
        return act('pauseRecording', []);
    }
    @api resumeRecording(): Promise<void> {
        return act('resumeRecording', []);
    }
    @api addParticipant(contactType: ContactType, contactValue: string, isBlindTransfer: boolean): Promise<void> {
        return act('addParticipant', [contactType, contactValue, isBlindTransfer]);
    }
    /** 0-9 * # A-D, and `,` for a pause. */
    @api sendDigits(digits: string): Promise<void> {
        return act('sendDigits', [digits]);
    }
}
