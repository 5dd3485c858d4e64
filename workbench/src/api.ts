// The workbench page's HTTP API: what the page (browser) asks of the workbench process. One declaration for the
// server's validation and the page's types. Everything here stands in for something Salesforce or a telephony
// platform would do; the names say which.
import * as v from 'valibot';

const phone = v.pipe(v.string(), v.regex(/^\+?[0-9]{3,20}$/, 'a phone number such as +14155550100'));
const callId = v.pipe(v.string(), v.minLength(1), v.maxLength(255));

/** POST /api/scenarios/<name>: the scenario panel. Each body is validated; a 400 names the field. */
export const ScenarioBodies = {
    /** A customer calls in. `from` defaults to a known caller (Ada Lovelace's contact); `agentId` defaults to agent-ada. */
    inbound: v.strictObject({ from: v.optional(phone), agentId: v.optional(v.string()) }),
    /** The customer hangs up. */
    hangup: v.strictObject({ callId }),
    /** A transcript line from the carrier's speech-to-text. */
    say: v.strictObject({
        callId,
        speaker: v.optional(v.picklist(['customer', 'agent', 'virtual_agent'])),
        text: v.pipe(v.string(), v.minLength(1), v.maxLength(10_000))
    }),
    /** A supervisor listens in or barges in (the carrier's supervisor.joined event). */
    supervisor: v.strictObject({
        callId,
        mode: v.picklist(['listen', 'barge']),
        supervisorName: v.optional(v.pipe(v.string(), v.maxLength(255)))
    }),
    /** The next Create VoiceCall request fails (Salesforce answers 500 `count` times). */
    'fail-create': v.strictObject({
        count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)))
    }),
    /** Salesforce answers every Telephony Integration API request with 429 for `seconds`. */
    'rate-limit': v.strictObject({
        seconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120)))
    }),
    /** Clears every injected Salesforce fault. */
    'clear-faults': v.strictObject({}),
    /** kill -9 the gateway process, then start it again on the same store. */
    'restart-gateway': v.strictObject({})
} as const;

export type ScenarioName = keyof typeof ScenarioBodies;
export type ScenarioBody<N extends ScenarioName> = v.InferOutput<(typeof ScenarioBodies)[N]>;

/** Answer of a scenario: what it started (a call id for `inbound`) and a sentence for the page's log. */
export interface ScenarioResult {
    callId?: string;
    message: string;
}

/** GET /api/session: what the page needs to play Salesforce for the connector. */
export interface WorkbenchSession {
    /** The contact center's settings as Salesforce passes them to the connector's init() (SETUP_CONNECTOR). */
    connectorConfig: Record<string, unknown>;
    /** The connector page, same origin as the workbench. */
    connectorUrl: string;
    /** Demo agents of the gateway (development only), to sign in with. */
    agents: { username: string; password: string; displayName: string; agentId: string }[];
    /** Known callers from the sample data (data/*.json), for the scenario panel. */
    knownCallers: { name: string; phoneNumber: string; objectApiName: string }[];
    /** A number no sample record has. */
    unknownNumber: string;
}

/** Gateway process states shown on the page. */
export type GatewayState = 'starting' | 'up' | 'down' | 'restarting' | 'failed';

/** One VoiceCall record as the Telephony Integration API set it (from the emulator), with its transcript. */
export interface VoiceCallRecord {
    id: string;
    vendorCallKey: string;
    createdAt: number;
    /** The Create body's fields and the later Updates' fields, as Salesforce would hold them. */
    fields: Record<string, unknown>;
    parentId?: string;
    isActive: boolean;
    /** Fields the agent's wrap-up saved through the Voice Extension (Disposition__c, Description). */
    wrapUp?: { disposition: string | null; notes: string | null };
    transcript: { messageId: string; speaker: string; text: string; at: number | null }[];
}

/** GET /api/records. `version` changes whenever anything in it does. */
export interface RecordsView {
    version: number;
    voiceCalls: VoiceCallRecord[];
}

/**
 * GET /api/stream: server-sent events, one JSON object per `data:` line.
 * - gateway: the gateway process changed state (the page shows it; connector reconnects on its own).
 * - records: the records changed; fetch /api/records.
 * - transcript: Salesforce stored a transcript message (the page's Toolkit turns it into a `transcript` event).
 */
export type StreamEvent =
    | { type: 'gateway'; state: GatewayState; detail?: string }
    | { type: 'records'; version: number }
    | { type: 'transcript'; vendorCallKey: string; messageId: string; speaker: string; text: string; at: number };

/** POST /api/apex/<Class>/<method> with the method's parameters as the JSON body: the Apex stand-ins. */
export interface ApexError {
    /** Shaped like Aura's error body, so the components' errorMessage() reads it. */
    body: { message: string };
}

/**
 * Any other /api/* answer that is not a success (a scenario's 400, 404, 422 or 503): one sentence, and for a body that
 * is not valid one line per field (`$.from: a phone number such as +14155550100`). A scenario the gateway's simulator
 * refused (e.g. an unknown call id) keeps the simulator's status and message.
 */
export interface ApiFailure {
    message: string;
    errors?: string[];
}
