// Shared test helpers: fixture paths, a fixed clock, and file snapshots (UPDATE_SNAPSHOTS=1 rewrites them).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EMPTY_REGISTRY, type Detection } from '../src/analysis/detections.js';
import {
    analyzeJavaScript,
    analyzeParsed,
    parseWithTypeScript,
    type AnalysisResult,
    type Language
} from '../src/analysis/javascript.js';
import type { AnalyzeOptions } from '../src/analysis/js/model.js';
import { loadGateCatalog } from '../src/scan.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const fixture = (rel: string): string => `${FIXTURES}${rel}`;
export const FIXED_NOW = (): Date => new Date('2026-01-02T03:04:05.000Z');
export const ZERO_CLOCK = (): number => 0;
export const catalog = loadGateCatalog();

/**
 * The detections of a unit. Every unit a test analyses this way is analysed twice, and must come out the same: as the
 * scanner parses it (oxc first) and by the TypeScript compiler alone (see test/oxc-tree.test.ts).
 */
export function detect(code: string, language: Language = 'js'): Detection[] {
    const options = { file: 'unit.js', language, registry: EMPTY_REGISTRY };
    const result = analyzeJavaScript(code, options);
    assert.deepStrictEqual(result, analyzeWithTypeScript(code, options), 'oxc and the compiler disagree');
    return result.detections;
}

/** `analyzeJavaScript` with the TypeScript compiler as the parser, whatever oxc would do. */
export function analyzeWithTypeScript(code: string, options: AnalyzeOptions): AnalysisResult {
    return analyzeParsed(parseWithTypeScript(code, options), options);
}

/** `kind path traits` of each detection, for compact assertions. */
export function brief(detections: readonly Detection[]): string[] {
    return detections.map((d) => `${d.kind} ${d.path.join('.')} ${d.traits.join(',')}`);
}

/** True when the CI variable is set the way CI services set it (`CI=false` or `CI=0` means not CI). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
    const ci = env.CI?.trim().toLowerCase();
    return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * Compares `actual` with `snapshots/<name>`. A missing snapshot is written (and the test passes) on a developer's
 * machine, but fails under CI: CI must test against committed snapshots, never create them.
 */
export function matchSnapshot(
    name: string,
    actual: string,
    options: { dir?: URL; env?: NodeJS.ProcessEnv; log?: (message: string) => void } = {}
): void {
    const env = options.env ?? process.env;
    const file = fileURLToPath(new URL(name, options.dir ?? new URL('./snapshots/', import.meta.url)));
    const exists = existsSync(file);
    if (!exists && isCi(env)) {
        assert.fail(
            `snapshot ${file} is missing, and CI does not create snapshots. To create it, run \`npm test\` in ` +
                'scanner/ with CI unset (a missing snapshot is written then), review the file and commit it.'
        );
    }
    if (env.UPDATE_SNAPSHOTS === '1' || !exists) {
        writeFileSync(file, actual);
        const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
        if (!exists) log(`wrote new snapshot ${file}: review and commit it`);
        return;
    }
    assert.equal(
        actual,
        readFileSync(file, 'utf8'),
        `snapshot ${file} differs (UPDATE_SNAPSHOTS=1 npm test to accept)`
    );
}
