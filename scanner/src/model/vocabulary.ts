// The domain vocabulary every layer speaks: migration actions, severities, components, platforms, how a usage was
// reached, why a file was skipped, where a saveLog field goes. It sits at the bottom and imports nothing, so
// catalogs, analysis, rules and reports can all depend on it without depending on each other.

/** What happens to an Open CTI usage when the adapter moves to Salesforce Voice. */
export type Action = 'eliminate' | 'migrate' | 'replace' | 'keep';

export const ACTIONS: readonly Action[] = ['eliminate', 'migrate', 'replace', 'keep'];

export type Severity = 'error' | 'warning' | 'note';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

/** Where the replacement lives. */
type ComponentKind =
    | 'voice-extension'
    | 'message-channel'
    | 'relation-flows'
    | 'screen-pop-flow'
    | 'connector'
    | 'gateway'
    | 'contact-center-setup'
    | 'built-in';

export interface Component {
    kind: ComponentKind;
    /** Human name, with the method or endpoint where the kind has several (connector, gateway). */
    name: string;
}

/** Why a mapping says what it says. */
export type Basis =
    /** Salesforce's capability matrix (../shared/spec/open-cti-to-voice-source.txt, voice-platform.md §9.5). */
    | 'matrix'
    /** The project-guidance table in voice-platform.md §9.5, or this scanner's own documented design. */
    | 'project-guidance';

/** Where an Open CTI API runs. */
export type Platform = 'lightning' | 'classic' | 'console';

/** How a usage was reached (`detection` in the report). */
export type Trait =
    | 'direct'
    | 'global-object'
    | 'optional-chaining'
    | 'element-access'
    | 'alias'
    | 'destructuring'
    | 'imported'
    | 'wrapper'
    | 'bind-call-apply'
    | 'object-member'
    | 'reference'
    | 'inline-handler'
    | 'token-scan';

/** Why a file is listed under `skipped` (the report schema's enum lists the same values). */
export const SKIP_REASONS = [
    'too-large',
    'binary',
    'archive',
    'unreadable',
    'not-regular-file',
    'symlink-loop',
    'symlink-outside-root',
    'symlink-broken',
    'not-read'
] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];

export interface Skipped {
    file: string;
    reason: SkipReason;
    detail?: string;
}

/**
 * - `voicecall-field`: a standard VoiceCall field holds it (see `setBy` for who writes it);
 * - `custom-field`: the admin must add a custom VoiceCall field;
 * - `not-needed`: Task bookkeeping that a VoiceCall does not have or that the platform handles;
 * - `record-key`: not data, but which record saveLog targets (entityApiName, Id).
 */
export type FieldMappingKind = 'voicecall-field' | 'custom-field' | 'not-needed' | 'record-key';

/** Who writes the VoiceCall field in Voice. */
export type Writer = 'platform' | 'connector' | 'gateway' | 'omni-flow' | 'voice-extension' | 'relation-flow';

export interface FieldMapping {
    source: string;
    kind: FieldMappingKind;
    /** The VoiceCall field (standard, or the suggested custom field name). */
    target?: string;
    setBy?: Writer[];
    createable?: boolean;
    updateable?: boolean;
    note: string;
}

const SEVERITY_RANK: Record<Severity, number> = { note: 0, warning: 1, error: 2 };

/** The more severe of two severities. */
export function worse(a: Severity, b: Severity): Severity {
    return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

/** True when `severity` is at least `threshold` (error > warning > note). */
export function atLeast(severity: Severity, threshold: Severity): boolean {
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
