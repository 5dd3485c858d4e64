// Generated from scanner/src/cli/progress.ts by `npm run build -w @switchboard/scanner`: do not edit.
// A progress bar on stderr, only for terminals. Redraws at most every 80 ms so large trees are not slowed down.
export class ProgressBar {
    stream;
    now;
    last = Number.NEGATIVE_INFINITY;
    drawn = false;
    constructor(stream, now = () => Date.now()) {
        this.stream = stream;
        this.now = now;
    }
    get enabled() {
        return this.stream.isTTY === true;
    }
    update(done, total, round) {
        if (!this.enabled)
            return;
        const t = this.now();
        if (done < total && t - this.last < 80)
            return;
        this.last = t;
        const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 40));
        const filled = total === 0 ? width : Math.round((done / total) * width);
        const label = round > 1 ? ` (round ${round}: wrappers across files)` : '';
        this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files${label}\u001b[K`);
        this.drawn = true;
    }
    clear() {
        if (this.drawn)
            this.stream.write('\r\u001b[K');
        this.drawn = false;
    }
}
