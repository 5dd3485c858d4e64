// Offsets to 1-based line and column numbers (columns count UTF-16 code units, as SARIF does by default).

export class LineIndex {
    private readonly starts: number[] = [0];

    constructor(private readonly text: string) {
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    }

    get lineCount(): number {
        return this.text.length === 0 ? 0 : this.text.endsWith('\n') ? this.starts.length - 1 : this.starts.length;
    }

    position(offset: number): { line: number; column: number } {
        const o = Math.max(0, Math.min(offset, this.text.length));
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if ((this.starts[mid] ?? 0) <= o) lo = mid;
            else hi = mid - 1;
        }
        return { line: lo + 1, column: o - (this.starts[lo] ?? 0) + 1 };
    }

    /** The text of a 1-based line, without its line break. */
    lineText(line: number): string {
        const start = this.starts[line - 1];
        if (start === undefined) return '';
        const next = this.starts[line];
        const end = next === undefined ? this.text.length : next - 1;
        const text = this.text.slice(start, end);
        return text.endsWith('\r') ? text.slice(0, -1) : text;
    }
}

/** The number of lines of a text, as `LineIndex.lineCount` counts them, without building the index. */
export function countLines(text: string): number {
    if (text.length === 0) return 0;
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    return text.endsWith('\n') ? n : n + 1;
}
