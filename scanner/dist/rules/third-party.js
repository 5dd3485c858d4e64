// Generated from scanner/src/rules/third-party.ts by `npm run build -w @switchboard/scanner`: do not edit.
// Third-party code: vendored and minified libraries. Their storage, cookie and messaging findings are about the
// library, not the adapter, so reports keep them apart (and out of the work list and the problems). Decided from
// the path, the name, the shape of the lines and a license banner; the reason is kept on each finding.
/** Folders that hold other people's code. */
const VENDOR_PATH = /(^|\/)(vendor|vendors|third[-_]?party|3rdparty|external|bower_components|jspm_packages|node_modules|lib\/(jquery|bootstrap|lodash|moment)[^/]*)\//i;
/** `jquery.min.js`, `app.min.js`, `bundle-min.js`, source maps' neighbours. */
const MIN_NAME = /[.-]min\.(m?js|cjs)$/i;
/** Well-known library file names, vendored without a folder. */
const LIBRARY_NAME = /(^|\/)(jquery|jquery-ui|bootstrap|lodash|underscore|moment|angular|react(-dom)?|vue|backbone|handlebars|require|socket\.io|sip|jssip|sipml5|js\.cookie|js-cookie|polyfill|core-js)([.-][\w.-]*)?\.(m?js|cjs)$/i;
/** A license banner in the first lines: `/*! jQuery v3 | (c) OpenJS`, `@license`, `Copyright (c) ... MIT`. */
const BANNER = /^\s*(\/\*!|\/\*\*?\s*@license|\/\/!?\s*@license)|@license\b|\(c\)\s*\d{4}.*\b(MIT|BSD|Apache|ISC)\b/i;
/** Why a file is third-party code, or undefined when it is the adapter's own. */
export function thirdPartyReason(rel, text) {
    const path = rel.replace(/!\//g, '/');
    if (VENDOR_PATH.test(path))
        return 'a vendored library folder';
    if (MIN_NAME.test(path))
        return 'a minified file (.min. in its name)';
    if (LIBRARY_NAME.test(path))
        return 'a known library file name';
    const head = text.slice(0, 2000);
    if (BANNER.test(head))
        return 'a library license banner';
    // Minified: few, very long lines.
    if (text.length > 20_000) {
        let lines = 1;
        for (let i = text.indexOf('\n'); i >= 0 && lines < 10_000; i = text.indexOf('\n', i + 1))
            lines++;
        if (text.length / lines > 500)
            return 'minified code (lines over 500 characters on average)';
    }
    return undefined;
}
