// A progress bar on stderr, only for terminals. Redraws at most every 80 ms so large trees are not slowed down.

export interface ProgressStream {
    write(text: string): unknown;
    isTTY?: boolean;
    columns?: number;
}

export class ProgressBar {
    private last = Number.NEGATIVE_INFINITY;
    private drawn = false;

    constructor(
        private readonly stream: ProgressStream,
        private readonly now: () => number = () => Date.now()
    ) {}

    get enabled(): boolean {
        return this.stream.isTTY === true;
    }

    update(done: number, total: number, round: number): void {
        if (!this.enabled) return;
        const t = this.now();
        if (done < total && t - this.last < 80) return;
        this.last = t;
        const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 40));
        const filled = total === 0 ? width : Math.round((done / total) * width);
        const label = round > 1 ? ` (round ${round}: wrappers across files)` : '';
        this.stream.write(
            `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files${label}\u001b[K`
        );
        this.drawn = true;
    }

    clear(): void {
        if (this.drawn) this.stream.write('\r\u001b[K');
        this.drawn = false;
    }
}
