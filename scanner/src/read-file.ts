// The first step of a file's scan: read it (within the byte budget), refuse what is not text, decode it, and decide
// whether anything in it can lead to a finding. file-scan.ts goes on from here; the read-ahead worker
// (read-ahead.ts) does only this, for the files of a large tree, beside the thread that analyses.
import { isAscii } from 'node:buffer';
import { sniff, type FileKind } from './discovery/file-kinds.js';
import { tooLargeDetail, type Skipped } from './discovery/walk.js';
import { LineIndex, countLines } from './line-index.js';
import type { ParseFallback } from './model/report.js';

/**
 * Besides the code pre-filter, what makes a file worth opening up: a library URL (`/support/api/.../opencti_min.js`)
 * or a call-center definition. A file with none of it is counted, never extracted or parsed: grep-like speed.
 */
export const FILE_PREFILTER_EXTRA = 'opencti|/support/|callCenter|CallCenter';

/** Text that can lead to a finding; units without any of it are not parsed. A later round adds exported names. */
export const BASE_PREFILTER =
    /sforce|localStorage|sessionStorage|cookie|Cookies|postMessage|onmessage|indexedDB|StorageAccess|['"`]message['"`]/;

/**
 * Fragments that every match of the first round's file pre-filter (`BASE_PREFILTER` and `FILE_PREFILTER_EXTRA`)
 * contains: `Storage` for localStorage, sessionStorage and StorageAccess, `essage` for postMessage, onmessage and
 * 'message', and so on (a test holds the two together). Eight short words instead of fourteen halve the time of the
 * pre-filter, which reads every byte of the tree; a file that has one of them is then matched in full.
 */
export const QUICK_PREFILTER = /sforce|Storage|ookie|essage|allCenter|opencti|\/support\/|indexedDB/;

const decoder = new TextDecoder('utf-8');
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function decode(bytes: Uint8Array): string {
    return decodeNoting(bytes).text;
}

/**
 * UTF-8 text, and whether a byte was not UTF-8: such a file is decoded with U+FFFD replacements and scanned to the
 * end, never dropped (the strict decoder costs nothing more on valid input).
 */
function decodeNoting(bytes: Uint8Array): { text: string; invalid: boolean } {
    // Most source is ASCII: read as Latin-1 it is one copy into a string, a third of the decoder's time.
    if (isAscii(bytes))
        return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'), invalid: false };
    let text: string;
    let invalid = false;
    try {
        text = strictDecoder.decode(bytes);
    } catch {
        text = decoder.decode(bytes);
        invalid = true;
    }
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, invalid };
}

/** The note for a file with invalid UTF-8, at its first replaced character. */
function invalidUtf8Note(rel: string, text: string): ParseFallback {
    const offset = Math.max(0, text.indexOf('\ufffd'));
    const at = new LineIndex(text).position(offset);
    return {
        file: rel,
        line: at.line,
        column: at.column,
        reason: 'invalid-utf8',
        message: 'a byte that is not UTF-8: decoded with U+FFFD in its place, and scanned to the end'
    };
}

/** The file-level pre-filter for a round's code filter: the code filter, a library URL or a call-center root. */
function fileFilter(code: RegExp): RegExp {
    return new RegExp(`${code.source}|${FILE_PREFILTER_EXTRA}`);
}

const fileFilters = new WeakMap<RegExp, RegExp>();

/** Whether a file's text has anything a round's filter looks for (the first round asks `QUICK_PREFILTER` first). */
function worthReading(text: string, code: RegExp): boolean {
    if (code === BASE_PREFILTER && !QUICK_PREFILTER.test(text)) return false;
    let file = fileFilters.get(code);
    if (!file) {
        file = fileFilter(code);
        fileFilters.set(code, file);
    }
    return file.test(text);
}

/** What reading a file gave. */
export type ReadResult =
    | { kind: 'skipped'; skipped: Skipped }
    /** Nothing in it can lead to a finding: it is counted, and matched as text in later rounds. */
    | { kind: 'plain'; text: string; lines: number; bytes: number; fallbacks: ParseFallback[] }
    /** To be opened up: extracted, and its units parsed. */
    | { kind: 'text'; text: string; bytes: number; fallbacks: ParseFallback[] };

/** The part of a walked file this step reads. */
export interface ReadTarget {
    rel: string;
    /** Set by the walk only for a file it had to stat (a symbolic link's target). */
    size?: number;
    kind: FileKind;
    /** In-memory content (an entry of an expanded archive). */
    content?: Uint8Array;
}

/**
 * Reads one file: `read` returns at most `maxFileSize` + 1 bytes (so a longer result means too large), `statSize`
 * the size to report for a file found too large; `filter` is the round's code filter (see `worthReading`).
 */
export function readAndFilter(
    entry: ReadTarget,
    read: () => Uint8Array,
    statSize: () => number | undefined,
    maxFileSize: number,
    filter: RegExp
): ReadResult {
    const skip = (skipped: Skipped): ReadResult => ({ kind: 'skipped', skipped });
    let bytes: Uint8Array;
    try {
        bytes = read();
    } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return skip({ file: entry.rel, reason: 'unreadable', detail });
    }
    if (bytes.length > maxFileSize) {
        // Read with a budget of the limit plus one byte: only now is the file known to be too large.
        let size: number | undefined;
        try {
            size = entry.content ? entry.content.length : statSize();
        } catch {
            // gone since it was read: the limit is all there is to say
        }
        const grew = entry.size !== undefined ? ' (it grew after the walk)' : '';
        return skip({
            file: entry.rel,
            reason: 'too-large',
            detail:
                size !== undefined && size > maxFileSize
                    ? `${tooLargeDetail(size, maxFileSize)}${grew}`
                    : `over the limit of ${maxFileSize} bytes${grew}`
        });
    }
    const sniffed = sniff(bytes);
    if (sniffed !== 'text') {
        return skip({
            file: entry.rel,
            reason: sniffed,
            detail:
                sniffed === 'archive' ? 'zip or gzip archive: expand it into a folder and scan that' : 'binary content'
        });
    }
    const { text, invalid } = decodeNoting(bytes);
    const fallbacks = invalid ? [invalidUtf8Note(entry.rel, text)] : [];
    if (entry.kind.kind !== 'call-center' && !worthReading(text, filter)) {
        return { kind: 'plain', text, lines: countLines(text), bytes: bytes.length, fallbacks };
    }
    return { kind: 'text', text, bytes: bytes.length, fallbacks };
}
