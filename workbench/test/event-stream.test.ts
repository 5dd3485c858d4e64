// The page's event stream: the current state first, then each event as one `data:` line of JSON, and a keep-alive
// comment on a timer (15 s in the workbench; shortened here).
import assert from 'node:assert/strict';
import { createServer, get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import { EventStream, KEEP_ALIVE, sseMessage } from '../src/event-stream.js';

it('sends the current state, then events, and keeps the connection alive', async () => {
    const stream = new EventStream({ keepAliveMs: 30, current: () => [{ type: 'gateway', state: 'up' }] });
    const server = createServer((_request, response) => stream.attach(response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const response = await new Promise<IncomingMessage>((resolve) => get(`http://127.0.0.1:${port}/`, resolve));
    assert.match(String(response.headers['content-type']), /^text\/event-stream/);
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    await new Promise((resolve) => setTimeout(resolve, 20));
    stream.publish({ type: 'records', version: 7 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.ok(text.includes(sseMessage({ type: 'gateway', state: 'up' })));
    assert.ok(text.includes('data: {"type":"records","version":7}\n\n'));
    assert.ok(text.includes(KEEP_ALIVE));
    assert.equal(stream.clients, 1);
    stream.close();
    await new Promise((resolve) => response.once('end', resolve));
    assert.equal(stream.clients, 0);
    await new Promise((resolve) => server.close(resolve));
});
