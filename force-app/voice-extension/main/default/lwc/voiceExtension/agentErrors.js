// Generated from agentErrors.ts by `npm run build`. Do not edit: change the .ts and rebuild.
// Errors an agent understands. Apex, the Lightning Data Service and the browser's fetch fail in
// their own words ("UNABLE_TO_LOCK_ROW", "TypeError: Failed to fetch"). The agent reads one short sentence that says
// what to do next; the raw codes and messages are kept as the detail, for the admin, behind a "Details" disclosure.
//
// Pure: the component passes in what it knows (what failed, whether the browser is online) and shows the result.
export const AGENT_MESSAGES = {
    offline: 'No connection to Salesforce. Check your network; your notes are kept.',
    locked: 'Someone else is saving this call. Try again in a moment.',
    noAccessChange: 'You do not have permission to change this call. Ask your admin.',
    noAccessRead: 'You do not have permission to see this. Ask your admin.',
    unknown: 'Something went wrong. Try again; if it keeps happening, tell your admin what Details says.',
    notesKept: 'Your notes are kept.'
};
/** Said once when the browser will not store wrap-up drafts (private mode, storage full or blocked). */
export const DRAFT_STORAGE_MESSAGE =
    'This browser would not store your wrap-up notes, so they are kept only while this panel stays open. Save the wrap-up before you reload.';
const MAX_DETAIL = 600;
/** Codes and texts that mean the browser could not reach Salesforce. */
const NETWORK =
    /failed to fetch|networkerror when attempting|network request failed|disconnected or canceled|net::err_|err_internet_disconnected/i;
/** Safari's fetch says only "Load failed", as a TypeError. */
const NETWORK_TYPE_ERROR = /^(load failed|failed to fetch|network ?error)/i;
const LOCKED = /unable_to_lock_row|unable to obtain exclusive access/i;
const NO_ACCESS =
    /insufficient_access|insufficient access|insufficient privileges|noaccessexception|\bdo(?:es)? not have access\b/i;
/** Not something to show an agent: internal faults, codes, class names, stack traces. */
const NOT_A_SENTENCE =
    /internal server error|error id:|\b[A-Z]+(?:_[A-Z]+)+\b|\b[A-Z][A-Za-z]*Exception\b|\bSystem\.|\bat line \d|\bClass\.|\n\s*at /;
