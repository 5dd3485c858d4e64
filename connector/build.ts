// Builds the connector bundle.
//   node --import tsx build.ts                    dist/index.html + dist/connector.js (host it anywhere)
//   node --import tsx build.ts --dev              same, with the duplicate-event guard throwing (development)
//   node --import tsx build.ts --static-resource  writes the bundle Salesforce deploys (a static resource)
//   node --import tsx build.ts --check            rebuilds in memory; fails if the committed static resource is stale
// Every build checks that exactly one copy of scv-connector-base is inside (its results are checked with
// instanceof) and prints the gzip size.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
export const STATIC_RESOURCE = join(
    repo,
    'force-app/connector-host/main/default/staticresources/SwitchboardConnector.js'
);
const version = (JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')) as { version: string }).version;

/** The minified bundle, as text. `strict` makes duplicate publishes throw instead of being logged and dropped. */
export async function bundle(strict: boolean): Promise<string> {
    const result = await build({
        entryPoints: [join(here, 'src/main.ts')],
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: ['es2020'],
        minify: true,
        legalComments: 'eof',
        write: false,
        metafile: true,
        define: {
            __SWITCHBOARD_STRICT_EVENTS__: String(strict),
            __SWITCHBOARD_VERSION__: JSON.stringify(version)
        },
        logLevel: 'silent'
    });
    const copies = Object.keys(result.metafile.inputs).filter((p) =>
        /@salesforce\/scv-connector-base\/dist\/scv-connector-base\.js$/.test(p)
    );
    if (copies.length !== 1)
        throw new Error(
            `expected exactly one copy of scv-connector-base in the bundle, found ${copies.length}: ${copies.join(', ')}`
        );
    const header = `/* Switchboard Partner Telephony connector ${version}. Built by connector/build.ts; do not edit. */\n`;
    return header + result.outputFiles[0]!.text;
}

/** The page that loads the bundle (the workbench serves it too). */
export const connectorPage = (script: string): string => `<!doctype html>
<html lang="en">
    <head>
        <meta charset="utf-8" />
        <title>Switchboard connector</title>
    </head>
    <body>
        <script src="${script}"></script>
    </body>
</html>
`;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const sizes = (code: string) => {
    const raw = Buffer.byteLength(code);
    return `${kb(raw)} minified, ${kb(gzipSync(code, { level: 9 }).length)} gzip`;
};

async function main(args: string[]): Promise<number> {
    if (args.includes('--check')) {
        const expected = await bundle(false);
        let committed = '';
        try {
            committed = readFileSync(STATIC_RESOURCE, 'utf8');
        } catch {
            // missing: reported below
        }
        if (committed !== expected) {
            console.error(
                `${relative(repo, STATIC_RESOURCE)} is stale: it differs from what connector/src builds to.\n` +
                    'Run `npm run build:resource -w connector` and commit the result.'
            );
            return 1;
        }
        return 0;
    }
    if (args.includes('--static-resource')) {
        const code = await bundle(false);
        writeFileSync(STATIC_RESOURCE, code);
        console.log(`${relative(repo, STATIC_RESOURCE)}: ${sizes(code)}`);
        return 0;
    }
    const code = await bundle(args.includes('--dev'));
    const dist = join(here, 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'connector.js'), code);
    writeFileSync(join(dist, 'index.html'), connectorPage('connector.js'));
    console.log(`dist/connector.js: ${sizes(code)}; dist/index.html`);
    return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
