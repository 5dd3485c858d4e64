// The wire between the connector and the real gateway in the tests: a `Connect` that hands every frame to the
// gateway's AgentChannelServer in this process, one macrotask later (as a socket would), and a tap for what no real
// gateway does on its own — holding requests back so telephony events arrive while one is in flight, refusing a
// request with an injected error, a network that is down or drops, raw frames, a peer speaking another version.
import {
    type ClientFrame,
    decodeClientFrame,
    encodeServerFrame,
    type ErrorBody,
    type HelloFrame,
    type RequestFrame,
    type ServerFrame,
    versionMismatchMessage
} from '@switchboard/contracts';
import type { AgentConnectionHandle, AgentSocket } from '../../gateway/src/agents/agent-channel-server.js';
import type { Connect, Connection, ConnectionHandlers } from '../src/agent-channel-client.js';

/** Probabilities per reply or event frame, and the seeded random source that draws them. */
export interface Chaos {
    random(): number;
    drop: number;
    socketDrop: number;
    repeat: number;
    delay: number;
}

/** A small seeded generator (mulberry32): the same seed, the same trouble. */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Answers a request on the wire instead of the gateway: a reply with an error, or a refusal as if unreadable. */
export type Refusal = (frame: RequestFrame) => { error: ErrorBody } | { refuse: ErrorBody } | undefined;

interface Link {
    handlers: ConnectionHandlers;
    open: boolean;
    welcomed: boolean;
    handle?: AgentConnectionHandle;
}

export class TestWire {
    /** Every request the connector sent, in order, whether the gateway or the wire answered it. */
    readonly requests: RequestFrame[] = [];
    /** Every hello the connector sent, in order (credentials, resumeFromSeq). */
    readonly hellos: HelloFrame[] = [];
    /** While true, connection attempts fail as if the network were down. */
    unreachable = false;
    /** While true, requests wait on the wire until `release()`: in flight for the connector, unseen by the gateway. */
    holdRequests = false;
    /** Injected refusals, consulted for every request before it reaches the gateway. */
    refuse: Refusal | undefined;
    /** Set to play a gateway of other protocol versions: the wire answers the hello with VERSION_MISMATCH. */
    speaks: number[] | undefined;
    /**
     * While true, the gateway's replies wait on the wire until `releaseReplies()`: the gateway has acted on the
     * request, the telephony side's later events still arrive, the reply comes late (a slow network path).
     */
    holdReplies = false;
    /**
     * Seed-driven trouble on the way back (the property test's): each reply may be delayed behind later frames, a
     * reply or event repeated, or dropped, and the socket may drop. Off while undefined.
     */
    chaos: Chaos | undefined;
    /** What chaos did so far, for the property test's report. */
    readonly chaosDone = { delayed: 0, repeated: 0, dropped: 0, socketDrops: 0 };
    readonly #links = new Set<Link>();
    #held: (() => void)[] = [];
    #heldReplies: (() => void)[] = [];
    #garble = false;

    constructor(readonly openAgentChannel: (socket: AgentSocket) => AgentConnectionHandle) {}

