// Shared test helpers: fixture paths, a fixed clock, and file snapshots (UPDATE_SNAPSHOTS=1 rewrites them).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EMPTY_REGISTRY, type Detection } from '../src/analysis/detections.js';
import { analyzeJavaScript, type Language } from '../src/analysis/javascript.js';
import { loadGateCatalog } from '../src/scan.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const fixture = (rel: string): string => `${FIXTURES}${rel}`;
export const FIXED_NOW = (): Date => new Date('2026-01-02T03:04:05.000Z');
export const ZERO_CLOCK = (): number => 0;
export const catalog = loadGateCatalog();

export function detect(code: string, language: Language = 'js'): Detection[] {
    return analyzeJavaScript(code, { file: 'unit.js', language, registry: EMPTY_REGISTRY }).detections;
}

/** `kind path traits` of each detection, for compact assertions. */
export function brief(detections: readonly Detection[]): string[] {
    return detections.map((d) => `${d.kind} ${d.path.join('.')} ${d.traits.join(',')}`);
}

export function matchSnapshot(name: string, actual: string): void {
    const file = fileURLToPath(new URL(`./snapshots/${name}`, import.meta.url));
    if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(file)) {
        if (process.env.CI && !existsSync(file)) assert.fail(`snapshot ${name} is missing`);
        writeFileSync(file, actual);
        return;
    }
    assert.equal(actual, readFileSync(file, 'utf8'), `snapshot ${name} differs (UPDATE_SNAPSHOTS=1 to accept)`);
}