const MAX_SENTENCE = 300;
/** A validation rule's message is written by an admin for the people who save the record: it is shown as it is. */
const VALIDATION = /FIELD_CUSTOM_VALIDATION_EXCEPTION[,:]\s*(.+?)(?::\s*\[[^\]]*\])?\s*$/;
/** A letter (any script), a quote or a parenthesis: not a digit, an id or a symbol. */
const STARTS_LIKE_A_SENTENCE = /^[^\s\d!#$%&*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const str = (value) => (typeof value === 'string' && value.trim() ? value.trim() : null);
const rec = (value) => (value && typeof value === 'object' ? value : null);
const list = (value) => (Array.isArray(value) ? value : []);
/** `CODE: message` for one entry of a UI API or DML error list. */
function entry(value) {
    const o = rec(value);
    return {
        code: str(o?.errorCode) ?? str(o?.statusCode),
        message: str(o?.message)
    };
}
function readRaw(error) {
    const texts = [];
    const detail = [];
    let message = null;
    const add = (code, text) => {
        if (code) texts.push(code);
        if (text) texts.push(text);
        const line = code && text ? `${code}: ${text}` : (code ?? text);
        if (line && !detail.includes(line)) detail.push(line);
    };
    const o = rec(error);
    if (!o) {
        const text = str(error);
        add(null, text);
        return { texts, detail, message: text, status: null, name: null };
    }
    const name = str(o.name);
    const status = typeof o.status === 'number' ? o.status : null;
    const bodies = Array.isArray(o.body) ? o.body : [o.body];
    for (const raw of bodies) {
        const body = rec(raw);
        if (!body) {
            add(null, str(raw));
            continue;
        }
        const e = entry(body);
        add(str(body.exceptionType) ?? e.code, e.message);
        message = message ?? e.message;
        const output = rec(body.output);
        for (const item of [...list(body.pageErrors), ...list(output?.errors)]) {
            const { code, message: text } = entry(item);
            add(code, text);
            message = message ?? text;
        }
        const fieldErrors = rec(body.fieldErrors) ?? rec(output?.fieldErrors);
        for (const errors of Object.values(fieldErrors ?? {}))
            for (const item of list(errors)) {
                const { code, message: text } = entry(item);
                add(code, text);
            }
    }
    const own = str(o.message);
    add(name && name !== 'Error' && own ? name : null, own);
    message = message ?? own;
    if (status !== null) add(null, `HTTP status ${status}${str(o.statusText) ? ` ${str(o.statusText)}` : ''}`);
    if (!detail.length) {
        let json = null;
        try {
            json = JSON.stringify(error);
        } catch {
            json = null;
        }
        if (json && json !== '{}') add(null, json);
    }
    return { texts, detail, message, status, name };
}
function isOffline(raw, online) {
    if (online === false || raw.status === 0) return true;
    if (raw.texts.some((t) => NETWORK.test(t))) return true;
    return raw.name === 'TypeError' && !!raw.message && NETWORK_TYPE_ERROR.test(raw.message);
}
function isNoAccess(raw) {
    return raw.status === 403 || raw.texts.some((t) => NO_ACCESS.test(t));
}
/** The server's own words, when they read as a sentence for a person; else null. */
export function asSentence(text) {
    const t = text?.trim().replace(/\s+/g, ' ') ?? '';
    if (!t || t.length > MAX_SENTENCE || !STARTS_LIKE_A_SENTENCE.test(t) || !/\s/.test(t) || NOT_A_SENTENCE.test(t))
        return null;
    const capital = t.charAt(0).toUpperCase() + t.slice(1);
    return /[.!?…]["”')]?$/.test(capital) ? capital : `${capital}.`;
}
/** "Wrap-up not saved." before the sentence; before a server's sentence only if it does not say what failed. */
function lead(failed, sentence, fromServer = false) {
    if (!failed || (fromServer && /\bnot\b|\bcannot\b|n't\b/i.test(sentence))) return sentence;
    return `${failed} ${sentence}`;
}
function classify(raw, context) {
    const failed = context.failed;
    if (isOffline(raw, context.online)) return { kind: 'offline', message: lead(failed, AGENT_MESSAGES.offline) };
    if (raw.texts.some((t) => LOCKED.test(t))) return { kind: 'locked', message: lead(failed, AGENT_MESSAGES.locked) };
    if (isNoAccess(raw)) {
        const sentence = context.access === 'read' ? AGENT_MESSAGES.noAccessRead : AGENT_MESSAGES.noAccessChange;
        return { kind: 'noAccess', message: lead(failed, sentence) };
    }
    const rule = raw.detail.map((line) => VALIDATION.exec(line)?.[1] ?? null).find((text) => asSentence(text));
    const server = asSentence(rule ?? raw.message);
    if (server) return { kind: 'server', message: lead(failed, server, true) };
    return { kind: 'unknown', message: failed ? `${failed} ${AGENT_MESSAGES.unknown}` : AGENT_MESSAGES.unknown };
}
/** What to tell the agent about an error from Apex or the network. Never throws. */
export function describeError(error, context = {}) {
    const raw = readRaw(error);
    const { kind, message } = classify(raw, context);
    const withNotes =
        context.notesKept && !/notes are kept/i.test(message) ? `${message} ${AGENT_MESSAGES.notesKept}` : message;
    let detail = raw.detail.join(' · ');
    if (detail.length > MAX_DETAIL) detail = `${detail.slice(0, MAX_DETAIL - 1)}…`;
    // the server's sentence is the message: repeating it alone as the detail adds nothing
    if (kind === 'server' && raw.detail.length === 1 && raw.detail[0] === raw.message) detail = '';
    return { kind, message: withNotes, detail };
}
