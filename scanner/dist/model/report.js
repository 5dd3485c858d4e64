// Generated from scanner/src/model/report.ts by `npm run build -w @switchboard/scanner`: do not edit.
export const SCHEMA_ID = 'urn:switchboard:scan-report';
export const SCHEMA_VERSION = '1.3.0';
export const TOOL = { name: '@switchboard/scanner', version: '0.1.0' };
