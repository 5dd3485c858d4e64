// The one way Switchboard's components use ServiceCloudVoiceMessageChannel__c: subscribe once with
// APPLICATION_SCOPE (so a record page hears the Voice Extension from any tab), unsubscribe on disconnect, publish
// through the same channel. A component owns one VoiceChannel, opens it in connectedCallback and closes it in
// disconnectedCallback; what the messages mean is c/voiceMessageContract's business.
import { APPLICATION_SCOPE, publish, subscribe, unsubscribe } from 'lightning/messageService';
import type { MessageContextValue, Subscription } from 'lightning/messageService';
import VOICE_CHANNEL from '@salesforce/messageChannel/ServiceCloudVoiceMessageChannel__c';

export class VoiceChannel {
    private subscription: Subscription | null = null;
    private readonly context: () => MessageContextValue | undefined;
    private readonly onMessage: (message: unknown) => void;

    /**
     * @param context the component's `@wire(MessageContext)` value, read when it is needed
     * @param onMessage every message on the channel, the component's own included (LMS echoes them back)
     */
    constructor(context: () => MessageContextValue | undefined, onMessage: (message: unknown) => void) {
        this.context = context;
        this.onMessage = onMessage;
    }

    /** Subscribes; a second call while open does nothing (connectedCallback runs again when an element moves). */
    open(): void {
        if (this.subscription) return;
        this.subscription = subscribe(this.context(), VOICE_CHANNEL, (message: unknown) => this.onMessage(message), {
            scope: APPLICATION_SCOPE
        });
    }

    /** Unsubscribes; the channel can be opened again. */
    close(): void {
        unsubscribe(this.subscription);
        this.subscription = null;
    }

    publish(message: unknown): void {
        publish(this.context(), VOICE_CHANNEL, message);
    }
}
