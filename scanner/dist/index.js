// Generated from scanner/src/index.ts by `npm run build -w @switchboard/scanner`: do not edit.
// Library entry point of @switchboard/scanner.
export { scan, loadGateCatalog, DEFAULT_MAX_FILE_SIZE } from './scan.js';
export { renderHtml } from './report/html.js';
export { renderMarkdown } from './report/markdown.js';
export { renderSarif } from './report/sarif.js';
export { renderTerminal } from './report/terminal.js';
export { main as runCli } from './cli/main.js';
