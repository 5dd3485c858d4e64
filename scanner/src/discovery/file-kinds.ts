// Which files the scanner reads, and as what. Decided by name; static resources are sniffed when read.
import type { Language } from '../analysis/javascript.js';
import type { MarkupFlavor } from '../extract/markup.js';

export type FileKind =
    | { kind: 'script'; language: Language }
    | { kind: 'markup'; flavor: MarkupFlavor }
    | { kind: 'markdown' }
    | { kind: 'call-center' }
    /** Any other XML: read only when it looks like an ad-hoc call-center definition. */
    | { kind: 'xml' }
    /** A static resource whose content decides (JavaScript, HTML, or an archive). */
    | { kind: 'static-resource' }
    /** Code no JavaScript parser reads (ClojureScript, CoffeeScript...): Open CTI member chains found by text. */
    | { kind: 'other-language'; language: string; lineComment: string };

const template = { kind: 'markup', flavor: 'template' } as const;
const other = (language: string, lineComment: string): FileKind => ({ kind: 'other-language', language, lineComment });

const BY_EXTENSION: Readonly<Record<string, FileKind>> = {
    '.js': { kind: 'script', language: 'js' },
    '.mjs': { kind: 'script', language: 'js' },
    '.cjs': { kind: 'script', language: 'js' },
    '.jsx': { kind: 'script', language: 'jsx' },
    '.ts': { kind: 'script', language: 'ts' },
    '.mts': { kind: 'script', language: 'ts' },
    '.cts': { kind: 'script', language: 'ts' },
    '.tsx': { kind: 'script', language: 'tsx' },
    '.html': { kind: 'markup', flavor: 'html' },
    '.htm': { kind: 'markup', flavor: 'html' },
    '.xhtml': { kind: 'markup', flavor: 'html' },
    '.page': { kind: 'markup', flavor: 'visualforce' },
    '.vf': { kind: 'markup', flavor: 'visualforce' },
    '.vfp': { kind: 'markup', flavor: 'visualforce' },
    // Page templates: markup whose <script> blocks may hold template tags (masked before parsing).
    '.jsp': template,
    '.jspf': template,
    '.asp': template,
    '.aspx': template,
    '.cshtml': template,
    '.php': template,
    '.erb': template,
    '.ejs': template,
    '.hbs': template,
    '.handlebars': template,
    '.mustache': template,
    '.njk': template,
    '.twig': template,
    '.liquid': template,
    '.tpl': template,
    '.vue': template,
    '.svelte': template,
    // Languages that compile to JavaScript and call Open CTI through interop.
    '.cljs': other('ClojureScript', ';'),
    '.cljc': other('ClojureScript', ';'),
    '.coffee': other('CoffeeScript', '#'),
    '.litcoffee': other('CoffeeScript', '#'),
    '.ls': other('LiveScript', '#'),
    '.dart': other('Dart', '//'),
    '.re': other('Reason', '//'),
    '.res': other('ReScript', '//'),
    '.hx': other('Haxe', '//'),
    '.scala': other('Scala.js', '//'),
    '.kt': other('Kotlin/JS', '//'),
    '.component': { kind: 'markup', flavor: 'visualforce' },
    '.cmp': { kind: 'markup', flavor: 'aura' },
    '.app': { kind: 'markup', flavor: 'aura' },
    '.md': { kind: 'markdown' },
    '.markdown': { kind: 'markdown' },
    '.callcenter': { kind: 'call-center' },
    '.resource': { kind: 'static-resource' },
    '.xml': { kind: 'xml' }
};

/** The extensions the scanner reads (lower case); `.callCenter-meta.xml` and extension-less resources besides. */
export const READ_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** The kind of a file from its path (posix, relative), or undefined when the scanner does not read it. */
export function fileKind(relPath: string): FileKind | undefined {
    const name = relPath.slice(relPath.lastIndexOf('/') + 1).toLowerCase();
    if (name.endsWith('.callcenter-meta.xml')) return { kind: 'call-center' };
    if (name.endsWith('.d.ts')) return undefined;
    const dot = name.lastIndexOf('.');
    if (dot <= 0) {
        // Extension-less files count only inside a static-resources folder (source format keeps them there).
        return /(^|\/)staticresources\//i.test(relPath) ? { kind: 'static-resource' } : undefined;
    }
    return BY_EXTENSION[name.slice(dot)];
}

export type ContentSniff = 'binary' | 'archive' | 'text';

/** Archives by magic number; binaries by a NUL byte in the first 8 KiB. */
export function sniff(bytes: Uint8Array): ContentSniff {
    if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
        return 'archive';
    }
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'archive';
    return bytes.subarray(0, 8192).indexOf(0) >= 0 ? 'binary' : 'text';
}

/** What a static resource's text is: markup when it starts with a tag, otherwise JavaScript. */
export function staticResourceKind(text: string): FileKind {
    return /^\s*</.test(text) ? { kind: 'markup', flavor: 'html' } : { kind: 'script', language: 'js' };
}
