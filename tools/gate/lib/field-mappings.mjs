// Call Relation Rules for any object (issue 19), checked offline: what the validation rules on the custom metadata
// cannot see because it lies in another record or in the schema.
//   - a rule's Target Object is an object of the project or of the standard catalog;
//   - a rule for an object other than Case, Opportunity, Lead and Task names, in Call Field, a VoiceCall lookup to that
//     object, and its Caller Lookup Field and Open Status Field are fields of the object (the caller lookup pointing
//     at Contact, Account or Lead);
//   - a Call Relation Field Mapping belongs to a rule the project ships, for another object than the four;
//   - the field it names exists on the rule's object, can be written when a record is created (not a formula,
//     roll-up summary, auto-number or system field) and has a type its source fits: a VoiceCall field, a caller field,
//     a call fact, or a constant written as that type (a restricted picklist's constant must be one of its values).
// The same sources and types as CallFieldMapping.cls, which applies mappings at run time.
//
// Self-contained like ./platform-fidelity.mjs: returns diagnostics in the shape of ./diagnostics.mjs; steps/schema.mjs
// calls it as `checkFieldMappings(root, model)`.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { packageDirectories, rel, walkFiles } from './project.mjs';
import { loadSchemaModel } from './schema-model.mjs';
import { childElements, parseXmlText, textOf } from './xml.mjs';

export const RULES = {
    object: 'mapping-target-object',
    ruleField: 'mapping-rule-field',
    rule: 'mapping-rule',
    field: 'mapping-field',
    writable: 'mapping-writable',
    type: 'mapping-type'
};

/** Targets with their own flow; their values come from the rule's fields, not from mappings. */
const BUILT_IN_TARGETS = new Set(['Case', 'Opportunity', 'Lead', 'Task']);

/** Caller fields and call facts a mapping may read, with the type each gives (CallFieldMapping.cls). */
const CALLER_FIELDS = {
    Contact_Id: { kind: 'reference', referenceTo: ['Contact'] },
    Lead_Id: { kind: 'reference', referenceTo: ['Lead'] },
    Account_Id: { kind: 'reference', referenceTo: ['Account'] },
    Account_Name: { kind: 'text' },
    Caller_Record_Id: { kind: 'reference', referenceTo: ['Contact', 'Lead', 'Account'] }
};
const CALL_FACTS = {
    Customer_Number: { kind: 'text' },
    Call_Start: { kind: 'datetime' },
    Call_Date: { kind: 'date' },
    Call_End: { kind: 'datetime' },
    Agent: { kind: 'reference', referenceTo: ['User'] },
    Direction: { kind: 'text' },
    Disposition_Label: { kind: 'text' },
    Subject: { kind: 'text' },
    Description: { kind: 'text' },
    Voice_Call: { kind: 'reference', referenceTo: ['VoiceCall'] }
};

/** Fields the platform sets; never createable (the catalog of standard objects lacks the flags for most objects). */
const SYSTEM_FIELDS = new Set(
    [
        'Id',
        'IsDeleted',
        'CreatedDate',
        'CreatedById',
        'LastModifiedDate',
        'LastModifiedById',
        'SystemModstamp',
        'LastActivityDate',
        'LastViewedDate',
        'LastReferencedDate'
    ].map((f) => f.toLowerCase())
);

const KIND_OF_TYPE = {
    // project field types (CustomField <type>)
    text: 'text',
    textarea: 'text',
    longtextarea: 'text',
    html: 'text',
    encryptedtext: 'text',
    phone: 'text',
    email: 'text',
    url: 'text',
    picklist: 'text',
    multiselectpicklist: 'text',
    number: 'number',
    currency: 'number',
    percent: 'number',
    date: 'date',
    datetime: 'datetime',
    checkbox: 'boolean',
    lookup: 'reference',
    masterdetail: 'reference',
    hierarchy: 'reference',
    autonumber: 'text',
    // describe types (standard catalog)
    string: 'text',
    multipicklist: 'text',
    combobox: 'text',
    encryptedstring: 'text',
    double: 'number',
    int: 'number',
    integer: 'number',
    long: 'number',
    boolean: 'boolean',
    reference: 'reference',
    id: 'id'
};

