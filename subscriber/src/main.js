// The command: read the configuration, subscribe, print and forward each call event, keep the replay ID.
import PubSubApiClient from 'salesforce-pubsub-api-client';
import { describe, toCallEvent } from './call-event.js';
import { ConfigError, HELP, loadConfig } from './config.js';
import { readReplayId, writeReplayId } from './replay-file.js';
import { subscribe } from './subscription.js';
import { webhookSender } from './webhook.js';

const EXIT = { ok: 0, failed: 1, usage: 2 };

/**
 * @param {string[]} argv arguments after the script name
 * @param {Record<string, string | undefined>} env
 * @param {{ stdout: { write(s: string): unknown }, stderr: { write(s: string): unknown }, onStop?: (stop: () => void) => void }} io
 *   onStop receives the function that ends the subscription gracefully (the bin wires it to SIGINT and SIGTERM)
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, env, io) {
    let loaded;
    try {
        loaded = loadConfig(argv, env);
    } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        io.stderr.write(`switchboard-subscriber: the configuration is not usable:\n${error.message}\nSee --help.\n`);
        return EXIT.usage;
    }
    if (loaded.help) {
        io.stdout.write(HELP);
        return EXIT.ok;
    }
    const { config } = loaded;

    let replayId = null;
    if (config.replayFile) {
        try {
            replayId = readReplayId(config.replayFile);
        } catch (error) {
            io.stderr.write(`switchboard-subscriber: ${error.message}\n`);
            return EXIT.usage;
        }
    }
    const send = config.webhookUrl ? webhookSender({ url: config.webhookUrl, secret: config.webhookSecret }) : null;
    let client;
    try {
        client = new PubSubApiClient(config.client, quietLogger(io.stderr));
    } catch (error) {
        io.stderr.write(`switchboard-subscriber: ${error.message}: ${error.cause?.message ?? ''}\n`);
        return EXIT.usage;
    }

    io.stderr.write(
        `switchboard-subscriber: ${config.topic}, ${replayId !== null ? `resuming after replay ID ${replayId}` : `from ${config.from}`}` +
            `${send ? `, forwarding to ${new URL(config.webhookUrl).origin}` : ''}\n`
    );
    const subscription = subscribe({
        client,
        topic: config.topic,
        replayId,
        from: config.from,
        count: config.count,
        handle: async (event) => {
            const callEvent = toCallEvent(event);
            if (!config.quiet) io.stdout.write(`${describe(callEvent)}\n`);
            if (send) await send(callEvent);
            if (config.replayFile) writeReplayId(config.replayFile, event.replayId);
        }
    });
    io.onStop?.(subscription.stop);
    try {
        const handled = await subscription.done;
        io.stderr.write(`switchboard-subscriber: stopped after ${handled} event(s)\n`);
        return EXIT.ok;
    } catch (error) {
        io.stderr.write(`switchboard-subscriber: ${error.message}\n`);
        return EXIT.failed;
    }
}

// The client logs every batch at info level, and each error it also hands to the callback (reported by main): only
// its warnings are news.
function quietLogger(stderr) {
    const warn = (message) => stderr.write(`switchboard-subscriber: Pub/Sub client warning: ${message}\n`);
    return { debug() {}, info() {}, warn, error() {} };
}
