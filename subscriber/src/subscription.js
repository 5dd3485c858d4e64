// One subscription to the call events, handled strictly in order: the Pub/Sub client calls back synchronously for each
// event, and the next event is handled only when the previous one has been forwarded and its replay ID stored.

/**
 * Connects, subscribes and handles events until `count` events were handled, the stream fails or `stop()` is called.
 * @param {object} options
 * @param {{ connect(): Promise<void>, close(): void, subscribe: Function, subscribeFromReplayId: Function, subscribeFromEarliestEvent: Function }} options.client a PubSubApiClient
 * @param {string} options.topic the channel
 * @param {number | null} options.replayId resume after this event; null: start at `from`
 * @param {'latest' | 'earliest'} options.from where to start without a replay ID
 * @param {number | null} options.count events to handle; null: until stopped
 * @param {(event: { id?: string, replayId: number, payload: Record<string, unknown> }) => Promise<void>} options.handle
 * @returns {{ done: Promise<number>, stop(): void }} done resolves with the number of events handled
 */
export function subscribe({ client, topic, replayId, from, count, handle }) {
    let handled = 0;
    let chain = Promise.resolve();
    let settled = false;
    let resolveDone;
    let rejectDone;
    const done = new Promise((resolve, reject) => {
        resolveDone = resolve;
        rejectDone = reject;
    });
    const finish = (error) => {
        if (settled) return;
        settled = true;
        client.close();
        if (error) rejectDone(error);
        else resolveDone(handled);
    };
    // Settles once the events already received are handled.
    const finishAfterQueue = (error) => chain.then(() => finish(error));

    const callback = (_subscription, type, data) => {
        if (settled) return;
        switch (type) {
            case 'event':
                chain = chain
                    .then(() => (settled ? undefined : handle(data)))
                    .then(() => {
                        handled++;
                        if (count !== null && handled >= count) finish();
                    })
                    .catch((error) => finish(error));
                break;
            case 'error':
                // An event that cannot be decoded, or the gRPC stream failed: stop rather than skip anything.
                finishAfterQueue(new Error(describeError(data), { cause: data }));
                break;
            case 'end':
                // After the last requested event the stream ends normally; at any other time it is a failure.
                chain.then(() =>
                    finish(
                        count !== null && handled >= count
                            ? undefined
                            : new Error('the Pub/Sub API ended the subscription')
                    )
                );
                break;
            default:
            // lastEvent (followed by end), grpcStatus and grpcKeepAlive need nothing.
        }
    };

    // The client asks for at most 100 events per request and, given a number, never asks again: above 100 it is told
    // "until stopped" (it then asks 100 at a time) and this function stops at `count` itself.
    const requested = count !== null && count <= 100 ? count : null;
    client
        .connect()
        .then(() => {
            if (replayId !== null) client.subscribeFromReplayId(topic, callback, requested, replayId);
            else if (from === 'earliest') client.subscribeFromEarliestEvent(topic, callback, requested);
            else client.subscribe(topic, callback, requested);
        })
        .catch((error) =>
            finish(new Error(`${error.message}${error.cause ? `: ${error.cause.message}` : ''}`, { cause: error }))
        );

    return { done, stop: () => finishAfterQueue() };
}

function describeError(data) {
    if (data?.name === 'EventParseError' || data?.constructor?.name === 'EventParseError') {
        return `${data.message}: ${data.cause?.message ?? 'unknown cause'}`;
    }
    // A gRPC status error: code and details, e.g. 16 UNAUTHENTICATED.
    if (data && typeof data.code === 'number') return `Pub/Sub API error ${data.code}: ${data.details ?? data.message}`;
    return `Pub/Sub API error: ${data?.message ?? String(data)}`;
}
