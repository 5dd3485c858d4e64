// The gateway's and the workbench's command lines (`@switchboard/gateway/command-line`) use the repository's one
// options-table module, scripts/lib/cli.mjs: `parseArgs` (node:util) reads each table's types and `--help` prints its
// text, so the two cannot drift apart. Its tests are scripts/test/cli.test.mjs.
export { UsageError, helpText, parseCommandLine, runCommandLine, usageFailure } from '../../scripts/lib/cli.mjs';
export type { Command, OptionRow } from '../../scripts/lib/cli.mjs';