const kindOf = (type) => KIND_OF_TYPE[String(type).toLowerCase()] ?? 'other';
const same = (a, b) => String(a).toLowerCase() === String(b).toLowerCase();

const CONSTANT_FORMS = {
    number: { test: (v) => /^-?\d+(\.\d+)?$/.test(v), example: '42 or 12.5' },
    date: { test: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v), example: '2026-03-02' },
    datetime: {
        test: (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(v),
        example: '2026-03-02T10:00:00Z'
    },
    boolean: { test: (v) => /^(true|false)$/i.test(v), example: 'true or false' },
    reference: { test: (v) => /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(v), example: 'a record Id' }
};

/** Whether a source of kind `source` fits a target field of kind `target` (CallFieldMapping.convert). */
export function fits(target, source) {
    if (target.kind === 'text') return source.kind !== 'other' && source.kind !== 'id';
    if (target.kind === 'date') return source.kind === 'date' || source.kind === 'datetime';
    if (target.kind === 'reference') {
        if (source.kind !== 'reference' && source.kind !== 'id') return false;
        const to = (target.referenceTo ?? []).map((t) => t.toLowerCase());
        const from = (source.referenceTo ?? []).map((t) => t.toLowerCase());
        return !to.length || !from.length || from.some((t) => to.includes(t));
    }
    if (target.kind === 'number' || target.kind === 'datetime' || target.kind === 'boolean')
        return source.kind === target.kind;
    return false;
}

/** The custom metadata records of a type: developer name → { file, text, values, line(field) }. */
function recordsOf(files, typeName) {
    const pattern = new RegExp(`[\\\\/]${typeName}\\.([^\\\\/]+)\\.md-meta\\.xml$`);
    const records = new Map();
    for (const file of files) {
        const match = pattern.exec(file);
        if (!match) continue;
        const text = readFileSync(file, 'utf8');
        const { root } = parseXmlText(text);
        const values = {};
        for (const value of childElements(root, 'values')) values[textOf(value, 'field')] = textOf(value, 'value');
        const lineOf = (field) => {
            const at = text.indexOf(`<field>${field}</field>`);
            return at < 0 ? 2 : text.slice(0, at).split('\n').length;
        };
        records.set(match[1], { file, values, lineOf });
    }
    return records;
}

/** What a project field's file says beyond its type: formula, restricted picklist values. */
function projectFieldFacts(field) {
    if (!field?.file || !existsSync(field.file)) return {};
    const { root } = parseXmlText(readFileSync(field.file, 'utf8'));
    const valueSet = childElements(root, 'valueSet')[0];
    const definition = valueSet ? childElements(valueSet, 'valueSetDefinition')[0] : null;
    return {
        formula: !!textOf(root, 'formula'),
        restrictedValues:
            definition && textOf(valueSet, 'restricted') === 'true'
                ? childElements(definition, 'value').map((v) => textOf(v, 'fullName'))
                : null
    };
}

/** Whether a project object's Name is an auto-number (then Name cannot be written). */
function autoNumberName(object) {
    const field = [...object.fields.values()].find((f) => f.file);
    const objectDir = field ? dirname(dirname(field.file)) : null;
    const definition = objectDir ? join(objectDir, `${basename(objectDir)}.object-meta.xml`) : null;
    if (!definition || !existsSync(definition)) return false;
    const { root } = parseXmlText(readFileSync(definition, 'utf8'));
    const nameField = childElements(root, 'nameField')[0];
    return textOf(nameField, 'type') === 'AutoNumber';
}

/** Why a field cannot be written on insert, or null. */
function readOnlyReason(object, field) {
    if (SYSTEM_FIELDS.has(field.name.toLowerCase())) return 'a system field the platform sets';
    if (field.createable === false) return 'not createable';
    const type = String(field.type).toLowerCase();
    if (type === 'summary') return 'a roll-up summary field';
    if (type === 'autonumber') return 'an auto-number field';
    if (type === 'id') return 'the record Id';
    if (projectFieldFacts(field).formula) return 'a formula field';
    if (same(field.name, 'Name') && object.source === 'project' && autoNumberName(object)) return 'an auto-number name';
    return null;
}

