// The PostgreSQL server the tests use: SWITCHBOARD_TEST_DATABASE_URL when set (npm run test:pg starts one for all
// files), else a throwaway server of this test process (scripts/pg/throwaway.mjs), started on first use and removed
// when the process exits. Without PostgreSQL's programs the tests fail, saying what to install: never skipped.
import pg from 'pg';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../scripts/pg/throwaway.mjs';
import { openPgStore, type PgStore, type PgStoreOptions } from '../src/store/pg-store.js';

let server: Promise<{ url: string; throwaway?: ThrowawayPostgres }> | undefined;

/** The server's URL, starting the throwaway server at the first call. */
export function testDatabaseUrl(): Promise<string> {
    server ??= (async () => {
        const given = process.env.SWITCHBOARD_TEST_DATABASE_URL;
        if (given) return { url: given };
        // Stopped when this process exits (the script's exit hook): a hook registered here would belong to
        // whichever test happened to start it.
        const throwaway = await startThrowawayPostgres();
        return { url: throwaway.url, throwaway };
    })();
    return server.then((s) => s.url);
}

/** The throwaway server itself (for tests that restart it); undefined when the URL was given. */
export async function testServer(): Promise<ThrowawayPostgres | undefined> {
    await testDatabaseUrl();
    return (await server)?.throwaway;
}

let schemas = 0;

/** A unique schema name: each store in its own, so tests share the server without seeing each other. */
export function freshSchema(prefix = 't'): string {
    return `${prefix}_${process.pid}_${Date.now().toString(36)}_${++schemas}`;
}

export async function openTestPgStore(options: PgStoreOptions = {}): Promise<PgStore> {
    return openPgStore(await testDatabaseUrl(), { schema: freshSchema(), poolSize: 4, ...options });
}

/** Drops the schemas this process made, so a long-lived server given by URL does not fill up. */
export async function dropTestSchemas(): Promise<void> {
    const client = new pg.Client(await testDatabaseUrl());
    await client.connect();
    try {
        const { rows } = await client.query<{ nspname: string }>(
            `SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`,
            [`%\\_${process.pid}\\_%`]
        );
        for (const { nspname } of rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
    } finally {
        await client.end();
    }
}
