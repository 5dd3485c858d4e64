// The workbench's HTTP server (fastify, 127.0.0.1): the page and its assets, and the API of api.ts. Routes only:
// what they answer comes from the org stand-in (org/), the scenarios and the gateway supervisor.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { ApexError, ApiFailure, RecordsView, WorkbenchSession } from './api.js';
import type { EventStream } from './event-stream.js';
import { AuraHandledError, UnknownApexMethodError } from './org/apex/voice-extension-controller.js';
import { fieldList, type UiRecordAnswer } from './org/ui-api.js';
import { ScenarioError, isScenarioName, parseScenario, runScenario, type ScenarioPorts } from './scenarios.js';

export interface ServerDeps {
    org: {
        records(): RecordsView;
        clear(): RecordsView;
        apex(className: string, method: string, params: unknown): unknown;
        uiRecord(id: string, request: { fields: string[]; optionalFields: string[] }): UiRecordAnswer;
    };
    session(): WorkbenchSession;
    scenarios: ScenarioPorts;
    stream: EventStream;
    /** The built page (index.html, app.js, connector/). */
    distDir: string;
    /** The design system's assets folder, served under /slds/. */
    sldsAssetsDir: string;
    /** pino: the workbench's log. */
    logger?: FastifyBaseLogger;
}

const apexError = (message: string): ApexError => ({ body: { message } });

export function buildServer(deps: ServerDeps): FastifyInstance {
    const app = Fastify({
        ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
        logController: new LogController({ disableRequestLogging: true }),
        // Server-sent event streams and keep-alive sockets must not hold close() up.
        forceCloseConnections: true
    });

    app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
        const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
        if (status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
        const failure: ApiFailure = {
            message: status >= 500 ? `The workbench failed: ${error.message}` : error.message
        };
        return reply.code(status).send(failure);
    });

    // The page.
    void app.register(fastifyStatic, { root: deps.distDir, index: false, wildcard: true, cacheControl: false });
    void app.register(fastifyStatic, {
        root: deps.sldsAssetsDir,
        prefix: '/slds/',
        decorateReply: false,
        index: false
    });
    const page = (file: string) => async (_request: unknown, reply: FastifyReply) => {
        if (!existsSync(join(deps.distDir, file)))
            return reply
                .code(503)
                .type('text/plain; charset=utf-8')
                .send(`The page is not built (no ${file} in ${deps.distDir}): run npm start again without --no-build.`);
        return reply.header('cache-control', 'no-cache').sendFile(file);
    };
    app.get('/', page('index.html'));
    app.get('/connector/', page('connector/index.html'));
    app.get('/connector', (_request, reply) => reply.redirect('/connector/'));

    // The API (api.ts).
    app.get('/api/session', () => deps.session());

    app.post<{ Params: { name: string } }>('/api/scenarios/:name', async (request, reply) => {
        const { name } = request.params;
        try {
            if (!isScenarioName(name)) throw new ScenarioError(404, `There is no scenario ${name}.`);
            const body = parseScenario(name, request.body);
            return await runScenario(name, body, deps.scenarios);
        } catch (error) {
            if (!(error instanceof ScenarioError)) throw error;
            const failure: ApiFailure = { message: error.message, ...(error.errors ? { errors: error.errors } : {}) };
            return reply.code(error.status).send(failure);
        }
    });

    app.get('/api/records', () => deps.org.records());
    app.delete('/api/records', () => deps.org.clear());

    app.get('/api/stream', (request, reply) => {
        reply.hijack();
        deps.stream.attach(reply.raw);
        request.raw.on('close', () => reply.raw.end());
    });

    app.post<{ Params: { className: string; method: string } }>('/api/apex/:className/:method', (request, reply) => {
        try {
            return reply.send(deps.org.apex(request.params.className, request.params.method, request.body));
        } catch (error) {
            if (error instanceof AuraHandledError) return reply.code(400).send(apexError(error.message));
            if (error instanceof UnknownApexMethodError) return reply.code(404).send(apexError(error.message));
            throw error;
        }
    });

    app.get<{
        Params: { id: string };
        Querystring: { fields?: string | string[]; optionalFields?: string | string[] };
    }>('/api/ui-api/records/:id', (request, reply) => {
        const answer = deps.org.uiRecord(request.params.id, {
            fields: fieldList(request.query.fields),
            optionalFields: fieldList(request.query.optionalFields)
        });
        return answer.status === 200
            ? reply.send(answer.record)
            : reply.code(answer.status).send(apexError(answer.message));
    });

    app.setNotFoundHandler((request, reply) => {
        const failure: ApiFailure = { message: `Nothing here: ${request.method} ${request.url}` };
        return reply.code(404).send(failure);
    });

    app.addHook('preClose', (done) => {
        deps.stream.close();
        done();
    });
    return app;
}
