// Walks a tree and lists the files to scan. Respects .gitignore and .switchboardignore files in every folder (the
// `ignore` package implements gitignore's rules), --exclude patterns and default excludes. Follows symbolic links
// only inside the root, once per real path, so links out of the tree and link loops are reported, not followed.
import * as nodeFs from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { loadIgnore } from '../lazy.js';
import type { Skipped } from '../model/vocabulary.js';
import { fileKind, type FileKind } from './file-kinds.js';

export { SKIP_REASONS, type Skipped } from '../model/vocabulary.js';

export interface WalkEntry {
    /** Absolute path. */
    path: string;
    /** Path relative to the scan root, with forward slashes. */
    rel: string;
    /**
     * Bytes, when the walk had to `stat` the file anyway (the root, a symbolic link's target, an archive's entry);
     * undefined for the files of a folder, which are read with a byte budget instead (`FileScanner.process` reports
     * one over the limit), so that the walk makes one call per folder, not one per file.
     */
    size?: number;
    kind: FileKind;
    /** Entries of a zipped static resource: their content, already inflated (`rel` is `archive!/entry`). */
    content?: Uint8Array;
}

/** What a directory entry or a stat result says about a file's type (Dirent and Stats both have these). */
interface FileType {
    isDirectory(): boolean;
    isFile(): boolean;
    isFIFO?(): boolean;
    isSocket?(): boolean;
    isCharacterDevice?(): boolean;
    isBlockDevice?(): boolean;
}

/** The file-system calls the walker and the scanner make; tests substitute failures. */
export interface FileSystem {
    readdir(dir: string): nodeFs.Dirent[];
    stat(path: string): FileType & { size: number };
    realpath(path: string): string;
    /** Reads at most `limit + 1` bytes (so that a caller sees a file is over its limit without reading it all). */
    readFile(path: string, limit?: number): Uint8Array;
    exists(path: string): boolean;
}

export const nodeFileSystem: FileSystem = {
    readdir: (dir) => nodeFs.readdirSync(dir, { withFileTypes: true }),
    stat: (path) => nodeFs.statSync(path),
    realpath: (path) => nodeFs.realpathSync(path),
    readFile: (path, limit) => readBounded(path, limit ?? MAX_FILE_SIZE_CEILING),
    exists: (path) => nodeFs.existsSync(path)
};

/**
 * The largest file the scanner will hold: its text must fit in one V8 string (at most 2^29 - 24 UTF-16 units), and
 * a parse needs many times its size. `--max-file-size` cannot go past it.
 */
export const MAX_FILE_SIZE_CEILING = 256 * 1024 ** 2;

/**
 * Reads a file with a byte budget: at most `limit + 1` bytes, whatever its size says (it may grow while read), so a
 * huge file costs one bounded buffer, never a crash.
 */
export function readBounded(path: string, limit: number): Uint8Array {
    const fd = nodeFs.openSync(path, 'r');
    try {
        const cap = limit + 1;
        let buffer = Buffer.allocUnsafe(Math.min(cap, Math.max(nodeFs.fstatSync(fd).size, 0) + 1, 64 * 1024 ** 2));
        let total = 0;
        for (;;) {
            if (total === buffer.length) {
                if (total >= cap) break;
                const grown = Buffer.allocUnsafe(Math.min(cap, buffer.length * 2));
                buffer.copy(grown, 0, 0, total);
                buffer = grown;
            }
            const n = nodeFs.readSync(fd, buffer, total, buffer.length - total, null);
            if (n === 0) break;
            total += n;
        }
        return buffer.subarray(0, total);
    } finally {
        nodeFs.closeSync(fd);
    }
}

/** The buffer `readBoundedTransient` reads into, grown as files need: one allocation for a whole scan. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * `readBounded` into a buffer every call shares, so the bytes are valid until the next call only: for a caller that
 * decodes them at once. A buffer per file, for a tree of small files, was an allocation (and garbage) per file.
 * No `fstat` either: the buffer is already large enough for most files.
 */
export function readBoundedTransient(path: string, limit: number): Uint8Array {
    const fd = nodeFs.openSync(path, 'r');
    try {
        const cap = limit + 1;
        let total = 0;
        for (;;) {
            const room = Math.min(scratch.length, cap) - total;
            if (room === 0) {
                if (total >= cap) break;
                const grown = Buffer.allocUnsafe(Math.min(cap, scratch.length * 2));
                scratch.copy(grown, 0, 0, total);
                scratch = grown;
                continue;
            }
            const n = nodeFs.readSync(fd, scratch, total, room, null);
            if (n === 0) break;
            total += n;
        }
        return scratch.subarray(0, total);
    } finally {
        nodeFs.closeSync(fd);
    }
}

