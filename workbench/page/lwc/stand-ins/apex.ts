// Stands in for `@salesforce/apex/<Class>.<method>` imports (imperative Apex). The build gives each import its own
// module whose default export is `apexMethod('<Class>', '<method>')`, so one helper serves every method: it POSTs the
// parameters as JSON to the workbench server's Apex stand-in, /api/apex/<Class>/<method>, and resolves with the
// method's return value. A failure rejects like Aura does, with `{ body: { message } }`.

/**
 * Carries Aura's error shape (components read `error.body.message`) and the HTTP status. It is also an Error, so an
 * unhandled one shows a stack in the console.
 */
export class ApexError extends Error {
    readonly body: { message: string };
    readonly status: number;

    constructor(message: string, status: number) {
        super(message);
        this.name = 'ApexError';
        this.body = { message };
        this.status = status;
    }
}

export type ApexMethod = (params?: Record<string, unknown>) => Promise<unknown>;

async function readJson(response: Response): Promise<unknown> {
    const text = await response.text();
    if (!text) return null; // a void method
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return text;
    }
}

function messageOf(answer: unknown, status: number, statusText: string): string {
    if (answer && typeof answer === 'object') {
        const a = answer as { message?: unknown; body?: { message?: unknown } };
        const text = a.body?.message ?? a.message;
        if (typeof text === 'string' && text) return text;
    }
    if (typeof answer === 'string' && answer.trim()) return answer.trim();
    return `${status} ${statusText}`.trim();
}

export function apexMethod(className: string, methodName: string): ApexMethod {
    const url = `/api/apex/${encodeURIComponent(className)}/${encodeURIComponent(methodName)}`;
    return async (params = {}) => {
        let response: Response;
        try {
            response = await fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(params)
            });
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            throw new ApexError(`${className}.${methodName} could not be reached: ${reason}`, 0);
        }
        const answer = await readJson(response);
        if (!response.ok) throw new ApexError(messageOf(answer, response.status, response.statusText), response.status);
        return answer;
    };
}
