// The Lightning Message Service bridge between the Partner Telephony connector and the page: what Open CTI adapters
// did with iframe postMessage. ConversationVendorInfo's bridgeComponent names it; the softphone then creates it with
// no UI, sets `handleMessage` (the callback that reaches the connector's handleMessage) and calls `publishMessage`
// for every MESSAGE event the connector publishes.
// - Page → connector: every well-formed { source, type, payload, version } on ServiceCloudVoiceMessageChannel__c,
//   except the connector's own, which the channel echoes back.
// - Connector → page: published with source CONNECTOR (APPLICATION_SCOPE reaches every tab).
// - Messages sent before the softphone hands over the callback wait in a short queue instead of being lost.
import { LightningElement, api, wire } from 'lwc';
import { MessageContext } from 'lightning/messageService';
import type { MessageContextValue } from 'lightning/messageService';
import { VoiceChannel } from 'c/voiceChannel';
import { messageForConnector, messageFromConnector } from 'c/voiceMessageContract';
import type { RelayedMessage } from 'c/voiceMessageContract';

/** Page messages kept until the connector's callback arrives; the oldest go first beyond it. */
const MAX_PENDING = 25;

type ConnectorCallback = (message: RelayedMessage) => void;

export default class VoiceMessageBridge extends LightningElement {
    @wire(MessageContext) messageContext?: MessageContextValue;

    private readonly channel = new VoiceChannel(
        () => this.messageContext,
        (message) => this.relayToConnector(message)
    );
    private connectorCallback: ConnectorCallback | null = null;
    private readonly pending: RelayedMessage[] = [];

    /** Set by the softphone: delivers a message to the connector's handleMessage. */
    @api
    get handleMessage(): ConnectorCallback | null {
        return this.connectorCallback;
    }
    set handleMessage(callback: ConnectorCallback | null) {
        this.connectorCallback = typeof callback === 'function' ? callback : null;
        this.flush();
    }

    override connectedCallback(): void {
        this.channel.open();
    }

    override disconnectedCallback(): void {
        this.channel.close();
    }

    /**
     * Called by the softphone with the payload of a connector MESSAGE event. Returns whether it was published, so a
     * caller can tell a dropped (malformed) message from a delivered one.
     */
    @api
    publishMessage(message: unknown): boolean {
        const checked = messageFromConnector(message);
        if (!checked.ok) {
            console.warn(`[Switchboard bridge] dropped a connector message: ${checked.reason}`);
            return false;
        }
        this.channel.publish(checked.message);
        return true;
    }

    private relayToConnector(raw: unknown): void {
        const checked = messageForConnector(raw);
        if (!checked.ok) return; // own echoes and other components' malformed traffic are not the connector's
        this.pending.push(checked.message);
        if (this.pending.length > MAX_PENDING) this.pending.shift();
        this.flush();
    }

    private flush(): void {
        const deliver = this.connectorCallback;
        if (!deliver) return;
        while (this.pending.length) {
            const message = this.pending.shift() as RelayedMessage;
            try {
                deliver(message);
            } catch (error) {
                // One failing delivery must not stop the messages behind it.
                console.error(`[Switchboard bridge] the connector refused a message: ${(error as Error)?.message}`);
            }
        }
    }
}
