// Where the standard-object catalog lives, for the rooms that read it by package name (the gate's schema check, the
// scanner): the curated objects in one JSON file, and every standard object of apex-dev-tools/sobject-types as one
// JSON line each (parsed only when a reference names it). The import scripts beside this file write both.
import { fileURLToPath } from 'node:url';

/** The curated catalog: `{ sources, objects }`, small enough for the scanner to read whole. */
export const CATALOG_FILE = fileURLToPath(new URL('./standard-objects.json', import.meta.url));

/** Every standard object of apex-dev-tools/sobject-types, one catalog entry per line (import-sobject-types.mjs). */
export const COMPLETE_CATALOG_FILE = fileURLToPath(new URL('./sobject-types.jsonl', import.meta.url));
