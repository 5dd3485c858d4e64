// A once-a-second tick for call timers. Call timers must move while the agent watches them and nothing else
// re-renders the component, so this is the one place Switchboard runs a timer; stop() must be called on disconnect.

export class SecondTicker {
    private handle: ReturnType<typeof setInterval> | null = null;

    constructor(private readonly onTick: () => void) {}

    get running(): boolean {
        return this.handle !== null;
    }

    /** Starts ticking; does nothing when already running. */
    start(): void {
        if (this.handle !== null) return;
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.handle = setInterval(() => this.onTick(), 1000);
    }

    stop(): void {
        if (this.handle !== null) clearInterval(this.handle);
        this.handle = null;
    }

    /** Runs while `active` is true, stops otherwise. */
    runWhile(active: boolean): void {
        if (active) this.start();
        else this.stop();
    }
}