export interface WalkOptions {
    root: string;
    /** gitignore-style patterns relative to the root. */
    excludes?: readonly string[];
    /** Read .gitignore and .switchboardignore files (default true). */
    ignoreFiles?: boolean;
    /** Skip .git and node_modules (default true). */
    defaultExcludes?: boolean;
    /** Bytes; larger files are skipped and reported. */
    maxFileSize: number;
    fs?: FileSystem;
}

export interface WalkResult {
    files: WalkEntry[];
    skipped: Skipped[];
    /** Files and folders left out by ignore files and excludes. */
    ignored: number;
    /** Files the scanner has no reader for. */
    notRelevant: number;
}

const IGNORE_FILES = ['.gitignore', '.switchboardignore'] as const;
/** Folders left out by default (gitignore's `.git/` and `node_modules/`: a folder of that name at any depth). */
const DEFAULT_EXCLUDED_FOLDERS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

interface Matcher {
    base: string;
    ig: Ignore;
}

const toPosix = (p: string): string => p.split(sep).join('/');

function errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

export class RootNotFoundError extends Error {}

/** Names a file that is neither a regular file nor a folder: reading a named pipe would block the scan. */
function specialFileDetail(type: FileType): string {
    const what = type.isFIFO?.()
        ? 'a named pipe (FIFO)'
        : type.isSocket?.()
          ? 'a socket'
          : type.isCharacterDevice?.()
            ? 'a character device'
            : type.isBlockDevice?.()
              ? 'a block device'
              : 'a special file';
    return `not a regular file: ${what}, never opened`;
}

/**
 * A file that is neither regular nor a folder is listed as skipped when its name is one the scanner reads;
 * otherwise it counts as not relevant, as a regular file of that name would.
 */
function addSpecialFile(result: WalkResult, rel: string, type: FileType): void {
    if (!fileKind(rel)) result.notRelevant++;
    result.skipped.push({ file: rel, reason: 'not-regular-file', detail: specialFileDetail(type) });
}

/** No file is silently left out: one the scanner has no reader for is listed, with what it is. */
function addNotRead(result: WalkResult, rel: string): void {
    result.notRelevant++;
    const name = rel.slice(rel.lastIndexOf('/') + 1).toLowerCase();
    const dot = name.lastIndexOf('.');
    const detail = name.endsWith('.d.ts')
        ? 'TypeScript declarations: no code runs from them'
        : dot <= 0
          ? 'no extension, outside staticresources/: not a kind of file the scanner reads'
          : `no reader for ${name.slice(dot)} files`;
    result.skipped.push({ file: rel, reason: 'not-read', detail });
}