    readonly connect: Connect = (_url, handlers) => {
        const link: Link = { handlers, open: false, welcomed: false };
        const connection: Connection = {
            send: (text) => setImmediate(() => this.#outbound(link, text)),
            close: () => {
                if (!link.open) return;
                this.#cut(link);
                setImmediate(() => handlers.onClose('closed by client'));
            }
        };
        setImmediate(() => {
            if (this.unreachable) return handlers.onClose('connection refused');
            link.open = true;
            this.#links.add(link);
            link.handle = this.openAgentChannel({
                send: (text) => this.#inbound(link, text),
                // After the frames already on their way (a rejection is followed by the close).
                close: (_code, reason) =>
                    setImmediate(() => {
                        if (!link.open) return;
                        this.#cut(link);
                        handlers.onClose(reason);
                    })
            });
            handlers.onOpen();
        });
        return connection;
    };

    /** Signed-in connections. */
    get connected(): number {
        return [...this.#links].filter((l) => l.open && l.welcomed).length;
    }

    /** Sends the held requests on to the gateway, in order (those of a connection gone meanwhile are lost). */
    release(): void {
        const held = this.#held;
        this.#held = [];
        for (const send of held) send();
    }

    /** Delivers the held replies, in order (those of a connection gone meanwhile are lost). */
    releaseReplies(): void {
        const held = this.#heldReplies;
        this.#heldReplies = [];
        for (const deliver of held) deliver();
    }

    /** Ends every connection abruptly (network loss); the gateway sees the sockets close, its sessions live on. */
    drop(): void {
        for (const link of [...this.#links]) {
            this.#cut(link);
            setImmediate(() => link.handlers.onClose('network lost'));
        }
    }

    /**
     * The next event frame from the gateway arrives unreadable (its seq intact, its event garbled): what a gateway
     * bug would send, without one.
     */
    garbleNextEvent(): void {
        this.#garble = true;
    }

    /** A frame as is, to every signed-in connection (a newer gateway's frame, a malformed one...). */
    sendRaw(text: string): void {
        for (const link of this.#links) if (link.open && link.welcomed) this.#inbound(link, text);
    }

    #cut(link: Link): void {
        link.open = false;
        this.#links.delete(link);
        link.handle?.closed();
    }

    #inbound(link: Link, text: string): void {
        if (this.#garble && kindOf(text) === 'event') {
            this.#garble = false;
            const frame = JSON.parse(text) as Record<string, unknown>;
            text = JSON.stringify({ ...frame, event: { type: 'callRinging', call: {} } });
        }
        const deliver = (): void => {
            if (!link.open) return;
            if (!link.welcomed && kindOf(text) === 'welcome') link.welcomed = true;
            link.handlers.onMessage(text);
        };
        const kind = kindOf(text);
        if (this.holdReplies && kind === 'reply') this.#heldReplies.push(deliver);
        else if (this.chaos && link.welcomed && (kind === 'reply' || kind === 'event'))
            this.#unreliably(deliver, kind === 'reply');
        else setImmediate(deliver);
    }

    /** `canOvertake`: replies may fall behind later frames; events keep their order, as on one socket. */
    #unreliably(deliver: () => void, canOvertake: boolean): void {
        const c = this.chaos!;
        const r = c.random();
        if (r < c.drop) {
            // Lost: over TCP a frame is lost only with its connection, so the socket drops too.
            this.chaosDone.dropped++;
            this.drop();
            return;
        }
        if (r < c.drop + c.socketDrop) {
            this.chaosDone.socketDrops++;
            this.drop();
            return;
        }
        if (r < c.drop + c.socketDrop + c.repeat) {
            this.chaosDone.repeated++;
            setImmediate(deliver);
            setImmediate(deliver);
            return;
        }
        if (canOvertake && r < c.drop + c.socketDrop + c.repeat + c.delay) {
            // Behind the frames of the next few turns: a reorder.
            this.chaosDone.delayed++;
            let turns = 1 + Math.floor(c.random() * 4);
            const later = (): void => {
                if (--turns > 0) setImmediate(later);
                else deliver();
            };
            setImmediate(later);
            return;
        }
        setImmediate(deliver);
    }

    #reply(link: Link, frame: ServerFrame): void {
        this.#inbound(link, encodeServerFrame(frame));
    }

    #outbound(link: Link, text: string): void {
        if (!link.open) return;
        let frame: ClientFrame | undefined;
        try {
            const decoded = decodeClientFrame(text);
            frame = decoded.kind === 'unknown' ? undefined : decoded;
        } catch {
            frame = undefined; // the gateway says what it could not read
        }
        if (frame?.kind === 'hello') {
            this.hellos.push(frame);
            if (this.speaks && !this.speaks.includes(frame.version)) {
                this.#reply(link, {
                    kind: 'rejected',
                    error: { code: 'VERSION_MISMATCH', message: versionMismatchMessage(frame.version, this.speaks) },
                    supportedVersions: this.speaks
                });
                return;
            }
        }
        if (frame?.kind === 'request') {
            this.requests.push(frame);
            const injected = this.refuse?.(frame);
            if (injected) {
                const answer = (): void =>
                    'refuse' in injected
                        ? this.#reply(link, { kind: 'refused', id: frame.id, error: injected.refuse })
                        : this.#reply(link, { kind: 'reply', ok: false, id: frame.id, error: injected.error });
                if (this.holdRequests) this.#held.push(answer);
                else answer();
                return;
            }
            if (this.holdRequests) {
                this.#held.push(() => {
                    if (link.open) link.handle!.message(text);
                });
                return;
            }
        }
        link.handle!.message(text);
    }
}

function kindOf(text: string): unknown {
    try {
        return (JSON.parse(text) as { kind?: unknown }).kind;
    } catch {
        return undefined;
    }
}
