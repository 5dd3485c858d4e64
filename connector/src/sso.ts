// The single sign-on hand-off of the login frame: the gateway's SSO page, opened in a popup, posts a one-time code
// back to the connector window. One window listener at most, armed for the login frame on screen, and one code
// starts at most one sign-in: the login frame can be shown many times in a page's life (sign-out, lost session),
// and a listener added each time would turn one code into as many sign-ins.

/** The part of `window` this needs. */
export interface MessageTarget {
    addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
    removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** What the gateway's SSO page posts. */
export const SSO_MESSAGE_TYPE = 'switchboard.sso';

export class SsoCodeReceiver {
    readonly #target: MessageTarget;
    #armed: { origin: string; onCode: (code: string) => void } | undefined;
    readonly #listener = (event: MessageEvent): void => this.#receive(event);

    constructor(target: MessageTarget) {
        this.#target = target;
    }

    /** Whether a code would be accepted now. */
    get armed(): boolean {
        return this.#armed !== undefined;
    }

    /** Accepts the next code posted from `origin` (the SSO page's) and hands it to `onCode`; replaces any earlier arming. */
    arm(origin: string, onCode: (code: string) => void): void {
        if (!this.#armed) this.#target.addEventListener('message', this.#listener);
        this.#armed = { origin, onCode };
    }

    /** Stops listening (the login frame is gone, or a code is being redeemed). */
    disarm(): void {
        if (this.#armed) this.#target.removeEventListener('message', this.#listener);
        this.#armed = undefined;
    }

    #receive(event: MessageEvent): void {
        const armed = this.#armed;
        const data = event.data as { type?: unknown; code?: unknown } | null | undefined;
        if (!armed || event.origin !== armed.origin || data?.type !== SSO_MESSAGE_TYPE) return;
        if (typeof data.code !== 'string' || !data.code) return;
        this.disarm(); // one code, one sign-in: a failed sign-in arms again
        armed.onCode(data.code);
    }
}