/** Lists the files under `root` the scanner reads. Throws RootNotFoundError when the root cannot be read. */
export function walk(options: WalkOptions): WalkResult {
    const fs = options.fs ?? nodeFileSystem;
    const result: WalkResult = { files: [], skipped: [], ignored: 0, notRelevant: 0 };
    let rootStat;
    let rootReal: string;
    try {
        rootStat = fs.stat(options.root);
        rootReal = fs.realpath(options.root);
    } catch (error) {
        throw new RootNotFoundError(`cannot read ${options.root}: ${errorText(error)}`);
    }

    if (!rootStat.isDirectory()) {
        const rel = basename(options.root);
        const kind = fileKind(rel);
        if (!rootStat.isFile()) addSpecialFile(result, rel, rootStat);
        else if (!kind) addNotRead(result, rel);
        else addFile(result, options, { path: options.root, rel, size: rootStat.size, kind });
        return result;
    }

    const top: Matcher[] = [];
    // The `ignore` package is loaded for ignore files and --exclude patterns only: testing every path of a large
    // tree against the default excludes through it was a third of the walk.
    const excludes = options.excludes?.length ? loadIgnore()().add([...options.excludes]) : undefined;
    const defaultExcludes = options.defaultExcludes !== false;
    const visited = new Set<string>([rootReal]);

    const isIgnored = (rel: string, name: string, isDir: boolean, matchers: readonly Matcher[]): boolean => {
        if (isDir && defaultExcludes && DEFAULT_EXCLUDED_FOLDERS.has(name)) return true;
        const probe = (ig: Ignore, p: string): ReturnType<Ignore['test']> => ig.test(isDir ? `${p}/` : p);
        let ignored = false;
        for (const m of matchers) {
            const sub = m.base ? rel.slice(m.base.length + 1) : rel;
            const r = probe(m.ig, sub);
            if (r.ignored) ignored = true;
            else if (r.unignored) ignored = false;
        }
        return ignored || (excludes !== undefined && probe(excludes, rel).ignored);
    };

    // Iterative, so that very deep trees cannot exhaust the stack.
    const stack: { dir: string; rel: string; matchers: Matcher[] }[] = [{ dir: options.root, rel: '', matchers: top }];
    while (stack.length > 0) {
        const { dir, rel, matchers: inherited } = stack.pop()!;
        let entries: nodeFs.Dirent[];
        try {
            entries = fs.readdir(dir);
        } catch (error) {
            // A root that cannot be listed is a scan that cannot run (exit 3), not an empty tree.
            if (!rel) throw new RootNotFoundError(`cannot read ${options.root}: ${errorText(error)}`);
            result.skipped.push({ file: rel || '.', reason: 'unreadable', detail: errorText(error) });
            continue;
        }
        const matchers = [...inherited];
        if (options.ignoreFiles !== false) {
            for (const name of IGNORE_FILES) {
                if (!entries.some((e) => e.name === name)) continue;
                try {
                    const text = new TextDecoder().decode(fs.readFile(join(dir, name)));
                    matchers.push({ base: rel, ig: loadIgnore()().add(text) });
                } catch (error) {
                    result.skipped.push({
                        file: rel ? `${rel}/${name}` : name,
                        reason: 'unreadable',
                        detail: errorText(error)
                    });
                }
            }
        }
        entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
        for (const entry of entries) {
            const childRel = rel ? `${rel}/${entry.name}` : entry.name;
            const childPath = join(dir, entry.name);
            let type: FileType = entry;
            let isDir = entry.isDirectory();
            let isFile = entry.isFile();
            let size: number | undefined;
            if (entry.isSymbolicLink()) {
                let real: string;
                try {
                    real = fs.realpath(childPath);
                    const st = fs.stat(real);
                    type = st;
                    isDir = st.isDirectory();
                    isFile = st.isFile();
                    size = st.size;
                } catch (error) {
                    result.skipped.push({ file: childRel, reason: 'symlink-broken', detail: errorText(error) });
                    continue;
                }
                if (isIgnored(childRel, entry.name, isDir, matchers)) {
                    result.ignored++;
                    continue;
                }
                if (real !== rootReal && !real.startsWith(rootReal + sep)) {
                    result.skipped.push({
                        file: childRel,
                        reason: 'symlink-outside-root',
                        detail: `points to ${real}`
                    });
                    continue;
                }
                if (isDir) {
                    if (visited.has(real)) {
                        result.skipped.push({
                            file: childRel,
                            reason: 'symlink-loop',
                            detail: `${toPosix(relative(rootReal, real)) || '.'} is already scanned`
                        });
                        continue;
                    }
                    visited.add(real);
                }
            } else if (isIgnored(childRel, entry.name, isDir, matchers)) {
                result.ignored++;
                continue;
            }
            if (isDir) {
                stack.push({ dir: childPath, rel: childRel, matchers });
            } else if (isFile) {
                const kind = fileKind(childRel);
                if (!kind) {
                    // Ignore files are read (above) when --no-ignore-files is not given.
                    const readAsIgnoreFile =
                        options.ignoreFiles !== false && (IGNORE_FILES as readonly string[]).includes(entry.name);
                    if (!readAsIgnoreFile) addNotRead(result, childRel);
                    continue;
                }
                addFile(result, options, {
                    path: childPath,
                    rel: childRel,
                    ...(size === undefined ? {} : { size }),
                    kind
                });
            } else {
                addSpecialFile(result, childRel, type);
            }
        }
    }
    result.files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    return result;
}

function addFile(result: WalkResult, options: WalkOptions, entry: WalkEntry): void {
    if (entry.size !== undefined && entry.size > options.maxFileSize) {
        result.skipped.push({
            file: entry.rel,
            reason: 'too-large',
            detail: tooLargeDetail(entry.size, options.maxFileSize)
        });
        return;
    }
    result.files.push(entry);
}

/** Why a file was skipped as too large, the same whether the walk or the read found it out. */
export function tooLargeDetail(size: number, maxFileSize: number): string {
    return `${size} bytes, over the limit of ${maxFileSize}`;
}
