// GET /api/stream: server-sent events to the page, one StreamEvent (api.ts) as JSON per `data:` line, and a comment
// line every 15 s so that proxies and the browser keep the connection open.
import type { ServerResponse } from 'node:http';
import type { StreamEvent } from './api.js';

/** One event in the text/event-stream format. */
export function sseMessage(event: StreamEvent): string {
    return `data: ${JSON.stringify(event)}\n\n`;
}

export const KEEP_ALIVE = ': keep-alive\n\n';

export interface EventStreamOptions {
    /** Default 15 s. */
    keepAliveMs?: number;
    /** What a new subscriber is told first (the gateway's state, the records' version). */
    current: () => StreamEvent[];
}

export class EventStream {
    readonly #clients = new Set<ServerResponse>();
    readonly #current: () => StreamEvent[];
    readonly #timer: NodeJS.Timeout;

    constructor(options: EventStreamOptions) {
        this.#current = options.current;
        this.#timer = setInterval(() => this.#write(KEEP_ALIVE), options.keepAliveMs ?? 15_000);
        this.#timer.unref();
    }

    get clients(): number {
        return this.#clients.size;
    }

    /** Takes over a response: headers, the current state, then every event until the client goes away. */
    attach(response: ServerResponse): void {
        response.writeHead(200, {
            'content-type': 'text/event-stream; charset=utf-8',
            'cache-control': 'no-cache, no-transform',
            connection: 'keep-alive',
            'x-accel-buffering': 'no'
        });
        response.write('retry: 1000\n\n');
        for (const event of this.#current()) response.write(sseMessage(event));
        this.#clients.add(response);
        response.on('close', () => this.#clients.delete(response));
    }

    publish(event: StreamEvent): void {
        this.#write(sseMessage(event));
    }

    /** Ends every stream (shutdown). */
    close(): void {
        clearInterval(this.#timer);
        for (const client of this.#clients) client.end();
        this.#clients.clear();
    }

    #write(text: string): void {
        for (const client of this.#clients) client.write(text);
    }
}
