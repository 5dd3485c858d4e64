// Generated from scanner/src/extract/markdown.ts by `npm run build -w @switchboard/scanner`: do not edit.
// Fenced code blocks in Markdown, following CommonMark's fence rules: an opening run of at least three backticks
// or tildes indented by at most three spaces, closed by a run of the same character at least as long. Indented
// code blocks are not read (they carry no language).
const OPEN = /^( {0,3})(`{3,}|~{3,})([^\n]*)$/;
/** Every fenced code block of a Markdown document; an unclosed fence runs to the end, as CommonMark says. */
export function extractFences(markdown) {
    const fences = [];
    const lines = markdown.split('\n');
    let offset = 0;
    let open;
    for (const raw of lines) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        offset += raw.length + 1;
        if (!open) {
            const m = OPEN.exec(line);
            if (!m)
                continue;
            const [, , run = '', info = ''] = m;
            const char = run[0] ?? '`';
            if (char === '`' && info.includes('`'))
                continue;
            open = {
                char,
                length: run.length,
                language: info.trim().split(/\s+/)[0]?.toLowerCase() ?? '',
                start: offset,
                body: []
            };
            continue;
        }
        const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
        if (close?.[1] && close[1][0] === open.char && close[1].length >= open.length) {
            fences.push({ language: open.language, text: open.body.join('\n'), offset: open.start });
            open = undefined;
            continue;
        }
        // Lines are kept whole (indentation and \r included) so that offsets in the fence are offsets in the file.
        open.body.push(raw);
    }
    if (open)
        fences.push({ language: open.language, text: open.body.join('\n'), offset: open.start });
    return fences;
}
