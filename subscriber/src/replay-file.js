// The last handled replay ID, kept in a small file so a restarted subscriber resumes after it instead of losing or
// repeating events. Salesforce keeps platform events for 72 hours (Pub/Sub API guide, "Event Message Durability"): a
// subscriber stopped for longer has lost the events in between.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * @param {string} file
 * @returns {number | null} the stored replay ID, or null when the file does not exist yet
 * @throws {Error} when the file exists but does not hold a replay ID
 */
export function readReplayId(file) {
    let text;
    try {
        text = readFileSync(file, 'utf8').trim();
    } catch (error) {
        if (error.code === 'ENOENT') return null;
        throw error;
    }
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
        throw new Error(`${file} does not hold a replay ID ("${text.slice(0, 40)}"); delete it to start from --from`);
    }
    return Number(text);
}

/**
 * Writes through a temporary file and a rename, so a crash never leaves half a number behind.
 * @param {string} file
 * @param {number} replayId
 */
export function writeReplayId(file, replayId) {
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${replayId}\n`);
    renameSync(temporary, file);
}
