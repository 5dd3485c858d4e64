// FlexiPages name components; a deploy fails when a project component they name is missing, not exposed, lacks
// the page's target, or is given a property its js-meta.xml does not declare for that target. Namespaced components
// (force:, flexipage:, runtime_service_omnichannel:...) belong to the platform and are not checked.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { lwcBundles, rel, sourceFiles } from '../project.mjs';
import { childElement, childElements, descendants, parseXmlFile, textOf } from '../xml.mjs';

/**
 * Properties the Lightning App Builder sets on every Utility Bar item (the utility's label, icon, panel width and
 * height, load in background, scrolling); the component does not declare them.
 */
const UTILITY_ITEM_PROPERTIES = new Set(['label', 'icon', 'width', 'height', 'eager', 'scrollable']);

/** FlexiPage type → the LWC target a component needs to be placed on it. */
const PAGE_TARGETS = {
    VoiceExtension: 'lightning__VoiceExtension',
    RecordPage: 'lightning__RecordPage',
    AppPage: 'lightning__AppPage',
    HomePage: 'lightning__HomePage',
    UtilityBar: 'lightning__UtilityBar'
};

function bundleInfo(bundle) {
    const meta = join(bundle.dir, `${bundle.name}.js-meta.xml`);
    if (!existsSync(meta)) return null;
    const { root } = parseXmlFile(meta);
    if (!root) return null;
    const targets = new Set(childElements(childElement(root, 'targets'), 'target').map((t) => textOf(t)));
    /** target → declared property names */
    const properties = new Map();
    for (const config of childElements(childElement(root, 'targetConfigs'), 'targetConfig')) {
        const names = childElements(config, 'property').map((p) => p.getAttribute('name'));
        for (const target of (config.getAttribute('targets') ?? '').split(',').map((t) => t.trim())) {
            properties.set(target, new Set([...(properties.get(target) ?? []), ...names]));
        }
    }
    return { exposed: textOf(root, 'isExposed') === 'true', targets, properties };
}

/** @returns {{ references: object[], problems: object[] }} */
export function collectFlexiPageReferences(root) {
    const problems = [];
    const bundles = new Map(lwcBundles(root).map((b) => [b.name.toLowerCase(), b]));
    // Aura components may be placed on pages too: an aura/<name>/<name>.cmp of the project
    const auraBundles = new Set(
        sourceFiles(root, (f) => f.endsWith('.cmp'))
            .filter((f) => basename(dirname(dirname(f))) === 'aura')
            .map((f) => basename(f, '.cmp').toLowerCase())
    );
    const infos = new Map();
    const infoOf = (bundle) => {
        if (!infos.has(bundle.name)) infos.set(bundle.name, bundleInfo(bundle));
        return infos.get(bundle.name);
    };
    for (const file of sourceFiles(root, (f) => f.endsWith('.flexipage-meta.xml'))) {
        const { root: page } = parseXmlFile(file);
        if (!page) continue;
        const where = rel(root, file);
        const pageType = textOf(page, 'type');
        const target = PAGE_TARGETS[pageType];
        for (const instance of descendants(page, 'componentInstance')) {
            const nameEl = childElement(instance, 'componentName');
            const name = textOf(nameEl);
            if (!name || name.includes(':')) continue;
            const bundle = bundles.get(name.toLowerCase());
            const at = { file: where, line: nameEl.lineNumber };
            if (!bundle && auraBundles.has(name.toLowerCase())) continue;
            if (!bundle) {
                problems.push({
                    ...at,
                    message: `component ${name} is not in this project (no lwc/${name} or aura/${name} bundle)`,
                    rule: 'unknown-component'
                });
                continue;
            }
            const info = infoOf(bundle);
            if (!info?.exposed) {
                problems.push({
                    ...at,
                    message: `component ${name} is not exposed: set <isExposed>true</isExposed> in its js-meta.xml`,
                    rule: 'unknown-component'
                });
                continue;
            }
            if (target && !info.targets.has(target)) {
                problems.push({
                    ...at,
                    message: `component ${name} lacks the target ${target} that a ${pageType} page needs`,
                    rule: 'unknown-component'
                });
                continue;
            }
            const declared = target ? (info.properties.get(target) ?? new Set()) : null;
            for (const property of childElements(instance, 'componentInstanceProperties')) {
                const propertyName = textOf(property, 'name');
                if (pageType === 'UtilityBar' && UTILITY_ITEM_PROPERTIES.has(propertyName)) continue;
                if (declared && propertyName && !declared.has(propertyName)) {
                    problems.push({
                        file: where,
                        line: property.lineNumber,
                        message: `${name} declares no property ${propertyName} for ${target} (targetConfig in its js-meta.xml)`,
                        rule: 'unknown-component-property'
                    });
                }
            }
        }
    }
    return { references: [], problems };
}
