// Generated from secondTicker.ts by `npm run build`. Do not edit: change the .ts and rebuild.
// A once-a-second tick for call timers. Call timers must move while the agent watches them and nothing else
// re-renders the component, so this is the one place Switchboard runs a timer; stop() must be called on disconnect.
export class SecondTicker {
    onTick;
    handle = null;
    constructor(onTick) {
        this.onTick = onTick;
    }
    get running() {
        return this.handle !== null;
    }
    /** Starts ticking; does nothing when already running. */
    start() {
        if (this.handle !== null) return;
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.handle = setInterval(() => this.onTick(), 1000);
    }
    stop() {
        if (this.handle !== null) clearInterval(this.handle);
        this.handle = null;
    }
    /** Runs while `active` is true, stops otherwise. */
    runWhile(active) {
        if (active) this.start();
        else this.stop();
    }
}
