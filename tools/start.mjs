#!/usr/bin/env node
// `npm start`: the workbench (connector, gateway, Voice Extension and flows on one machine, no org) lands in a later
// change. Until then this says so plainly and succeeds, so the README's two commands stay true.
console.log(`Switchboard workbench
  The workbench that shows the connector, the gateway and the Voice Extension together in a browser arrives in a
  later change. The gateway already runs on its own: npm run gateway.
  What works today:
    npm test                                    the offline gate: types, lint, format, Apex, metadata XML, source, schema,
                                                analyzers, unit tests
    npm run validate                            the same checks without unit tests, before a deploy
    npm run build                               compile LWC TypeScript to the JavaScript that deploys
    npx switchboard scan <path>                 inventory an Open CTI adapter and map it to Salesforce Voice
    npm run gateway                             the telephony gateway on one machine: simulated carrier, Salesforce's
                                                Telephony Integration API emulated, demo agents ada and grace
    npm run bench:gateway                       the gateway's events/s and latency, durable outbox vs in memory
    npm run test:crash -w gateway               kill -9 the gateway under load, then count what Salesforce holds
    npm run test:connector                      the Partner Telephony connector's end-to-end tests on the real SDK
    npm run bench:extension                     the Voice Extension call model's per-event timings
    npm run bench:connector                     the connector's round trip against a do-nothing connector
    npm run bench:scanner                       the scanner on a generated tree of about a million lines
    node scripts/scratch-org/run.mjs --help     the scratch-org path (needs the sf CLI and a Dev Hub)`);
