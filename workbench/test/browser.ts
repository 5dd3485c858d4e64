// The real browser for the workbench's tests: Debian's Chromium (`command -v chromium`) through playwright-core,
// with the flags this machine's closed network needs, and axe-core run inside the page.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export function chromiumPath(): string {
    const found =
        process.env.CHROMIUM_PATH ?? execFileSync('sh', ['-c', 'command -v chromium || true']).toString().trim();
    if (!found)
        throw new Error(
            "Chromium is not installed: `apt-get install -y chromium` (the workbench tests drive Debian's Chromium)."
        );
    return found;
}

export function launchChromium(): Promise<Browser> {
    return chromium.launch({
        executablePath: chromiumPath(),
        headless: true,
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync'
        ]
    });
}

/** Page errors and console errors, so that a blank page or a thrown handler fails the test. */
export function collectErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
            errors.push(`console: ${message.text()}`);
    });
    return errors;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's WCAG 2 A/AA rules, colour contrast included, over the whole page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
    await page.addScriptTag({ content: axeSource });
    return page.evaluate(async () => {
        const axe = (
            window as unknown as {
                axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
            }
        ).axe;
        const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
        });
        return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary }))
        }));
    });
}

export function describeViolations(violations: readonly AxeViolation[]): string {
    return violations
        .map(
            (v) =>
                `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`
        )
        .join('\n');
}
