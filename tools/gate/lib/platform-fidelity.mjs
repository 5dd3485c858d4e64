// Platform fidelity (issue 14): facts a fresh org needs that the XSD cannot see. Each check fails when one of the
// points the issue fixed comes back:
//   - a RoutingFlow whose Route Work has no screen pop before it (addScreenPop, input `screenPop` = JSON array of
//     pops, each with an `id` and a target), or whose Route Work is not version 2.0.0 with the phone channel by
//     `setupReference` (type ServiceChannel), or is not the last element, or that still looks the channel up;
//   - a RoutingFlow that reads the call id from `input_record.Id` alone instead of BLANKVALUE({!recordId}, ...);
//   - a Call Routing Setting naming a queue the project does not ship, or one that does not support VoiceCall;
//   - a ConversationVendorInfo without a `bridgeComponent`, or one naming an LWC bundle the project does not have;
//   - Apex that selects Contact's secondary phone fields (HomePhone, OtherPhone, AssistantPhone) in a query without an
//     access check in the same class (Security.stripInaccessible, or a describe isAccessible() field list);
//   - a Voice Toolkit `endCall('<type>')` with a participant type the Toolkit actions table does not list.
// Sources of each fact: ../../../README.md "Routing and screen pop" and "The contact center and the bridge".
//
// Self-contained on purpose (the gate's steps are being reworked elsewhere): it returns diagnostics in the shape of
// ./diagnostics.mjs and a step can call it as `checkPlatformFidelity(root)`.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { packageDirectories, rel, walkFiles } from './project.mjs';
import { childElement, childElements, parseXmlText, textOf } from './xml.mjs';

export const RULES = {
    screenPop: 'platform-screen-pop',
    routeWork: 'platform-route-work',
    recordId: 'platform-record-id',
    queues: 'platform-routing-queues',
    bridge: 'platform-vendor-bridge',
    phoneAccess: 'platform-contact-phone-access',
    endCall: 'platform-end-call'
};

/** Participant types of `endCall(participantType)` in the Toolkit actions table (voice-platform.md §1.4). */
const END_CALL_PARTICIPANTS = new Set(['Initial_Caller', 'Third_Party', 'Agent']);

const SECONDARY_CONTACT_PHONES = ['HomePhone', 'OtherPhone', 'AssistantPhone'];

/**
 * Runs every platform-fidelity check on a Salesforce DX project.
 * @param {string} root project root (holds sfdx-project.json)
 * @returns {import('./diagnostics.mjs').Diagnostic[]}
 */
export function checkPlatformFidelity(root) {
    const files = packageDirectories(root).flatMap((dir) => walkFiles(dir));
    const diagnostics = [];
    const lwcBundles = new Set(
        files
            .filter((f) => /[\\/]lwc[\\/][^\\/]+[\\/][^\\/]+\.js-meta\.xml$/.test(f))
            .map((f) => basename(f, '.js-meta.xml'))
    );
    const queues = new Map();
    for (const file of files.filter((f) => f.endsWith('.queue-meta.xml'))) {
        const { root: el } = parseXmlText(readFileSync(file, 'utf8'));
        const objects = childElements(el, 'queueSobject').map((q) => textOf(q, 'sobjectType'));
        queues.set(basename(file, '.queue-meta.xml'), { file, objects });
    }
    for (const file of files) {
        if (file.endsWith('.flow-meta.xml')) diagnostics.push(...checkRoutingFlow(root, file));
        else if (/Call_Routing_Setting\.[^\\/]+\.md-meta\.xml$/.test(file))
            diagnostics.push(...checkRoutingSetting(root, file, queues));
        else if (file.endsWith('.ConversationVendorInformation-meta.xml'))
            diagnostics.push(...checkVendorInfo(root, file, lwcBundles));
        else if (file.endsWith('.cls') || file.endsWith('.trigger'))
            diagnostics.push(...checkContactPhoneAccess(root, file));
        else if (/[\\/]lwc[\\/]/.test(file) && /\.(js|ts)$/.test(file) && !/[\\/]__tests__[\\/]/.test(file))
            diagnostics.push(...checkEndCall(root, file));
    }
    return diagnostics;
}

