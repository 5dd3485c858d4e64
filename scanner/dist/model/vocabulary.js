// Generated from scanner/src/model/vocabulary.ts by `npm run build -w @switchboard/scanner`: do not edit.
// The domain vocabulary every layer speaks: migration actions, severities, components, platforms, how a usage was
// reached, why a file was skipped, where a saveLog field goes. It sits at the bottom and imports nothing, so
// catalogs, analysis, rules and reports can all depend on it without depending on each other.
export const ACTIONS = ['eliminate', 'migrate', 'replace', 'keep'];
export const SEVERITIES = ['error', 'warning', 'note'];
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
];
const SEVERITY_RANK = { note: 0, warning: 1, error: 2 };
/** The more severe of two severities. */
export function worse(a, b) {
    return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}
/** True when `severity` is at least `threshold` (error > warning > note). */
export function atLeast(severity, threshold) {
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
