// A Switchboard_Call_Event__e message, as the Pub/Sub client hands it over (Avro decoded: custom field names, dates as
// epoch milliseconds, replay ID as a number), turned into the JSON a webhook receives.

/** The event types Switchboard publishes, in the order a call goes through them. */
const EVENT_TYPES = ['Created', 'Connected', 'Ended', 'WrappedUp'];

/**
 * @param {{ id?: string, replayId: number | bigint, payload: Record<string, unknown> }} event a parsed Pub/Sub event
 * @returns {CallEvent}
 */
export function toCallEvent(event) {
    const p = event.payload ?? {};
    return {
        eventType: text(p.Event_Type__c),
        voiceCallId: text(p.Voice_Call_Id__c),
        vendorCallKey: text(p.Vendor_Call_Key__c),
        relatedRecordId: text(p.Related_Record_Id__c),
        disposition: text(p.Disposition__c),
        callType: text(p.Call_Type__c),
        occurredAt: isoTime(p.Occurred_At__c),
        publishedAt: isoTime(p.CreatedDate),
        replayId: String(event.replayId),
        eventId: text(event.id)
    };
}

/**
 * One line for a person reading the console.
 * @param {CallEvent} e
 * @returns {string}
 */
export function describe(e) {
    const parts = [`${e.occurredAt ?? '?'} ${e.eventType ?? '(no type)'} call ${e.voiceCallId ?? '?'}`];
    if (e.vendorCallKey) parts.push(`key ${e.vendorCallKey}`);
    if (e.relatedRecordId) parts.push(`related ${e.relatedRecordId}`);
    if (e.disposition) parts.push(`disposition ${e.disposition}`);
    parts.push(`replay ${e.replayId}`);
    if (e.eventType && !EVENT_TYPES.includes(e.eventType)) parts.push('(unknown event type, forwarded as is)');
    return parts.join(', ');
}

function text(value) {
    return typeof value === 'string' && value !== '' ? value : null;
}

// Pub/Sub sends date-time fields as epoch milliseconds (a BigInt beyond 2^53, never for real dates).
function isoTime(value) {
    if (value === null || value === undefined) return null;
    const ms = typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : Date.parse(value);
    return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * @typedef {object} CallEvent What the webhook receives.
 * @property {string | null} eventType Created, Connected, Ended or WrappedUp
 * @property {string | null} voiceCallId the VoiceCall record id
 * @property {string | null} vendorCallKey the telephony system's call id (VoiceCall.VendorCallKey)
 * @property {string | null} relatedRecordId VoiceCall.RelatedRecordId, else its Case, Opportunity or Lead
 * @property {string | null} disposition the wrap-up disposition (API value), once the agent saved it
 * @property {string | null} callType VoiceCall.CallType (Inbound, Outbound, Transfer...)
 * @property {string | null} occurredAt when it happened (ISO 8601, UTC)
 * @property {string | null} publishedAt when Salesforce published the event (ISO 8601, UTC)
 * @property {string} replayId the event's position on the channel
 * @property {string | null} eventId the Pub/Sub event id
 */
