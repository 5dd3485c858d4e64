// Zipped static resources: adapters are often deployed as a zip of JavaScript and HTML. Entries are inflated in
// memory with fflate's streaming reader, never written to disk, and never trusted: the data is fed in small slices
// and an entry is abandoned as soon as it inflates past the size limit (zip bombs), whatever its header claims.
import { loadFflate } from '../lazy.js';

export interface ArchiveLimits {
    /** Largest entry, inflated (bytes). */
    maxEntrySize: number;
    /** Largest sum of inflated entries (bytes). */
    maxTotalSize: number;
    maxEntries: number;
}

interface ArchiveEntry {
    name: string;
    content: Uint8Array;
}

export interface ArchiveContents {
    entries: ArchiveEntry[];
    /** Entries left out, with why. */
    skipped: { name: string; reason: 'too-large' | 'unreadable' | 'too-many'; detail: string }[];
    /** Set when nothing could be read at all. */
    error?: string;
}

const SLICE = 16 * 1024;

/** Normalises an entry name: forward slashes, no leading slash or dot segments. */
export function entryName(raw: string): string {
    return raw
        .split(/[\\/]+/)
        .filter((part) => part && part !== '.' && part !== '..')
        .join('/');
}

export function isZip(bytes: Uint8Array): boolean {
    return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function readZip(bytes: Uint8Array, limits: ArchiveLimits, keep: (name: string) => boolean): ArchiveContents {
    const result: ArchiveContents = { entries: [], skipped: [] };
    let total = 0;
    let seen = 0;
    let any = false;
    const { Unzip, UnzipInflate } = loadFflate();
    const unzip = new Unzip();
    unzip.register(UnzipInflate);
    unzip.onfile = (file) => {
        any = true;
        const name = entryName(file.name);
        if (!name || name.endsWith('/') || !keep(name)) return;
        if (++seen > limits.maxEntries) {
            if (seen === limits.maxEntries + 1) {
                result.skipped.push({ name, reason: 'too-many', detail: `more than ${limits.maxEntries} entries` });
            }
            return;
        }
        if ((file.originalSize ?? 0) > limits.maxEntrySize) {
            result.skipped.push({
                name,
                reason: 'too-large',
                detail: `${file.originalSize} bytes inflated, over the limit of ${limits.maxEntrySize}`
            });
            return;
        }
        const chunks: Uint8Array[] = [];
        let size = 0;
        let stopped = false;
        file.ondata = (error, chunk, final) => {
            if (stopped) return;
            if (error) {
                stopped = true;
                result.skipped.push({ name, reason: 'unreadable', detail: error.message });
                return;
            }
            size += chunk.length;
            total += chunk.length;
            if (size > limits.maxEntrySize || total > limits.maxTotalSize) {
                stopped = true;
                file.terminate();
                result.skipped.push({
                    name,
                    reason: 'too-large',
                    detail:
                        size > limits.maxEntrySize
                            ? `inflates past the limit of ${limits.maxEntrySize} bytes`
                            : `the archive inflates past ${limits.maxTotalSize} bytes in all`
                });
                return;
            }
            chunks.push(chunk);
            if (final) {
                const content = new Uint8Array(size);
                let at = 0;
                for (const c of chunks) {
                    content.set(c, at);
                    at += c.length;
                }
                result.entries.push({ name, content });
            }
        };
        file.start();
    };
    try {
        for (let at = 0; at < bytes.length; at += SLICE) {
            unzip.push(bytes.subarray(at, Math.min(bytes.length, at + SLICE)), at + SLICE >= bytes.length);
        }
    } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
    }
    if (!result.error && !any) {
        result.error = 'no readable entries';
    }
    return result;
}
