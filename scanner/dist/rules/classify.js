// Generated from scanner/src/rules/classify.ts by `npm run build -w @switchboard/scanner`: do not edit.
import { CONSOLE_TOOLKIT_MAPPINGS, ENUMS, ENUM_MAPPINGS, METHODS, NAMESPACE_PLATFORM, NON_METHOD_MAPPINGS, PRESENCE_RUN_APEX, isNamespace, methodAt } from '../catalog/open-cti.js';
import { COMPONENTS, GUIDE, connectorMethod } from '../catalog/mapping.js';
import { mapSaveLogField } from '../catalog/save-log-fields.js';
/** What an `sforce...` path designates, or undefined when it is not Open CTI (sforce.one, sforce.connection...). */
function classifyPath(path) {
    if (path[0] !== 'sforce')
        return undefined;
    for (const length of [3, 2]) {
        const ns = path.slice(0, length).join('.');
        if (path.length < length || !isNamespace(ns))
            continue;
        const member = path[length];
        if (member === undefined)
            return undefined;
        if (ns === 'sforce.opencti' && (member === 'SCREENPOP_TYPE' || member === 'CALL_TYPE')) {
            const value = path[length + 1];
            return value === undefined ? undefined : { kind: 'enum', name: member, value };
        }
        if ((ns === 'sforce.opencti' && member === 'hvs') ||
            (ns === 'sforce.interaction' && (member === 'cti' || member === 'entityFeed'))) {
            return undefined;
        }
        const spec = methodAt(`${ns}.${member}`);
        if (spec)
            return { kind: 'method', spec, trailing: path.length - length - 1 };
        return { kind: 'unknown', namespace: ns, member };
    }
    if (path[1] === 'console' && path[2] !== undefined && path[2] !== 'cti') {
        return { kind: 'console-toolkit', member: path.slice(2).join('.') };
    }
    return undefined;
}
const ruleOf = (spec) => `${spec.namespace.replace(/^sforce\./, '')}.${spec.name}`;
function levenshtein(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = tmp;
        }
    }
    return row[b.length];
}
/** The closest name in `candidates` (edit distance at most 2, or a case-only difference). */
function closest(name, candidates) {
    let best;
    let bestDistance = 3;
    for (const c of candidates) {
        const d = c.toLowerCase() === name.toLowerCase() ? 0 : levenshtein(name, c);
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}
const describe = (v) => v.kind === 'api' ? 'an Open CTI reference' : v.kind === 'object' ? 'an object' : `a ${v.kind}`;
/** Argument checks for a Lightning method: one object argument with documented keys (voice-platform.md §9.1). */
function lightningArgumentIssues(spec, args) {
    const keys = spec.keys;
    if (!keys)
        return [];
    const issues = [];
    const name = `${spec.namespace}.${spec.name}`;
    const isListener = keys.required.includes('listener');
    const shape = (severity, message) => {
        issues.push({
            rule: isListener && severity === 'error' ? 'missing-listener' : 'argument-shape',
            severity,
            message
        });
    };
    const arg = args[0];
    if (!arg) {
        if (keys.required.length > 0) {
            shape('error', `${name} takes one object argument with ${keys.required.join(', ')}; it is called with none`);
        }
        else {
            shape('warning', `${name} takes one object argument ({ callback }); it is called with none`);
        }
        return issues;
    }
    if (args.length > 1) {
        shape('error', `${name} takes one object argument; it is called with ${args.length} arguments (the Classic positional style)`);
    }
    if (arg.kind === 'unknown' || arg.kind === 'api')
        return issues;
    if (arg.kind !== 'object') {
        const hint = isListener && arg.kind === 'function' ? ': pass { listener: fn }' : '';
        shape('error', `${name} takes one object argument, not ${describe(arg)}${hint}`);
        return issues;
    }
    const present = Object.keys(arg.props);
    for (const key of present) {
        if (keys.allowed.includes(key))
            continue;
        const suggestion = closest(key, keys.allowed);
        issues.push({
            rule: 'argument-shape',
            severity: 'warning',
            message: `${name} has no argument key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; documented keys: ${keys.allowed.join(', ')}`
        });
    }
    if (!arg.spread) {
        for (const required of keys.required) {
            if (present.includes(required))
                continue;
            const usedCallback = required === 'listener' && present.includes('callback');
            shape('error', usedCallback
                ? `${name} needs { listener }: a callback only reports that the listener was registered, so clicks are never handled`
                : `${name} is called without its required key "${required}"`);
        }
    }
    const range = (key, min, max) => {
        const v = arg.props[key];
        if (v?.kind === 'number' && (v.value < min || v.value > max)) {
            issues.push({
                rule: 'argument-shape',
                severity: 'warning',
                message: `${name}: ${key} ${v.value} is outside the documented range ${min}-${max}`
            });
        }
    };
    if (spec.name === 'setSoftphonePanelHeight')
        range('heightPX', 240, 2560);
    if (spec.name === 'setSoftphonePanelWidth')
        range('widthPX', 200, 1920);
    if (spec.name === 'setSoftphonePanelVisibility') {
        const v = arg.props.visible;
        if (v && v.kind !== 'boolean' && v.kind !== 'unknown') {
            issues.push({
                rule: 'argument-shape',
                severity: 'warning',
                message: `${name}: visible must be a boolean, not ${describe(v)}`
            });
        }
    }
    return issues;
}
/** Checks of Classic calls: positional arguments (saveLog(object, saveParams, callback), onClickToDial(fn)...). */
function classicArgumentIssues(spec, args) {
    const name = `${spec.namespace}.${spec.name}`;
    const first = args[0];
    if (args.length === 1 && first?.kind === 'object') {
        return [
            {
                rule: 'argument-shape',
                severity: 'warning',
                message: `${name} is a Classic method: it takes positional arguments, not one object (that is the Lightning style of sforce.opencti)`
            }
        ];
    }
    const listeners = ['onClickToDial', 'onFocus', 'onObjectUpdate'];
    if (listeners.includes(spec.name) && first?.kind !== 'function' && first?.kind !== 'unknown') {
        return [
            {
                rule: 'missing-listener',
                severity: 'error',
                message: `${name} needs a listener function as its first argument`
            }
        ];
    }
    return [];
}
const PRESENCE = /presence|agentstatus|agent_status|userstatus|availability/i;
function runApexMapping(spec, args) {
    const texts = [];
    const first = args[0];
    if (first?.kind === 'object') {
        for (const key of ['apexClass', 'methodName']) {
            const v = first.props[key];
            if (v?.kind === 'string')
                texts.push(v.value);
        }
    }
    else {
        for (const a of args.slice(0, 2))
            if (a.kind === 'string')
                texts.push(a.value);
    }
    return texts.some((t) => PRESENCE.test(t)) ? PRESENCE_RUN_APEX : spec.mapping;
}
/** Field names from a URL-encoded Classic saveParams string ("Subject=Call&WhoId=003..."). */
function saveParamsFields(view) {
    if (!view || view.kind !== 'string')
        return { fields: [], complete: false };
    const fields = [];
    let complete = !view.partial;
    for (const pair of view.value.split('&')) {
        const key = pair.split('=')[0] ?? '';
        if (/^[A-Za-z][\w]*$/.test(key))
            fields.push(key);
        else if (key.includes('\u0000') || key.trim())
            complete = false;
    }
    return { fields, complete };
}
/** The saveLog value object, mapped field by field to VoiceCall. */
function saveLogMapping(spec, args, catalog) {
    let entity;
    let fields = [];
    let complete = false;
    if (spec.namespace === 'sforce.opencti') {
        const value = args[0]?.kind === 'object' ? args[0].props.value : undefined;
        if (value?.kind === 'object') {
            fields = Object.keys(value.props);
            complete = !value.spread;
            const e = value.props.entityApiName;
            if (e?.kind === 'string' && !e.partial)
                entity = e.value;
        }
    }
    else {
        const object = args[0];
        if (object?.kind === 'string' && !object.partial)
            entity = object.value;
        ({ fields, complete } = saveParamsFields(args[1]));
    }
    const mapping = { fields: fields.map((f) => mapSaveLogField(f, entity, catalog)), complete };
    if (entity !== undefined)
        mapping.entity = entity;
    return mapping;
}
const UNKNOWN_MEMBER = {
    action: 'eliminate',
    replacement: 'None: not an Open CTI member, so the call fails at run time today; find what the code meant',
    components: [],
    basis: 'project-guidance',
    guide: GUIDE.reviewByHand
};
const DYNAMIC = {
    action: 'replace',
    replacement: 'Review by hand: the method name is computed at run time',
    components: [],
    basis: 'project-guidance',
    guide: GUIDE.reviewByHand
};
function unknownMemberDraft(namespace, member, usage) {
    const name = `${namespace}.${member}`;
    const special = NON_METHOD_MAPPINGS[member];
    const elsewhere = METHODS.find((m) => m.name === member && m.namespace !== namespace);
    const sameNamespace = METHODS.filter((m) => m.namespace === namespace).map((m) => m.name);
    const suggestion = closest(member, sameNamespace);
    let message = `${name} is not an Open CTI member: the call throws at run time`;
    if (elsewhere) {
        const counterpart = elsewhere.lightningCounterpart
            ? `; in Lightning use sforce.opencti.${elsewhere.lightningCounterpart}`
            : '';
        message += ` (${member} exists in ${elsewhere.namespace}, the ${NAMESPACE_PLATFORM[elsewhere.namespace]} API${counterpart})`;
    }
    else if (suggestion) {
        message += ` (did you mean ${namespace}.${suggestion}?)`;
    }
    return {
        rule: 'unknown-member',
        api: { kind: 'open-cti-unknown', name, platform: NAMESPACE_PLATFORM[namespace], documented: false },
        usage,
        mapping: special ?? elsewhere?.mapping ?? UNKNOWN_MEMBER,
        issues: [{ rule: 'unknown-method', severity: 'error', message }]
    };
}
/** The finding for one detection; undefined when the detection is not something the scanner reports. */
export function classifyDetection(d, catalog) {
    switch (d.kind) {
        case 'call':
        case 'reference':
            return classifyApi(d, catalog);
        case 'dynamic-call': {
            const ns = d.path.join('.');
            return {
                rule: 'dynamic-member',
                api: {
                    kind: 'open-cti-dynamic',
                    name: `${ns}[…]`,
                    ...(isNamespace(ns) ? { platform: NAMESPACE_PLATFORM[ns] } : {}),
                    documented: false
                },
                usage: 'call',
                mapping: DYNAMIC,
                issues: [
                    {
                        rule: 'dynamic-call',
                        severity: 'warning',
                        message: `${ns} is called with a method name computed at run time: the scanner cannot tell which method, review it by hand`
                    }
                ]
            };
        }
        case 'cookie':
            return webDraft('web.cookie', d.path[1] ?? 'document.cookie', {
                action: 'keep',
                replacement: "Authentication and session state move into the connector's init(): SSO, or the vendor login page (scvVendorLoginUrl); no third-party cookies",
                components: [connectorMethod('init(connectorConfig)')],
                basis: 'matrix',
                guide: GUIDE.auth
            }, {
                rule: 'iframe-cookie',
                severity: 'warning',
                message: 'Cookies set in a softphone iframe are third-party cookies: browsers block or partition them, so cookie-based login and state break'
            }, d);
        case 'web-storage':
            return webDraft('web.storage', d.path[0] ?? 'localStorage', {
                action: 'keep',
                replacement: "Keep call state in the connector's own call store and the vendor backend, not in browser storage",
                components: [connectorMethod('getActiveCalls()')],
                basis: 'project-guidance',
                guide: GUIDE.callData
            }, {
                rule: 'iframe-storage',
                severity: 'warning',
                message: `${d.path[0]} in a third-party iframe is partitioned or blocked by browsers: data written there can disappear or never be shared with the page`
            }, d);
        case 'storage-access':
            return webDraft('web.storage-access', d.path[1] ?? 'document.requestStorageAccess', {
                action: 'keep',
                replacement: 'Storage Access API prompt: scv-connector-base 4.x has SHOW_STORAGE_ACCESS; 3.6.2 has no storage-access events',
                components: [connectorMethod('init(connectorConfig)')],
                basis: 'project-guidance',
                guide: GUIDE.auth
            }, undefined, d);
        case 'post-message':
        case 'message-listener':
            return webDraft(d.kind === 'post-message' ? 'web.post-message' : 'web.message-listener', d.kind === 'post-message' ? 'window.postMessage' : "addEventListener('message')", {
                action: 'migrate',
                replacement: 'Lightning Message Service on ServiceCloudVoiceMessageChannel__c',
                components: [COMPONENTS.messageChannel],
                basis: 'matrix',
                guide: GUIDE.messaging
            }, undefined, d);
    }
}
function webDraft(rule, name, mapping, issue, d) {
    return {
        rule,
        api: { kind: 'web-platform', name, documented: true },
        usage: d.kind === 'post-message' || d.kind === 'message-listener' ? 'call' : 'reference',
        mapping,
        issues: issue ? [issue] : []
    };
}
function classifyApi(d, catalog) {
    const c = classifyPath(d.path);
    if (!c)
        return undefined;
    const usage = d.kind === 'call' ? 'call' : 'reference';
    switch (c.kind) {
        case 'enum': {
            const known = ENUMS[c.name].includes(c.value);
            const name = `sforce.opencti.${c.name}.${c.value}`;
            return {
                rule: `opencti.${c.name}`,
                api: { kind: 'open-cti-constant', name, platform: 'lightning', documented: known },
                usage: 'reference',
                mapping: ENUM_MAPPINGS[c.name],
                issues: known
                    ? []
                    : [
                        {
                            rule: 'unknown-enum-value',
                            severity: 'error',
                            message: `${name} does not exist: ${c.name} has ${ENUMS[c.name].join(', ')}`
                        }
                    ]
            };
        }
        case 'unknown':
            return unknownMemberDraft(c.namespace, c.member, usage);
        case 'console-toolkit': {
            const presence = c.member.startsWith('presence');
            return {
                rule: 'console-toolkit',
                // A Console Integration Toolkit helper (tabs, presence...): not Open CTI, so no Open CTI platform; only
                // sforce.console.cti.* counts as the console CTI platform.
                api: { kind: 'console-toolkit', name: `sforce.console.${c.member}`, documented: true },
                usage,
                mapping: CONSOLE_TOOLKIT_MAPPINGS[presence ? 'presence' : 'other'],
                issues: []
            };
        }
        case 'method': {
            const spec = c.spec;
            const called = usage === 'call' && c.trailing === 0;
            const args = called ? d.args : undefined;
            const draft = {
                rule: ruleOf(spec),
                api: {
                    kind: 'open-cti-method',
                    name: `${spec.namespace}.${spec.name}`,
                    platform: NAMESPACE_PLATFORM[spec.namespace],
                    documented: spec.unconfirmed === undefined
                },
                usage: called ? 'call' : 'reference',
                mapping: spec.mapping,
                issues: []
            };
            if (args) {
                const platform = NAMESPACE_PLATFORM[spec.namespace];
                draft.issues.push(...(platform === 'lightning'
                    ? lightningArgumentIssues(spec, args)
                    : platform === 'classic'
                        ? classicArgumentIssues(spec, args)
                        : []));
                if (spec.name === 'runApex')
                    draft.mapping = runApexMapping(spec, args);
                if (spec.name === 'saveLog')
                    draft.saveLog = saveLogMapping(spec, args, catalog);
            }
            if (spec.name === 'saveLog' && !draft.saveLog && called) {
                draft.saveLog = { fields: [], complete: false };
            }
            return draft;
        }
    }
}
const LIBRARY_NAMES = {
    'opencti-lightning': 'Open CTI for Lightning (opencti_min.js)',
    'opencti-classic': 'Open CTI for Classic (interaction.js)',
    'console-toolkit': 'Console Integration Toolkit (integration.js)'
};
/** A page that loads an Open CTI library. */
export function libraryDraft(library, url) {
    return {
        rule: `library.${library}`,
        api: {
            kind: 'library',
            name: LIBRARY_NAMES[library],
            platform: library === 'opencti-lightning' ? 'lightning' : library === 'opencti-classic' ? 'classic' : 'console',
            documented: true
        },
        usage: 'include',
        mapping: {
            action: 'eliminate',
            replacement: `Remove ${url}: Voice has no Open CTI library; the connector is built on @salesforce/scv-connector-base`,
            components: [connectorMethod('init(connectorConfig)')],
            basis: 'project-guidance',
            guide: GUIDE.reviewByHand
        },
        issues: []
    };
}
/** The issue a Classic or Console CTI usage gets inside a Lightning adapter. */
export function classicInLightningIssue(api, lightningCounterpart) {
    const what = api.platform === 'console'
        ? 'Console Integration Toolkit CTI (Classic console only)'
        : 'a Salesforce Classic API';
    const instead = lightningCounterpart ? `; the Lightning method is sforce.opencti.${lightningCounterpart}` : '';
    return {
        rule: 'classic-in-lightning',
        severity: 'error',
        message: `${api.name} is ${what} in a Lightning adapter: it does not work in Lightning Experience${instead}`
    };
}
export function lightningCounterpartOf(apiName) {
    const spec = methodAt(apiName);
    return spec?.lightningCounterpart || undefined;
}
