// Step 8: Salesforce Code Analyzer engines driven from Node (the `sf code-analyzer` plugin cannot be installed here):
// - PMD and regex rules on Apex (code-analyzer-core 0.52). Severity 1-2 fails; so does an engine error, which is how
//   PMD reports an Apex file it cannot parse.
// - the Flow engine (code-analyzer-flow-engine 0.22 on core 0.29, the pairing it was built for).
// - Lightning Flow Scanner core 6.6.0 on every flow: error-level rules and unparsable flows fail.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageDirectories, rel } from '../lib/project.mjs';
import { apexFiles } from '../lib/apex.mjs';
import { flowFiles } from '../lib/references/flow-references.mjs';
import { cachedCheck, cacheEnabled } from '../lib/result-cache.mjs';

/** Severity at or below this fails (1 = critical, 2 = high). */
const FAILING_SEVERITY = 2;

async function runCodeAnalyzer(coreModule, enginePackages, selectors, root, toolRoot) {
    const { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } = await import(coreModule);
    const configFile = join(toolRoot, 'code-analyzer.yml');
    const config = existsSync(configFile) ? CodeAnalyzerConfig.fromFile(configFile) : CodeAnalyzerConfig.fromObject({});
    const analyzer = new CodeAnalyzer(config);
    const diagnostics = [];
    const onLog = (event) => {
        if (event.logLevel <= LogLevel.Error) {
            diagnostics.push({
                file: '',
                message: `[${event.engineName ?? 'core'}] engine error: ${event.message}`,
                rule: 'engine-error'
            });
        }
    };
    analyzer.onEvent(EventType.LogEvent, onLog);
    analyzer.onEvent(EventType.EngineLogEvent, onLog);
    for (const name of enginePackages) {
        const engine = await import(name);
        await analyzer.addEnginePlugin(engine.createEnginePlugin());
    }
    const workspace = await analyzer.createWorkspace(packageDirectories(root));
    const rules = await analyzer.selectRules(selectors, { workspace });
    const results = await analyzer.run(rules, { workspace });
    for (const v of results.getViolations()) {
        const loc = v.getCodeLocations()[v.getPrimaryLocationIndex()];
        const severity = v.getRule().getSeverityLevel();
        diagnostics.push({
            file: loc.getFile() ? rel(root, loc.getFile()) : '',
            line: loc.getStartLine(),
            column: loc.getStartColumn(),
            severity: severity <= FAILING_SEVERITY ? 'error' : 'warning',
            message: `sev${severity} ${v.getMessage().trim()}`,
            rule: `${v.getRule().getEngineName()}:${v.getRule().getName()}`
        });
    }
    return diagnostics;
}

async function runFlowScanner(root, flows) {
    const { default: lfs } = await import('@flow-scanner/lightning-flow-scanner-core');
    const parsed = await lfs.parse(flows);
    const diagnostics = [];
    for (const p of parsed) {
        if (p.errorMessage) {
            diagnostics.push({
                file: rel(root, p.uri ?? p.flow?.fsPath ?? ''),
                message: `Lightning Flow Scanner cannot parse this flow: ${p.errorMessage}`,
                rule: 'lfs:parse'
            });
        }
    }
    for (const result of lfs.scan(parsed.filter((p) => !p.errorMessage))) {
        const file = rel(root, result.flow.fsPath ?? result.flow.uri ?? '');
        for (const ruleResult of result.ruleResults.filter((r) => r.occurs)) {
            for (const detail of ruleResult.details) {
                diagnostics.push({
                    file,
                    line: detail.details?.lineNumber ?? detail.lineNumber,
                    severity: ruleResult.severity === 'error' ? 'error' : 'warning',
                    message: `${ruleResult.ruleDefinition?.label ?? ruleResult.ruleName}${detail.name ? `: ${detail.name}` : ''}${detail.type ? ` (${detail.type})` : ''}`,
                    rule: `lfs:${ruleResult.ruleName}`
                });
            }
        }
    }
    return diagnostics;
}

/**
 * The engines find their runtimes by running `java -version` / `python3 --version` and reading the output on the
 * child's 'exit' event, which can fire before the output is drained: on a loaded machine the version comes back
 * empty and the engine refuses to start ("Could not locate Java", "not a recognizable version of Python"). Only that
 * failure is retried, with fresh engine instances (the Java probe caches its result per instance).
 */
const RUNTIME_PROBE_RACE = /Could not locate Java|does not seem to be a recognizable version of Python/;

export async function withRuntimeProbeRetry(run, attempts = 3) {
    let diagnostics = [];
    for (let attempt = 1; attempt <= attempts; attempt++) {
        diagnostics = await run();
        if (!diagnostics.some((d) => RUNTIME_PROBE_RACE.test(d.message))) return diagnostics;
    }
    return diagnostics;
}

export async function run({ root, toolRoot, includeWorkspaces, env }) {
    return cachedCheck(
        { root, name: 'code-analyzer', dirs: ['force-app'], enabled: includeWorkspaces && cacheEnabled(env) },
        () => analyze(root, toolRoot)
    );
}

async function analyze(root, toolRoot) {
    const notes = [];
    const tasks = [];
    const apex = apexFiles(root);
    const flows = flowFiles(root);
    if (apex.length) {
        tasks.push(
            withRuntimeProbeRetry(() =>
                runCodeAnalyzer(
                    '@salesforce/code-analyzer-core',
                    ['@salesforce/code-analyzer-pmd-engine', '@salesforce/code-analyzer-regex-engine'],
                    ['pmd:Recommended', 'regex'],
                    root,
                    toolRoot
                )
            )
        );
        notes.push(`PMD + regex rules on ${apex.length} Apex file(s)`);
    }
    if (flows.length) {
        tasks.push(
            withRuntimeProbeRetry(() =>
                runCodeAnalyzer('ca-core-flow', ['@salesforce/code-analyzer-flow-engine'], ['flow'], root, toolRoot)
            )
        );
        tasks.push(runFlowScanner(root, flows));
        notes.push(`Flow engine + Lightning Flow Scanner on ${flows.length} flow(s)`);
    }
    if (!tasks.length) notes.push('no Apex or flows yet');
    const diagnostics = (await Promise.all(tasks)).flat();
    return { diagnostics, notes };
}
