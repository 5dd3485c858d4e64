// One shape for every finding, so each step prints `file:line:col  message  [rule]` that a person can act on.

/**
 * @typedef {object} Diagnostic
 * @property {string} file      path relative to the project root ('' for project-wide findings)
 * @property {number} [line]    1-based
 * @property {number} [column]  1-based
 * @property {'error'|'warning'} [severity]  default 'error'; only errors fail a step
 * @property {string} message   what is wrong and, where possible, what to do
 * @property {string} [rule]    the checker's rule id
 */

/** @param {Diagnostic} d */
export function formatDiagnostic(d) {
    const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : '(project)';
    const severity = d.severity === 'warning' ? 'warning' : 'error';
    return `${where}  ${severity}  ${d.message}${d.rule ? `  [${d.rule}]` : ''}`;
}

/** Sorts by file, then line, then column, so output is stable between runs. */
export function sortDiagnostics(list) {
    return [...list].sort(
        (a, b) =>
            (a.file ?? '').localeCompare(b.file ?? '') ||
            (a.line ?? 0) - (b.line ?? 0) ||
            (a.column ?? 0) - (b.column ?? 0) ||
            a.message.localeCompare(b.message)
    );
}

/** 1-based line and column of a character offset in a text. */
export function positionAt(text, offset) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
        if (text.charCodeAt(i) === 10) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, column: offset - lineStart + 1 };
}