function lineOf(text, needle, from = 0) {
    const at = text.indexOf(needle, from);
    return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

function inputValue(action, name) {
    const param = childElements(action, 'inputParameters').find((p) => textOf(p, 'name') === name);
    return param ? childElement(param, 'value') : null;
}

/** Route Work, screen pop and recordId facts of an Omni-Channel (RoutingFlow) flow. */
function checkRoutingFlow(root, file) {
    const text = readFileSync(file, 'utf8');
    const { root: flow } = parseXmlText(text);
    if (!flow || textOf(flow, 'processType') !== 'RoutingFlow') return [];
    const out = [];
    const report = (rule, message, needle) =>
        out.push({ file: rel(root, file), line: needle ? lineOf(text, needle) : undefined, rule, message });
    const actions = childElements(flow, 'actionCalls');
    const routes = actions.filter((a) => textOf(a, 'actionType') === 'routeWork');
    if (!routes.length) return [];
    const pops = actions.filter((a) => textOf(a, 'actionType') === 'addScreenPop');

    // Screen pop: an addScreenPop action with a well-formed `screenPop` JSON, whose pops Route Work receives.
    if (!pops.length) {
        report(
            RULES.screenPop,
            'Omni-Channel flow routes work without a screen pop: add an addScreenPop action before Route Work (input screenPop) and pass its routingInteractionInfoList to Route Work as psrInteractionInfo',
            '<processType>'
        );
    }
    for (const pop of pops) {
        const name = textOf(pop, 'name');
        if (textOf(pop, 'actionName') !== 'addScreenPop')
            report(RULES.screenPop, `${name}: actionName must be addScreenPop`, `<name>${name}</name>`);
        const value = inputValue(pop, 'screenPop');
        let targets;
        try {
            targets = JSON.parse(textOf(value, 'stringValue'));
        } catch {
            targets = null;
        }
        const wellFormed =
            Array.isArray(targets) &&
            targets.length > 0 &&
            targets.every(
                (t) =>
                    t &&
                    typeof t === 'object' &&
                    typeof t.id === 'string' &&
                    t.id &&
                    (typeof t.targetObjectId === 'string' || typeof t.targetFlowName === 'string') &&
                    !(t.targetObjectId && t.targetFlowName)
            );
        if (!wellFormed)
            report(
                RULES.screenPop,
                `${name}: input screenPop must be a JSON array of pops, each with an id and one target (targetObjectId or targetFlowName)`,
                `<name>${name}</name>`
            );
        for (const route of routes) {
            const psr = textOf(inputValue(route, 'psrInteractionInfo'), 'elementReference');
            const fed =
                psr === `${name}.routingInteractionInfoList` ||
                (psr && childElements(pop, 'outputParameters').some((o) => textOf(o, 'assignToReference') === psr));
            if (!fed)
                report(
                    RULES.screenPop,
                    `${textOf(route, 'name')}: Route Work must receive the screen pops of ${name} as psrInteractionInfo`,
                    `<name>${textOf(route, 'name')}</name>`
                );
        }
    }

    // Route Work 2.0.0, phone channel by setupReference, last element, no channel lookup.
    for (const route of routes) {
        const name = textOf(route, 'name');
        const at = `<name>${name}</name>`;
        if (textOf(route, 'versionString') !== '2.0.0')
            report(
                RULES.routeWork,
                `${name}: Route Work must be version 2.0.0 (<versionString>2.0.0</versionString>)`,
                at
            );
        const channel = inputValue(route, 'serviceChannelId');
        if (textOf(channel, 'setupReferenceType') !== 'ServiceChannel' || !textOf(channel, 'setupReference'))
            report(
                RULES.routeWork,
                `${name}: serviceChannelId must name the channel by setupReference (e.g. sfdc_phone) with setupReferenceType ServiceChannel`,
                at
            );
        if (childElement(route, 'connector'))
            report(RULES.routeWork, `${name}: Route Work must be the flow's last element (no connector after it)`, at);
    }
    for (const lookup of childElements(flow, 'recordLookups')) {
        if (textOf(lookup, 'object') === 'ServiceChannel')
            report(
                RULES.routeWork,
                `${textOf(lookup, 'name')}: looks the service channel up at run time; Route Work 2.0.0 names it by setupReference`,
                '<object>ServiceChannel</object>'
            );
    }

    // recordId hardened: the call id comes from recordId, else input_record.Id.
    const hardened = childElements(flow, 'formulas').some((f) =>
        /BLANKVALUE\s*\(\s*\{!recordId\}\s*,\s*\{!input_record\.Id\}\s*\)/.test(textOf(f, 'expression'))
    );
    if (text.includes('<elementReference>input_record.Id</elementReference>') || !hardened)
        report(
            RULES.recordId,
            'the call id must be read as BLANKVALUE({!recordId}, {!input_record.Id}) (a formula), not from input_record.Id alone',
            text.includes('input_record.Id</elementReference>') ? 'input_record.Id</elementReference>' : '<processType>'
        );
    return out;
}

/** Every queue a Call Routing Setting names is shipped and supports VoiceCall. */
function checkRoutingSetting(root, file, queues) {
    const text = readFileSync(file, 'utf8');
    const { root: record } = parseXmlText(text);
    const out = [];
    for (const value of childElements(record, 'values')) {
        const field = textOf(value, 'field');
        if (field !== 'Queue__c' && field !== 'Fallback_Queue__c') continue;
        const queue = textOf(value, 'value');
        const at = lineOf(text, `<field>${field}</field>`);
        const shipped = queues.get(queue);
        if (!queue)
            out.push({
                file: rel(root, file),
                line: at,
                rule: RULES.queues,
                message: `${field} is empty: name a queue the project ships`
            });
        else if (!shipped)
            out.push({
                file: rel(root, file),
                line: at,
                rule: RULES.queues,
                message: `${field} names queue ${queue}, which the project does not ship (queues/${queue}.queue-meta.xml)`
            });
        else if (!shipped.objects.includes('VoiceCall'))
            out.push({
                file: rel(root, file),
                line: at,
                rule: RULES.queues,
                message: `${field} names queue ${queue}, which does not support VoiceCall (queueSobject)`
            });
    }
    return out;
}

/** The vendor info registers the LMS bridge, and the bridge bundle exists. */
function checkVendorInfo(root, file, lwcBundles) {
    const text = readFileSync(file, 'utf8');
    const { root: info } = parseXmlText(text);
    const bridge = textOf(info, 'bridgeComponent');
    if (!bridge)
        return [
            {
                file: rel(root, file),
                line: 2,
                rule: RULES.bridge,
                message:
                    'ConversationVendorInfo has no bridgeComponent: the LMS bridge is never loaded (set it to <namespace>:<bundle>, c:<bundle> without a namespace)'
            }
        ];
    const match = /^([A-Za-z][A-Za-z0-9_]*):([A-Za-z][A-Za-z0-9_]*)$/.exec(bridge);
    if (!match || !lwcBundles.has(match[2]))
        return [
            {
                file: rel(root, file),
                line: lineOf(text, '<bridgeComponent>'),
                rule: RULES.bridge,
                message: `bridgeComponent ${bridge} does not name an LWC bundle of the project as <namespace>:<bundle>`
            }
        ];
    return [];
}

function stripApexComments(text) {
    return text
        .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
        .replace(/\/\/[^\n]*/g, (m) => ' '.repeat(m.length));
}

/** Contact's secondary phone fields are read in queries only by classes that check access. */
function checkContactPhoneAccess(root, file) {
    if (/_Tests?\.cls$|Test\.cls$/.test(file)) return [];
    const raw = readFileSync(file, 'utf8');
    const code = stripApexComments(raw);
    if (/@IsTest\b/i.test(code.slice(0, 400))) return [];
    const queries = [...code.matchAll(/\[\s*(SELECT|FIND)\b[\s\S]*?\]/gi), ...code.matchAll(/'(?:[^'\\]|\\.)*'/g)];
    const checked = /Security\.stripInaccessible\s*\(/.test(code) || /\.isAccessible\s*\(\s*\)/.test(code);
    if (checked) return [];
    const out = [];
    for (const q of queries) {
        const field = SECONDARY_CONTACT_PHONES.find((f) => new RegExp(`\\b${f}\\b`).test(q[0]));
        if (field && /\b(SELECT|FIND|RETURNING|Contact)\b/i.test(q[0]))
            out.push({
                file: rel(root, file),
                line: raw.slice(0, q.index).split('\n').length,
                rule: RULES.phoneAccess,
                message: `Contact.${field} is read in a query without an access check: a user without access to it gets an exception; select only readable fields (Security.stripInaccessible or describe isAccessible())`
            });
    }
    return out.slice(0, 1);
}

/** Literal participant types passed to the Voice Toolkit's endCall. */
function checkEndCall(root, file) {
    const text = readFileSync(file, 'utf8');
    const out = [];
    for (const m of text.matchAll(/\.endCall\s*\(\s*(['"`])([^'"`]*)\1/g)) {
        if (!END_CALL_PARTICIPANTS.has(m[2]))
            out.push({
                file: rel(root, file),
                line: text.slice(0, m.index).split('\n').length,
                rule: RULES.endCall,
                message: `endCall('${m[2]}'): the Toolkit actions table lists only ${[...END_CALL_PARTICIPANTS].join(', ')} (or no argument)`
            });
    }
    return out;
}
