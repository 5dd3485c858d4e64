// Stands in for the org's database: the VoiceCall records and transcripts the Telephony Integration API emulator
// makes, and the wrap-up fields the Voice Extension saves on them, kept in an embedded SQLite file
// (<repo>/.switchboard/workbench/records.sqlite) so a restart of the workbench keeps them. The emulator tells every
// change through its `onChange` hook; `load()` gives them back as its `initial` records.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
    EmulatedTranscriptMessage,
    EmulatedVoiceCall,
    EmulatorRecordChange,
    EmulatorRecords
} from '@switchboard/gateway/emulator';

/** What the agent's wrap-up set on a VoiceCall (Disposition__c, Description). */
export interface StoredWrapUp {
    disposition: string | null;
    notes: string | null;
    savedAt: number;
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS voice_call (
    id TEXT PRIMARY KEY,
    vendor_call_key TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS transcript_message (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_key TEXT NOT NULL,
    message_id TEXT NOT NULL,
    message TEXT NOT NULL,
    UNIQUE (conversation_key, message_id)
);
CREATE TABLE IF NOT EXISTS wrap_up (
    voice_call_id TEXT PRIMARY KEY,
    disposition TEXT,
    notes TEXT,
    saved_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT OR IGNORE INTO meta (key, value) VALUES ('version', 0);
`;

export class RecordsStore {
    readonly #db: Database.Database;
    readonly #statements;
    #version: number;

    private constructor(db: Database.Database) {
        this.#db = db;
        this.#statements = {
            upsertCall: db.prepare(
                `INSERT INTO voice_call (id, vendor_call_key, created_at, record) VALUES (@id, @key, @createdAt, @record)
                 ON CONFLICT (id) DO UPDATE SET record = excluded.record`
            ),
            insertMessage: db.prepare(
                `INSERT OR IGNORE INTO transcript_message (conversation_key, message_id, message) VALUES (?, ?, ?)`
            ),
            upsertWrapUp: db.prepare(
                `INSERT INTO wrap_up (voice_call_id, disposition, notes, saved_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT (voice_call_id) DO UPDATE SET
                    disposition = excluded.disposition, notes = excluded.notes, saved_at = excluded.saved_at`
            ),
            bump: db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'version' RETURNING value`),
            version: db.prepare(`SELECT value FROM meta WHERE key = 'version'`),
            calls: db.prepare(`SELECT record FROM voice_call ORDER BY created_at, id`),
            messages: db.prepare(`SELECT conversation_key, message FROM transcript_message ORDER BY seq`),
            wrapUps: db.prepare(`SELECT voice_call_id, disposition, notes, saved_at FROM wrap_up`)
        };
        this.#version = (this.#statements.version.get() as { value: number }).value;
    }

    /** Opens (or creates) the file; WAL, so a reader never waits for the writer. */
    static open(path: string): RecordsStore {
        if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
        const db = new Database(path);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        const found = db.pragma('user_version', { simple: true }) as number;
        if (found > SCHEMA_VERSION)
            throw new Error(
                `${path} was written by a newer workbench (schema ${found}, this one knows ${SCHEMA_VERSION}): delete it to start afresh.`
            );
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
        return new RecordsStore(db);
    }

    /** Changes whenever anything the store holds does; never goes back, not even when cleared. */
    get version(): number {
        return this.#version;
    }

    /** The records as the emulator's `initial` option takes them. */
    load(): EmulatorRecords {
        const voiceCalls = (this.#statements.calls.all() as { record: string }[]).map(
            (row) => JSON.parse(row.record) as EmulatedVoiceCall
        );
        const transcripts = new Map<string, EmulatedTranscriptMessage[]>();
        for (const row of this.#statements.messages.all() as { conversation_key: string; message: string }[]) {
            const messages = transcripts.get(row.conversation_key) ?? [];
            messages.push(JSON.parse(row.message) as EmulatedTranscriptMessage);
            transcripts.set(row.conversation_key, messages);
        }
        return {
            voiceCalls,
            transcripts: [...transcripts].map(([conversationKey, messages]) => ({ conversationKey, messages }))
        };
    }

    /** Keeps one change the emulator made (its `onChange`); returns the new version. */
    apply(change: EmulatorRecordChange): number {
        return this.#write(() => {
            switch (change.type) {
                case 'voiceCall':
                    this.#statements.upsertCall.run({
                        id: change.call.id,
                        key: change.call.vendorCallKey,
                        createdAt: change.call.createdAt,
                        record: JSON.stringify(change.call)
                    });
                    return;
                case 'transcriptMessage':
                    this.#statements.insertMessage.run(
                        change.conversationKey,
                        change.message.messageId,
                        JSON.stringify(change.message)
                    );
                    return;
                case 'reset':
                    this.#deleteAll();
                    return;
            }
        });
    }

    wrapUps(): Map<string, StoredWrapUp> {
        const rows = this.#statements.wrapUps.all() as {
            voice_call_id: string;
            disposition: string | null;
            notes: string | null;
            saved_at: number;
        }[];
        return new Map(
            rows.map((row) => [
                row.voice_call_id,
                { disposition: row.disposition, notes: row.notes, savedAt: row.saved_at }
            ])
        );
    }

    /** Sets a VoiceCall's Disposition__c and Description; returns the new version. */
    saveWrapUp(voiceCallId: string, disposition: string | null, notes: string | null, savedAt = Date.now()): number {
        return this.#write(() => {
            this.#statements.upsertWrapUp.run(voiceCallId, disposition, notes, savedAt);
        });
    }

    /** Empties every table; returns the new version. */
    clear(): number {
        return this.#write(() => this.#deleteAll());
    }

    close(): void {
        this.#db.close();
    }

    #deleteAll(): void {
        this.#db.exec('DELETE FROM voice_call; DELETE FROM transcript_message; DELETE FROM wrap_up;');
    }

    /** One transaction: the change and the version move together. */
    #write(change: () => void): number {
        this.#version = this.#db.transaction(() => {
            change();
            return (this.#statements.bump.get() as { value: number }).value;
        })();
        return this.#version;
    }
}
