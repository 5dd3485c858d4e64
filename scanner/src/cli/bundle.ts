// The entry of the bundle dist/switchboard.js (build.js): what the bin runs, and what the built CLI's start-up test
// asks of it (test/build.test.ts: which parsers a run loaded).
export { main } from './main.js';
export { loadedLibraries } from '../lazy.js';
