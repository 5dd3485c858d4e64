// Runs every *.test.ts in one process: the TypeScript compiler and the fixtures load once, which keeps the
// workspace's share of the gate to a few seconds. Each file also runs on its own with `node --import tsx --test`.
import { readdirSync } from 'node:fs';

const dir = new URL('./', import.meta.url);
for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()) {
    await import(new URL(file, dir).href);
}
