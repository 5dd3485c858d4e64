// The browser's handshake with the connector (connector-sdk.md §12.1): the connector page is served from the
// workbench's own origin, so the workbench can dispatch SETUP_CONNECTOR into the iframe's window with a Salesforce
// origin (the library accepts only those) and hand over the real MessagePort. Everything after the handshake is the
// shared host's, the same one the connector's Node tests use.
import { SalesforceHost, type HostMessage } from '@switchboard/connector/host';

/** A Salesforce-shaped origin: the library ignores SETUP_CONNECTOR from any other (§7.1). */
const STAND_IN_ORIGIN = 'https://workbench.lightning.force.com';

export class IframeSalesforceHost extends SalesforceHost {
    /** Hands the connector in `frame` its port, as Salesforce does when the connector's iframe has loaded. */
    handshake(frame: HTMLIFrameElement, connectorConfig: Record<string, unknown>): void {
        const target = frame.contentWindow as (Window & { MessageEvent: typeof MessageEvent }) | null;
        if (!target) throw new Error('the connector frame has no window yet');
        const channel = new MessageChannel();
        this.attach(channel.port1);
        channel.port1.onmessage = (event: MessageEvent<HostMessage>) => this.receive(event.data);
        // The iframe's own constructor: an event made by this window's would not carry the port across realms.
        target.dispatchEvent(
            new target.MessageEvent('message', {
                data: { type: 'SETUP_CONNECTOR', connectorConfig },
                origin: STAND_IN_ORIGIN,
                ports: [channel.port2]
            })
        );
    }
}
