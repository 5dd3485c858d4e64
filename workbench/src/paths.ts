// Where the workbench finds the project's files and keeps its own.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (the workbench workspace's parent). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WORKBENCH_ROOT = join(REPO_ROOT, 'workbench');
/** What the page build writes (index.html, app.js, connector/). */
export const DIST_DIR = join(WORKBENCH_ROOT, 'dist');
/** The sample records `sf data import tree` loads into a scratch org. */
export const SAMPLE_DATA_DIR = join(REPO_ROOT, 'data');
/**
 * The call-automation package's metadata (force-app/call-automation): the workbench reads picklists and settings from
 * it as an org would hold them.
 */
export const FORCE_APP_DIR = join(REPO_ROOT, 'force-app', 'call-automation', 'main', 'default');
/** The workbench's working folder (git-ignored): records, the gateway's store and keys, logs. */
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.switchboard', 'workbench');
