// The scenario panel (POST /api/scenarios/<name>). Each scenario stands in for someone outside Salesforce:
// - a telephony platform's customer or supervisor (inbound, hangup, say, supervisor): the gateway's development
//   simulator routes, so the events still reach the gateway as a carrier's signed POSTs;
// - Salesforce failing (fail-create, rate-limit, clear-faults): faults of the Telephony Integration API emulator;
// - an operator's kill -9 of the gateway (restart-gateway).
import * as v from 'valibot';
import { describeIssues } from '@switchboard/gateway/carrier-event';
import type { EmulatorFaultSpec } from '@switchboard/gateway/emulator';
import { ScenarioBodies, type ScenarioBody, type ScenarioName, type ScenarioResult } from './api.js';

/** A scenario that could not run: the HTTP status, a sentence, and for a bad body one line per field. */
export class ScenarioError extends Error {
    override readonly name = 'ScenarioError';
    constructor(
        readonly status: number,
        message: string,
        readonly errors?: string[]
    ) {
        super(message);
    }
}

export function isScenarioName(name: string): name is ScenarioName {
    return Object.hasOwn(ScenarioBodies, name);
}

/** Validates a scenario's body (an absent body is `{}`); a ScenarioError(400) names each bad field. */
export function parseScenario<N extends ScenarioName>(name: N, body: unknown): ScenarioBody<N> {
    const parsed = v.safeParse(ScenarioBodies[name], body ?? {});
    if (parsed.success) return parsed.output;
    const errors = describeIssues(parsed.issues);
    throw new ScenarioError(400, `The ${name} scenario's body is not valid: ${errors.join('; ')}`, errors);
}

export interface ScenarioPorts {
    /** The gateway's URL (its simulator routes). */
    gatewayUrl: string;
    faults: { inject(spec: EmulatorFaultSpec): unknown; clear(): void };
    /** kill -9 and start again; resolves with the milliseconds it took. */
    restartGateway(): Promise<number>;
    /** `inbound`'s caller when the body names none: a known caller of the sample data. */
    defaultCaller: string;
    /** `inbound`'s agent when the body names none. */
    defaultAgentId: string;
}

/** Runs a validated scenario. */
export async function runScenario(
    name: ScenarioName,
    body: ScenarioBody<ScenarioName>,
    ports: ScenarioPorts
): Promise<ScenarioResult> {
    switch (name) {
        case 'inbound': {
            const { from = ports.defaultCaller, agentId = ports.defaultAgentId } = body as ScenarioBody<'inbound'>;
            const answer = (await simulator(ports, '/simulator/calls', { from, agentId })) as { callId?: string };
            const callId = String(answer.callId);
            return { callId, message: `Inbound call ${callId} from ${from} rings for ${agentId}.` };
        }
        case 'hangup': {
            const { callId } = body as ScenarioBody<'hangup'>;
            await simulator(ports, `/simulator/calls/${encodeURIComponent(callId)}/hangup`, {});
            return { callId, message: `The customer hung up call ${callId}.` };
        }
        case 'say': {
            const { callId, speaker = 'customer', text } = body as ScenarioBody<'say'>;
            await simulator(ports, `/simulator/calls/${encodeURIComponent(callId)}/say`, { speaker, text });
            return { callId, message: `The ${speaker.replace('_', ' ')} said: “${text}”.` };
        }
        case 'supervisor': {
            const { callId, mode, supervisorName } = body as ScenarioBody<'supervisor'>;
            await simulator(ports, `/simulator/calls/${encodeURIComponent(callId)}/supervisor`, {
                mode,
                ...(supervisorName ? { supervisorName } : {})
            });
            const who = supervisorName ?? 'A supervisor';
            return {
                callId,
                message: `${who} ${mode === 'barge' ? 'barged in on' : 'is listening in on'} call ${callId}.`
            };
        }
        case 'fail-create': {
            const { count = 1 } = body as ScenarioBody<'fail-create'>;
            ports.faults.inject({ kind: '500', match: 'createVoiceCall', count });
            return {
                message: `Salesforce answers the next ${count === 1 ? 'Create VoiceCall request' : `${count} Create VoiceCall requests`} with 500.`
            };
        }
        case 'rate-limit': {
            const { seconds = 10 } = body as ScenarioBody<'rate-limit'>;
            ports.faults.inject({ kind: '429', forMs: seconds * 1000 });
            return { message: `Salesforce answers every Telephony Integration API request with 429 for ${seconds} s.` };
        }
        case 'clear-faults':
            ports.faults.clear();
            return { message: 'Salesforce answers normally again: every injected fault is cleared.' };
        case 'restart-gateway': {
            const ms = await ports.restartGateway();
            return {
                message: `The gateway was killed with SIGKILL and is up again after ${ms} ms, on the same port and store.`
            };
        }
    }
}

/** POSTs to the gateway's simulator; its refusal (an unknown call...) comes back with its status and message. */
async function simulator(ports: ScenarioPorts, path: string, body: unknown): Promise<unknown> {
    let response: Response;
    try {
        response = await fetch(`${ports.gatewayUrl}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(10_000)
        });
    } catch (error) {
        throw new ScenarioError(
            503,
            `The gateway is not answering (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}); wait until it is up again.`
        );
    }
    const text = await response.text();
    let answer: unknown;
    try {
        answer = text ? JSON.parse(text) : {};
    } catch {
        answer = { errors: [text] };
    }
    if (!response.ok) {
        const errors = (answer as { errors?: unknown }).errors;
        const lines = Array.isArray(errors) ? errors.map(String) : [text || response.statusText];
        throw new ScenarioError(response.status, `The gateway refused: ${lines.join('; ')}`, lines);
    }
    return answer;
}
