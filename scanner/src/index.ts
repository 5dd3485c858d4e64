// Library entry point of @switchboard/scanner.
export { scan, loadGateCatalog, DEFAULT_MAX_FILE_SIZE, type ScanOptions } from './scan.js';
export { renderHtml } from './report/html.js';
export { renderMarkdown } from './report/markdown.js';
export { renderSarif } from './report/sarif.js';
export { renderTerminal } from './report/terminal.js';
export type { Finding, ScanReport } from './model/report.js';
export { main as runCli } from './cli/main.js';
