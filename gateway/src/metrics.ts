// Prometheus metrics (prom-client), one registry per gateway so several gateways in one test process stay apart.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TelephonyApiAttempt } from './salesforce/telephony-api-client.js';

export class GatewayMetrics {
    readonly registry = new Registry();
    readonly carrierEvents = new Counter({
        name: 'switchboard_carrier_events_total',
        help: 'Carrier events received, by outcome (accepted, duplicate, ignored, rejected)',
        labelNames: ['outcome'] as const,
        registers: [this.registry]
    });
    readonly carrierRequestsRefused = new Counter({
        name: 'switchboard_carrier_requests_refused_total',
        help: 'Carrier requests refused before their events were read, by reason (signature, replay, body, schema)',
        labelNames: ['reason'] as const,
        registers: [this.registry]
    });
    readonly outboxDepth = new Gauge({
        name: 'switchboard_outbox_depth',
        help: 'Salesforce jobs not yet done nor given up',
        registers: [this.registry]
    });
    readonly apiLatency = new Histogram({
        name: 'switchboard_salesforce_api_seconds',
        help: 'Telephony Integration API request latency, by job kind and HTTP status',
        labelNames: ['kind', 'status'] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [this.registry]
    });
    readonly apiRetries = new Counter({
        name: 'switchboard_salesforce_api_retries_total',
        help: 'Telephony Integration API attempts that were retried, by job kind',
        labelNames: ['kind'] as const,
        registers: [this.registry]
    });
    readonly apiThrottled = new Counter({
        name: 'switchboard_salesforce_api_throttled_total',
        help: 'HTTP 429 answers from the Telephony Integration API',
        registers: [this.registry]
    });
    readonly jobsFailed = new Counter({
        name: 'switchboard_salesforce_jobs_failed_total',
        help: 'Salesforce jobs that failed visibly: after a full retry round (final=false) or given up (final=true)',
        labelNames: ['kind', 'final'] as const,
        registers: [this.registry]
    });
    readonly connectedAgents = new Gauge({
        name: 'switchboard_connected_agents',
        help: 'Agents with at least one connected connector',
        registers: [this.registry]
    });

    /** The Telephony Integration API client's `onAttempt`: latency, retries and 429s per attempt. */
    readonly recordAttempt = (attempt: TelephonyApiAttempt): void => {
        this.apiLatency.observe({ kind: attempt.kind, status: String(attempt.status ?? 0) }, attempt.durationMs / 1000);
        if (attempt.retry) this.apiRetries.inc({ kind: attempt.kind });
        if (attempt.throttled) this.apiThrottled.inc();
    };
}
