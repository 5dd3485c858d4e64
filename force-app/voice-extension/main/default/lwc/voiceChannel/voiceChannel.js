// Generated from voiceChannel.ts by `npm run build`. Do not edit: change the .ts and rebuild.
// The one way Switchboard's components use ServiceCloudVoiceMessageChannel__c: subscribe once with
// APPLICATION_SCOPE (so a record page hears the Voice Extension from any tab), unsubscribe on disconnect, publish
// through the same channel. A component owns one VoiceChannel, opens it in connectedCallback and closes it in
// disconnectedCallback; what the messages mean is c/voiceMessageContract's business.
import { APPLICATION_SCOPE, publish, subscribe, unsubscribe } from 'lightning/messageService';
import VOICE_CHANNEL from '@salesforce/messageChannel/ServiceCloudVoiceMessageChannel__c';
export class VoiceChannel {
    subscription = null;
    context;
    onMessage;
    /**
     * @param context the component's `@wire(MessageContext)` value, read when it is needed
     * @param onMessage every message on the channel, the component's own included (LMS echoes them back)
     */
    constructor(context, onMessage) {
        this.context = context;
        this.onMessage = onMessage;
    }
    /** Subscribes; a second call while open does nothing (connectedCallback runs again when an element moves). */
    open() {
        if (this.subscription) return;
        this.subscription = subscribe(this.context(), VOICE_CHANNEL, (message) => this.onMessage(message), {
            scope: APPLICATION_SCOPE
        });
    }
    /** Unsubscribes; the channel can be opened again. */
    close() {
        unsubscribe(this.subscription);
        this.subscription = null;
    }
    publish(message) {
        publish(this.context(), VOICE_CHANNEL, message);
    }
}
