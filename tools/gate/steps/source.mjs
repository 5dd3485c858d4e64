// Step 6: every file under the package directories resolves to a metadata type with
// @salesforce/source-deploy-retrieve, the library `sf project deploy` uses. Catches stray files (they would be
// silently left out of a deploy), unknown suffixes, and code without its -meta.xml.
import { dirname, resolve } from 'node:path';
import { ComponentSet, ForceIgnore, RegistryAccess } from '@salesforce/source-deploy-retrieve';
import { validateProjectConfig } from '../lib/project-config.mjs';
import { isTestPath, jestTestOnly, packageDirectories, rel, walkFiles } from '../lib/project.mjs';

/** Types whose source file is meaningless without a -meta.xml beside it. */
const NEEDS_META = new Set([
    'ApexClass',
    'ApexTrigger',
    'ApexPage',
    'ApexComponent',
    'LightningComponentBundle',
    'AuraDefinitionBundle',
    'StaticResource'
]);

export async function run({ root }) {
    const diagnostics = [];
    const registry = new RegistryAccess(undefined, root);
    const forceIgnore = ForceIgnore.findAndCreate(root);
    // jest's stubs and setup files are left out of a deploy on purpose: not findings
    const jestOnly = jestTestOnly(root);
    let testOnly = 0;
    let components = 0;
    for (const dir of packageDirectories(root)) {
        const claimed = new Set();
        let set;
        try {
            set = ComponentSet.fromSource({ fsPaths: [dir], registry });
        } catch (error) {
            // An unknown suffix stops SDR; name the file it could not type.
            const file =
                /'([^']+)'/.exec(String(error.message))?.[1] ?? /(\S+\.\S+-meta\.xml)/.exec(String(error.message))?.[1];
            diagnostics.push({
                file: file ? rel(root, resolve(root, file)) : rel(root, dir),
                message: `cannot be typed: ${String(error.message).split('\n')[0]}`,
                rule: error.name ?? 'sdr'
            });
            continue;
        }
        for (const component of set.getSourceComponents()) {
            components++;
            if (component.xml) claimed.add(resolve(component.xml));
            if (component.content) {
                for (const f of component.walkContent()) claimed.add(resolve(f));
                claimed.add(resolve(component.content));
            }
            for (const child of component.getChildren()) if (child.xml) claimed.add(resolve(child.xml));
            if (NEEDS_META.has(component.type.name) && !component.xml) {
                const where = component.content ? rel(root, component.content) : rel(root, dir);
                diagnostics.push({
                    file: where,
                    message: `${component.type.name} ${component.fullName} has no -meta.xml: it will not deploy`,
                    rule: 'missing-meta'
                });
            }
        }
        for (const file of walkFiles(dir)) {
            const abs = resolve(file);
            if (claimed.has(abs) || forceIgnore.denies(abs)) continue;
            if (isTestPath(abs) || jestOnly(abs)) {
                testOnly++;
                continue;
            }
            // A content file claimed through its folder (static resource folders, bundles) counts as claimed.
            let parent = dirname(abs);
            let inClaimedFolder = false;
            while (parent.length > resolve(dir).length) {
                if (claimed.has(parent)) inClaimedFolder = true;
                parent = dirname(parent);
            }
            if (inClaimedFolder) continue;
            diagnostics.push({
                file: rel(root, abs),
                message:
                    'does not resolve to any metadata type: it would be left out of a deploy (add its -meta.xml, move it out of force-app, or .forceignore it)',
                rule: 'unresolved'
            });
        }
    }
    const config = validateProjectConfig(root);
    diagnostics.push(...config.diagnostics);
    return {
        diagnostics,
        notes: [
            `${components} component(s) resolved`,
            ...(testOnly
                ? [
                      `${testOnly} test-only file(s) left out (__tests__, __mocks__, jest moduleNameMapper and setup files)`
                  ]
                : []),
            `${config.checked} project config file(s) validated against @salesforce/schemas`
        ]
    };
}
