// The scan report: the one data model every output format renders. The JSON format is this object as is; its
// schema is scanner/schema/scan-report.schema.json, which describes every property. Bump SCHEMA_VERSION's minor
// when a property or an enum value is added, its major (and the schema's $id) on any incompatible change.
import type { Action, Basis, Component, FieldMapping, Platform, Severity, SkipReason, Trait } from './vocabulary.js';

export const SCHEMA_ID = 'urn:switchboard:scan-report';
export const SCHEMA_VERSION = '1.3.0';

type ApiKind =
    | 'open-cti-method'
    | 'open-cti-constant'
    | 'open-cti-unknown'
    | 'open-cti-dynamic'
    | 'console-toolkit'
    | 'library'
    | 'web-platform'
    | 'call-center-item';

export interface FindingApi {
    kind: ApiKind;
    /** Full name: `sforce.opencti.saveLog`, `sforce.opencti.SCREENPOP_TYPE.URL`, `reqSoftphoneHeight`, `document.cookie`... */
    name: string;
    platform?: Platform;
    /** False for members Open CTI does not have, or that no source confirms. */
    documented: boolean;
}

export interface Issue {
    rule: string;
    severity: Severity;
    message: string;
}

interface Location {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export type Context =
    'file' | 'script' | 'inline-handler' | 'javascript-url' | 'markdown-fence' | 'markup' | 'call-center';

export type Usage = 'call' | 'reference' | 'include' | 'item';

export interface SaveLogMapping {
    /** The object saveLog writes, when the code names it. */
    entity?: string;
    fields: FieldMapping[];
    /** False when part of the value object is built where the scanner cannot see it. */
    complete: boolean;
}

export interface Finding {
    /** Stable fingerprint: the same code at the same place gives the same id across runs. */
    id: string;
    rule: string;
    api: FindingApi;
    usage: Usage;
    location: Location;
    context: Context;
    detection: Trait[];
    action: Action;
    replacement: string;
    components: Component[];
    basis: Basis;
    /** The migration guide's section for this replacement: `docs/migration.md#<anchor>`, from the repository root. */
    guide: string;
    unconfirmed?: string;
    /** The worst of the issues' severities; `note` when there are none. */
    severity: Severity;
    issues: Issue[];
    via?: { name: string; file: string; line: number };
    snippet: string;
    saveLog?: SaveLogMapping;
    /** Call-center items: the value in the definition file. */
    value?: string;
    /**
     * Set on a storage, cookie or messaging finding in third-party code (a vendored or minified library): why the file
     * is third-party. Such findings are reported apart, and are not in the inventory or the problems to fix.
     */
    thirdParty?: string;
}

export interface InventoryRow {
    api: string;
    kind: ApiKind;
    platform?: Platform;
    documented: boolean;
    count: number;
    action: Action;
    replacement: string;
    components: Component[];
    /** The migration guide's section, as on the findings. */
    guide: string;
}

export interface ParseFallback {
    file: string;
    line: number;
    column: number;
    reason: 'syntax-error' | 'nesting-too-deep' | 'other-language' | 'invalid-utf8';
    message: string;
}

export interface ScanSummary {
    filesScanned: number;
    filesWithFindings: number;
    linesScanned: number;
    bytesScanned: number;
    filesSkipped: number;
    filesIgnored: number;
    parseFallbacks: number;
    findings: number;
    issues: number;
    byAction: Record<Action, number>;
    bySeverity: Record<Severity, number>;
    byPlatform: Record<Platform | 'other', number>;
    durationMs: number;
}

export interface ScanReport {
    schema: typeof SCHEMA_ID;
    schemaVersion: typeof SCHEMA_VERSION;
    tool: { name: string; version: string };
    generatedAt: string;
    root: string;
    options: { maxFileSize: number; excludes: string[]; ignoreFiles: boolean; defaultExcludes: boolean };
    summary: ScanSummary;
    inventory: InventoryRow[];
    findings: Finding[];
    skipped: { file: string; reason: SkipReason; detail?: string }[];
    parseFallbacks: ParseFallback[];
}

export const TOOL = { name: '@switchboard/scanner', version: '0.1.0' } as const;
