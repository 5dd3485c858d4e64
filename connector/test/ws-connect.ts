// The agent channel's transport for Node tests: a `Connect` over the `ws` package, as src/main.ts's is over the
// browser's WebSocket. Text frames only (a binary frame is dropped, as the browser entry drops non-string data);
// onOpen, onMessage and onClose fire asynchronously, and onOpen and onClose at most once each, onClose also when the
// connection could not be opened.
import WebSocket from 'ws';
import type { Connect, ConnectionHandlers } from '../src/agent-channel-client.js';

export interface WsConnectOptions {
    /** Every socket opened, as soon as it exists: tests terminate it to cut the network under the connector. */
    onSocket?(socket: WebSocket): void;
}

export function createWsConnect(options: WsConnectOptions = {}): Connect {
    return (url: string, handlers: ConnectionHandlers) => {
        const socket = new WebSocket(url);
        let opened = false;
        let closed = false;
        // A failed handshake or a reset emits 'error' before 'close'; the close reports it, once.
        let failure: string | undefined;
        socket.on('open', () => {
            if (opened || closed) return;
            opened = true;
            handlers.onOpen();
        });
        socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
            if (closed || isBinary) return;
            const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
            handlers.onMessage(bytes.toString('utf8'));
        });
        socket.on('error', (error: Error) => {
            failure ??= error.message;
        });
        socket.on('close', (code: number, reason: Buffer) => {
            if (closed) return;
            closed = true;
            handlers.onClose(reason.toString('utf8') || failure || `code ${code}`);
        });
        options.onSocket?.(socket);
        return {
            // As in a browser, text sent on a socket that is closing or closed is dropped.
            send: (text) => {
                if (socket.readyState === WebSocket.OPEN) socket.send(text);
            },
            close: () => {
                if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close();
            }
        };
    };
}

/** The plain transport, for a connector that needs no hooks. */
export const wsConnect: Connect = createWsConnect();