/**
 * Runs the checks on a Salesforce DX project.
 * @param {string} root project root (holds sfdx-project.json)
 * @param {import('./schema-model.mjs').SchemaModel} [model] the project's schema (loaded when not given)
 * @returns {import('./diagnostics.mjs').Diagnostic[]}
 */
export function checkFieldMappings(root, model) {
    const files = packageDirectories(root).flatMap((dir) => walkFiles(dir));
    const rules = recordsOf(files, 'Call_Relation_Rule');
    const mappings = recordsOf(files, 'Call_Relation_Field_Mapping');
    if (!rules.size && !mappings.size) return [];
    const schema = model ?? loadSchemaModel(root);
    const out = [];
    const report = (record, field, rule, message, severity) =>
        out.push({
            file: rel(root, record.file),
            line: record.lineOf(field),
            rule,
            message,
            ...(severity ? { severity } : {})
        });
    const voiceCall = schema.object('VoiceCall');

    for (const [name, rule] of rules) {
        const target = rule.values.Target_Object__c;
        if (!target || BUILT_IN_TARGETS.has(target)) continue;
        const object = schema.object(target);
        if (!object) {
            report(
                rule,
                'Target_Object__c',
                RULES.object,
                `Call Relation Rule ${name}: Target Object ${target} is not an object of this project${schema.isProjectCustomName(target) ? '' : ' or of the standard catalog (add it with npm run catalog:import if your org has it)'}`,
                schema.isProjectCustomName(target) ? undefined : 'warning'
            );
            continue;
        }
        const callField = rule.values.Call_Field__c;
        const lookup = callField ? voiceCall?.field(callField) : null;
        if (!lookup || kindOf(lookup.type) !== 'reference' || !(lookup.referenceTo ?? []).some((t) => same(t, target)))
            report(
                rule,
                callField ? 'Call_Field__c' : 'Target_Object__c',
                RULES.ruleField,
                `Call Relation Rule ${name}: Call Field must name a VoiceCall lookup to ${target}${callField ? ` (${callField} ${lookup ? `points at ${(lookup.referenceTo ?? []).join('/') || 'nothing'}` : 'is not a VoiceCall field'})` : ''}: add the lookup field to VoiceCall and name it there`
            );
        const callerField = rule.values.Caller_Lookup_Field__c;
        if (callerField) {
            const field = object.field(callerField);
            if (!field)
                report(
                    rule,
                    'Caller_Lookup_Field__c',
                    RULES.ruleField,
                    `Call Relation Rule ${name}: ${target} has no field ${callerField} (Caller Lookup Field)`
                );
            else if (
                kindOf(field.type) !== 'reference' ||
                !(field.referenceTo ?? []).some((t) => ['contact', 'account', 'lead'].includes(t.toLowerCase()))
            )
                report(
                    rule,
                    'Caller_Lookup_Field__c',
                    RULES.ruleField,
                    `Call Relation Rule ${name}: Caller Lookup Field ${target}.${callerField} must be a lookup to Contact, Account or Lead`
                );
        }
        const statusField = rule.values.Open_Status_Field__c;
        if (statusField && !object.field(statusField))
            report(
                rule,
                'Open_Status_Field__c',
                RULES.ruleField,
                `Call Relation Rule ${name}: ${target} has no field ${statusField} (Open Status Field)`
            );
    }

    for (const [name, mapping] of mappings) {
        const label = `Call Relation Field Mapping ${name}`;
        const ruleName = mapping.values.Rule__c;
        const rule = ruleName ? rules.get(ruleName) : null;
        if (!rule) {
            report(
                mapping,
                ruleName ? 'Rule__c' : 'Target_Field__c',
                RULES.rule,
                `${label}: Rule ${ruleName ? `${ruleName} is not a Call Relation Rule of this project` : 'is empty'}: name the rule whose new records get this value`
            );
            continue;
        }
        const target = rule.values.Target_Object__c;
        if (BUILT_IN_TARGETS.has(target)) {
            report(
                mapping,
                'Rule__c',
                RULES.rule,
                `${label}: rule ${ruleName} is for ${target}, whose flow takes its values from the rule's own fields: mappings apply to rules for other objects only`
            );
            continue;
        }
        const object = target ? schema.object(target) : null;
        if (!object) continue; // reported with the rule
        const targetField = mapping.values.Target_Field__c;
        const field = targetField ? object.field(targetField) : null;
        if (!field) {
            const certain = !targetField || schema.certainlyMissing(object, targetField);
            report(
                mapping,
                'Target_Field__c',
                RULES.field,
                `${label}: ${schema.unknownFieldMessage(object, targetField || '(empty)')}${certain ? '' : ' (not certain: the catalog of standard objects may lack it)'}`,
                certain ? undefined : 'warning'
            );
            continue;
        }
        const readOnly = readOnlyReason(object, field);
        if (readOnly) {
            report(
                mapping,
                'Target_Field__c',
                RULES.writable,
                `${label}: ${object.name}.${field.name} cannot be written when the record is created (${readOnly}): map a writable field`
            );
            continue;
        }
        const facts = projectFieldFacts(field);
        const targetKind = { kind: kindOf(field.type), referenceTo: field.referenceTo };
        const sourceType = mapping.values.Source_Type__c;
        const value = mapping.values.Source_Value__c ?? '';
        let source;
        if (sourceType === 'Call_Field') {
            const callField = voiceCall?.field(value);
            if (!callField) {
                report(
                    mapping,
                    'Source_Value__c',
                    RULES.field,
                    `${label}: ${schema.unknownFieldMessage(voiceCall, value || '(empty)')}`
                );
                continue;
            }
            source = {
                kind: kindOf(callField.type),
                referenceTo: callField.referenceTo,
                what: `VoiceCall.${callField.name} (${callField.type})`
            };
        } else if (sourceType === 'Caller_Field' || sourceType === 'Call_Fact') {
            const known = sourceType === 'Caller_Field' ? CALLER_FIELDS : CALL_FACTS;
            if (!known[value]) {
                report(
                    mapping,
                    'Source_Value__c',
                    RULES.field,
                    `${label}: ${sourceType === 'Caller_Field' ? 'caller field' : 'call fact'} "${value}" is not one of ${Object.keys(known).join(', ')}`
                );
                continue;
            }
            source = {
                ...known[value],
                what: `the ${sourceType === 'Caller_Field' ? 'caller field' : 'call fact'} ${value}`
            };
        } else if (sourceType === 'Constant') {
            const form = CONSTANT_FORMS[targetKind.kind];
            const allowed = facts.restrictedValues;
            if (allowed && !allowed.includes(value))
                report(
                    mapping,
                    'Source_Value__c',
                    RULES.type,
                    `${label}: the constant "${value}" is not a value of the restricted picklist ${object.name}.${field.name} (${allowed.join(', ')})`
                );
            else if (targetKind.kind === 'text' || (form && form.test(value))) continue;
            else
                report(
                    mapping,
                    'Source_Value__c',
                    RULES.type,
                    form
                        ? `${label}: ${object.name}.${field.name} is a ${field.type} field and the constant "${value}" is not one (write it as ${form.example})`
                        : `${label}: ${object.name}.${field.name} is a ${field.type} field, which no mapping can write`
                );
            continue;
        } else {
            report(
                mapping,
                'Source_Type__c',
                RULES.type,
                `${label}: Source Type must be Call_Field, Caller_Field, Constant or Call_Fact (got "${sourceType ?? ''}")`
            );
            continue;
        }
        if (!fits(targetKind, source))
            report(
                mapping,
                'Target_Field__c',
                RULES.type,
                `${label}: ${object.name}.${field.name} is a ${field.type} field${field.referenceTo?.length ? ` to ${field.referenceTo.join('/')}` : ''} and ${source.what} does not fit it: map a source of that type or another field`
            );
    }
    return out;
}
