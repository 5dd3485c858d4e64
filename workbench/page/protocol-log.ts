// The protocol log: every message between the stand-in softphone and the connector, both ways, and the Voice
// Toolkit events the softphone fired from them. The library echoes a LOG for almost every message (§7.5); those are
// hidden unless asked for, but still counted, so nothing is silently dropped.
import type { HostMessage } from '@switchboard/connector/host';

const MAX_ENTRIES = 600;

type LogDirection = 'in' | 'out' | 'toolkit';

export interface LogEntry {
    direction: LogDirection;
    /** TYPE, or TELEPHONY_EVENT_DISPATCHED's event type, or the Toolkit event's name. */
    label: string;
    detail: string;
    echo: boolean;
    /** The message itself (Toolkit events: their detail), for tests that count what crossed. */
    data?: unknown;
}

export function describeMessage(message: HostMessage, direction: 'in' | 'out'): LogEntry {
    const eventType = message.type === 'TELEPHONY_EVENT_DISPATCHED' ? message.payload?.telephonyEventType : undefined;
    const payload = eventType ? message.payload?.telephonyEventPayload : (message.payload ?? stripType(message));
    return {
        direction,
        label: eventType ? `${message.type} ${eventType}` : message.type,
        detail: compact(payload),
        echo: message.type === 'LOG',
        data: message
    };
}

function stripType(message: HostMessage): Record<string, unknown> {
    const { type: _type, ...rest } = message as unknown as Record<string, unknown>;
    return rest;
}

function compact(value: unknown): string {
    if (value === undefined) return '';
    const text = JSON.stringify(value);
    return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

export class ProtocolLog {
    readonly #list: HTMLOListElement;
    readonly #entries: LogEntry[] = [];
    #showEchoes = false;

    constructor(list: HTMLOListElement, toggle: HTMLInputElement) {
        this.#list = list;
        toggle.addEventListener('change', () => {
            this.#showEchoes = toggle.checked;
            this.#render();
        });
    }

    get entries(): readonly LogEntry[] {
        return this.#entries;
    }

    add(entry: LogEntry): void {
        this.#entries.push(entry);
        if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
        if (entry.echo && !this.#showEchoes) return;
        this.#list.append(this.#item(entry));
        while (this.#list.children.length > MAX_ENTRIES) this.#list.firstElementChild?.remove();
        const scroller = this.#list.parentElement;
        if (scroller) scroller.scrollTop = scroller.scrollHeight;
    }

    #render(): void {
        this.#list.replaceChildren(
            ...this.#entries.filter((e) => this.#showEchoes || !e.echo).map((e) => this.#item(e))
        );
    }

    #item(entry: LogEntry): HTMLLIElement {
        const item = document.createElement('li');
        item.className = `wb-${entry.direction}`;
        const arrow =
            entry.direction === 'out' ? '→ connector' : entry.direction === 'in' ? '← connector' : '⇢ Toolkit';
        const label = document.createElement('strong');
        label.textContent = `${arrow} ${entry.label}`;
        item.append(label, entry.detail ? ` ${entry.detail}` : '');
        return item;
    }
}
