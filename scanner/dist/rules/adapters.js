// Generated from scanner/src/rules/adapters.ts by `npm run build -w @switchboard/scanner`: do not edit.
// Which call center governs which file, so that "a Classic API in a Lightning adapter" is decided per adapter, not
// for the whole tree: a file belongs to the call center whose reqAdapterUrl names it (a Visualforce page by
// `/apex/Name`, or a page by the end of its URL path) or that the page loads (`$Resource.Name`, a relative
// `<script src>`); otherwise to the nearest call center above it (a `callCenters/` folder counts for its parent,
// the package folder of a Salesforce DX project).
import { posix } from 'node:path';
/** The files an adapter URL names, among the scanned files. */
export function pagesOf(url, files) {
    const apex = /^\/apex\/(?:\w+__)?(\w+)/i.exec(url.trim());
    if (apex) {
        const name = apex[1].toLowerCase();
        return files.filter((f) => {
            const base = posix.basename(f).toLowerCase();
            return ['.page', '.vf', '.vfp'].some((ext) => base === `${name}${ext}`);
        });
    }
    let path;
    try {
        path = new URL(url.trim(), 'https://adapter.invalid/').pathname;
    }
    catch {
        return [];
    }
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments.length === 0)
        return [];
    // The longest tail of the URL path that some files end with.
    for (let n = segments.length; n >= 1; n--) {
        const tail = segments.slice(-n).join('/');
        const hits = files.filter((f) => f === tail || f.endsWith(`/${tail}`));
        if (hits.length > 0)
            return hits;
    }
    return [];
}
/** The files a page loads: static resources by name, and scripts by relative `src`. */
function loadedBy(page, text, files) {
    const out = new Set();
    for (const m of text.matchAll(/\$Resource\.(\w+)/g)) {
        const name = m[1];
        for (const f of files) {
            if (new RegExp(`(^|/)staticresources/${name}(\\.resource(!/.*)?|/.*)?$`, 'i').test(f))
                out.add(f);
        }
    }
    for (const m of text.matchAll(/\bsrc\s*=\s*["']([^"':?#]+)["']/g)) {
        const target = posix.normalize(posix.join(posix.dirname(page), m[1]));
        if (files.includes(target))
            out.add(target);
    }
    return [...out];
}
/** The folder a call center governs when no adapter URL names a file. */
export function scopeOf(rel) {
    const dir = posix.dirname(rel);
    const parts = dir === '.' ? [] : dir.split('/');
    const at = parts.findIndex((p) => p.toLowerCase() === 'callcenters');
    return (at >= 0 ? parts.slice(0, at) : parts).join('/');
}
/**
 * The compatibility mode that governs each file: its adapter's call center. `read` gives a page's text (to follow
 * what it loads). Files no call center governs are absent.
 */
export function governingModes(centers, files, read) {
    const modes = new Map();
    // Nearest scope first (deepest folder), so a call center beside an adapter wins over one at the root.
    const byDepth = centers
        .map((center) => ({ center, scope: scopeOf(center.rel) }))
        .sort((a, b) => b.scope.length - a.scope.length);
    for (const f of files) {
        const nearest = byDepth.find(({ scope }) => scope === '' || f === scope || f.startsWith(`${scope}/`));
        if (nearest)
            modes.set(f, nearest.center.mode);
    }
    // Named by an adapter URL, or loaded by such a page: that call center decides, whatever the folders say. Call
    // centers often share a URL: each URL's pages are looked up once.
    const pages = new Map();
    const loads = new Map();
    for (const c of centers) {
        if (!c.adapterUrl)
            continue;
        let named = pages.get(c.adapterUrl);
        if (!named) {
            named = pagesOf(c.adapterUrl, files);
            pages.set(c.adapterUrl, named);
        }
        for (const page of named) {
            modes.set(page, c.mode);
            let loaded = loads.get(page);
            if (!loaded) {
                const text = read(page);
                loaded = text === undefined ? [] : loadedBy(page, text, files);
                loads.set(page, loaded);
            }
            for (const f of loaded)
                modes.set(f, c.mode);
        }
    }
    return modes;
}
