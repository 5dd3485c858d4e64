// The objects and fields a project may refer to: the standard catalog (@switchboard/catalog, catalog/)
// merged with what the project defines in objects/. API names are case-insensitive on the platform, so lookups are too.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CATALOG_FILE, COMPLETE_CATALOG_FILE } from '@switchboard/catalog';
import { forceIgnored, packageDirectories } from './project.mjs';
import { parseXmlFile, textOf } from './xml.mjs';

/** Fields every custom object has (Metadata API creates them). */
const CUSTOM_OBJECT_FIELDS = {
    Id: { type: 'id' },
    Name: { type: 'string' },
    IsDeleted: { type: 'boolean' },
    CreatedById: { type: 'reference', referenceTo: ['User'], relationshipName: 'CreatedBy' },
    CreatedDate: { type: 'datetime' },
    LastModifiedById: { type: 'reference', referenceTo: ['User'], relationshipName: 'LastModifiedBy' },
    LastModifiedDate: { type: 'datetime' },
    SystemModstamp: { type: 'datetime' },
    LastViewedDate: { type: 'datetime' },
    LastReferencedDate: { type: 'datetime' }
};
const OWNER_FIELD = { OwnerId: { type: 'reference', referenceTo: ['Group', 'User'], relationshipName: 'Owner' } };
/** Fields every custom metadata type has. */
const CUSTOM_METADATA_FIELDS = {
    Id: { type: 'id' },
    DeveloperName: { type: 'string' },
    MasterLabel: { type: 'string' },
    Label: { type: 'string' },
    Language: { type: 'picklist' },
    NamespacePrefix: { type: 'string' },
    QualifiedApiName: { type: 'string' },
    SystemModstamp: { type: 'datetime' }
};
/** Fields every platform event has. */
const PLATFORM_EVENT_FIELDS = {
    ReplayId: { type: 'string' },
    EventUuid: { type: 'string' },
    CreatedById: { type: 'reference', referenceTo: ['User'], relationshipName: 'CreatedBy' },
    CreatedDate: { type: 'datetime' }
};

const lower = (s) => String(s).toLowerCase();

class ObjectInfo {
    constructor(name, source) {
        this.name = name;
        this.source = source;
        /** @type {Map<string, { name: string, type: string, referenceTo?: string[], relationshipName?: string, createable?: boolean, updateable?: boolean, required?: boolean, file?: string }>} */
        this.fields = new Map();
        /** lower-case relationship name → field */
        this.relationships = new Map();
        /** lower-case child relationship name → child object name */
        this.children = new Map();
    }
    addField(name, info) {
        const field = { ...info, name };
        this.fields.set(lower(name), field);
        if (field.relationshipName) this.relationships.set(lower(field.relationshipName), field);
        return field;
    }
    field(name) {
        return this.fields.get(lower(name)) ?? null;
    }
}

export class SchemaModel {
    /**
     * @param {object} catalog standard-objects.json
     * @param {Map<string, string>} [complete] lower-case object name → its JSON line (parsed when first named)
     */
    constructor(catalog, complete = new Map()) {
        this.catalog = catalog;
        this.complete = complete;
        /** @type {Map<string, ObjectInfo>} */
        this.objects = new Map();
        this.polymorphic = new ObjectInfo('(polymorphic)', 'catalog');
        for (const [name, info] of Object.entries(catalog.polymorphicFields ?? {}))
            this.polymorphic.addField(name, info);
        for (const [name, obj] of Object.entries(catalog.objects ?? {})) {
            const info = new ObjectInfo(name, obj.source ?? 'catalog');
            this.objects.set(lower(name), info);
            for (const [fieldName, field] of Object.entries(obj.fields ?? {})) info.addField(fieldName, field);
            for (const [rel, child] of Object.entries(obj.childRelationships ?? {}))
                info.children.set(lower(rel), child);
        }
        this.knownMistakes = new Map(Object.entries(catalog.knownMistakes ?? {}).map(([k, v]) => [lower(k), v]));
    }

    ensureObject(name, source) {
        let info = this.object(name);
        if (!info) {
            info = new ObjectInfo(name, source);
            this.objects.set(lower(name), info);
        }
        return info;
    }

    /** @returns {ObjectInfo | null} */
    object(name) {
        const known = this.objects.get(lower(name));
        if (known) return known;
        const line = this.complete.get(lower(name));
        if (!line) return null;
        // curated entries (standard-objects.json) are loaded first and win; this one is parsed on first use
        const entry = JSON.parse(line);
        const info = new ObjectInfo(entry.name, entry.source ?? 'sobject-types');
        this.objects.set(lower(name), info);
        for (const [fieldName, field] of Object.entries(entry.fields ?? {})) info.addField(fieldName, field);
        for (const [rel, child] of Object.entries(entry.childRelationships ?? {})) info.children.set(lower(rel), child);
        return info;
    }

    /** Every object name the model can resolve (for suggestions). */
    objectNames() {
        const names = new Set([...this.objects.values()].map((o) => o.name));
        for (const line of this.complete.values()) names.add(/^\{"name":"([^"]+)"/.exec(line)?.[1]);
        names.delete(undefined);
        return [...names];
    }

    knownMistake(objectName, fieldName) {
        return this.knownMistakes.get(lower(`${objectName}.${fieldName}`)) ?? null;
    }

    /** Object reached through a reference field: the polymorphic name object when it can point at several types. */
    target(field) {
        const to = field.referenceTo ?? [];
        if (to.length !== 1 || to[0] === '*') return this.polymorphic;
        return this.object(to[0]);
    }

    /**
     * Resolves a dotted path (`Account.Owner.Name`, `Case__r.Subject`, `Subject`) from an object.
     * @returns {{ ok: true, field: object, object: ObjectInfo } | { ok: false, message: string }}
     */
    resolvePath(objectName, path, { recordEndAllowed = false } = {}) {
        let current = this.object(objectName);
        if (!current) return { ok: false, message: this.unknownObjectMessage(objectName) };
        const segments = path.split('.');
        for (let i = 0; i < segments.length; i++) {
            const segment = segments[i];
            const last = i === segments.length - 1;
            if (last) {
                const field = current.field(segment);
                if (field) return { ok: true, field, object: current };
                // Apex and Flow may hold the related record itself (vc.Case__r, $Record.Contact)
                const relationship = recordEndAllowed ? current.relationships.get(lower(segment)) : null;
                if (relationship) return { ok: true, field: relationship, object: current };
                // ...and the list of child records (log.LogEntries__r)
                if (recordEndAllowed && current.children.has(lower(segment)))
                    return { ok: true, field: { name: segment, type: 'children' }, object: current };
                return {
                    ok: false,
                    message: this.unknownFieldMessage(current, segment, segments.slice(0, i)),
                    certain: this.certainlyMissing(current, segment)
                };
            }
            const relationship = current.relationships.get(lower(segment));
            if (!relationship) {
                const hint = current.field(segment)
                    ? ` (${segment} is a field, not a relationship: traverse it by its relationship name)`
                    : '';
                return {
                    ok: false,
                    // a stub or describe may list the Id field without its relationship: only custom is certain
                    certain:
                        !!this.knownMistake(current.name, segment) ||
                        (/__r$/i.test(segment) && this.isProjectCustomName(segment)),
                    message: `${describePath(current, segments.slice(0, i))} has no relationship ${segment}${hint}${suggest(
                        segment,
                        [...current.relationships.values()].map((f) => f.relationshipName)
                    )}`
                };
            }
            const next = this.target(relationship);
            if (!next) {
                return {
                    ok: false,
                    certain: relationship.referenceTo?.every((to) => this.isProjectCustomName(to)) ?? false,
                    message: `${current.name}.${relationship.name} points at ${relationship.referenceTo?.join('/')}, which is neither in objects/ nor in the standard catalog`
                };
            }
            current = next;
        }
        return { ok: false, message: 'empty path' };
    }

    /**
     * A custom name of this project (not namespaced: an installed package's names are not in the project). Only
     * such an object or field, when missing, certainly fails the deploy; the catalog of standard objects may lack
     * objects and fields that exist.
     */
    isProjectCustomName(name) {
        return (
            /__(c|mdt|e|b|x|r)$/i.test(name) && !/^[A-Za-z0-9]+__[A-Za-z]/.test(name.replace(/__(c|mdt|e|b|x|r)$/i, ''))
        );
    }

    /**
     * Whether a name missing from an object certainly does not exist: a known mistake; a custom field of this
     * project; a field of an object whose catalog source lists every field (sources.<id>.complete); or a near miss of
     * a known field (a typo). Otherwise the catalog may simply not know it.
     */
    certainlyMissing(object, fieldName) {
        if (this.knownMistake(object.name, fieldName)) return true;
        if (/__(c|r)$/i.test(fieldName)) return this.isProjectCustomName(fieldName);
        if (object.source === 'project' || object.source === 'derived') return false;
        // a describe stub may list the Id field of a relationship without the relationship itself
        if (object.field(`${fieldName}Id`)) return false;
        if (this.catalog.sources?.[object.source]?.complete) return true;
        return (
            suggest(
                fieldName,
                [...object.fields.values()].map((f) => f.name)
            ) !== ''
        );
    }

    unknownObjectMessage(name) {
        const names = this.objectNames();
        if (this.isProjectCustomName(name))
            return `unknown object ${name}: a custom object this project does not define in objects/${suggest(name, names)}`;
        return `unknown object ${name}: not defined in objects/ and not in the standard catalog (catalog/standard-objects.json), which may lack it; if it exists in your org, add it with npm run catalog:import${suggest(name, names)}`;
    }

    unknownFieldMessage(object, fieldName, via = []) {
        const mistake = this.knownMistake(object.name, fieldName);
        const where = describePath(object, via);
        if (mistake) return `${where} has no field ${fieldName}: ${mistake}`;
        return `${where} has no field ${fieldName}${suggest(
            fieldName,
            [...object.fields.values()].map((f) => f.name)
        )}`;
    }
}

function describePath(object, via) {
    return via.length ? `${via.join('.')} (${object.name})` : object.name;
}

/** Edit distance, to suggest the name that was probably meant. */
function distance(a, b) {
    const x = lower(a);
    const y = lower(b);
    const row = Array.from({ length: y.length + 1 }, (_, i) => i);
    for (let i = 1; i <= x.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= y.length; j++) {
            const keep = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] === y[j - 1] ? 0 : 1));
            previous = keep;
        }
    }
    return row[y.length];
}

export function suggest(name, candidates) {
    let best = null;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        if (!candidate) continue;
        const d = distance(name, candidate);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? `. Did you mean ${best}?` : '';
}

/** Adds every object folder of the project (custom objects, standard-object extensions, custom metadata types). */
function addProjectObjects(model, root) {
    const ignored = forceIgnored(root);
    for (const dir of packageDirectories(root)) {
        for (const objectsDir of findObjectsFolders(dir)) {
            for (const name of readdirSync(objectsDir)) {
                const folder = join(objectsDir, name);
                const definition = join(folder, `${name}.object-meta.xml`);
                const isCustom = /__(c|mdt|e|b|x)$/i.test(name);
                if (ignored(folder) || ignored(definition)) continue;
                if (!existsSync(definition) && !existsSync(join(folder, 'fields'))) continue;
                const info = model.ensureObject(name, 'project');
                if (isCustom) {
                    const base = /__mdt$/i.test(name)
                        ? CUSTOM_METADATA_FIELDS
                        : /__e$/i.test(name)
                          ? PLATFORM_EVENT_FIELDS
                          : { ...CUSTOM_OBJECT_FIELDS, ...OWNER_FIELD };
                    for (const [field, meta] of Object.entries(base))
                        if (!info.field(field)) info.addField(field, meta);
                }
                const definitionXml = existsSync(definition) ? parseXmlFile(definition).root : null;
                if (definitionXml && textOf(definitionXml, 'customSettingsType') === 'Hierarchy') {
                    // a hierarchy custom setting is owned by the org, a profile or a user, not by OwnerId
                    info.fields.delete('ownerid');
                    info.relationships.delete('owner');
                    info.addField('SetupOwnerId', {
                        type: 'reference',
                        referenceTo: ['Organization', 'Profile', 'User'],
                        relationshipName: 'SetupOwner'
                    });
                }
                if (/__c$/i.test(name)) addDerivedObjects(model, name.replace(/__c$/i, ''));
                if (existsSync(join(folder, 'recordTypes')) && !info.field('RecordTypeId')) {
                    info.addField('RecordTypeId', {
                        type: 'reference',
                        referenceTo: ['RecordType'],
                        relationshipName: 'RecordType'
                    });
                }
                const fieldsDir = join(folder, 'fields');
                if (!existsSync(fieldsDir)) continue;
                for (const file of readdirSync(fieldsDir).filter((f) => f.endsWith('.field-meta.xml'))) {
                    const full = join(fieldsDir, file);
                    if (ignored(full)) continue;
                    const { root: xml } = parseXmlFile(full);
                    const fieldName = basename(file, '.field-meta.xml');
                    const type = xml ? textOf(xml, 'type') : '';
                    const field = {
                        type: type || 'unknown',
                        file: full,
                        required: xml ? textOf(xml, 'required') === 'true' || type === 'MasterDetail' : false
                    };
                    if (
                        xml &&
                        (type === 'Lookup' ||
                            type === 'MasterDetail' ||
                            type === 'MetadataRelationship' ||
                            type === 'Hierarchy')
                    ) {
                        const referenceTo = textOf(xml, 'referenceTo') || (type === 'Hierarchy' ? 'User' : '');
                        // Case__c is traversed as Case__r; <relationshipName> names the child relationship on the parent.
                        field.referenceTo = referenceTo ? [referenceTo] : [];
                        field.relationshipName = fieldName.replace(/__c$/i, '__r');
                        const childName = textOf(xml, 'relationshipName');
                        if (childName) field.childRelationshipName = `${childName}__r`;
                    }
                    if (xml && type === 'MasterDetail') info.fields.delete('ownerid');
                    info.addField(fieldName, field);
                }
            }
        }
    }
    // Child relationships once every object is known (a lookup may point at an object defined later).
    for (const info of model.objects.values()) {
        for (const field of info.fields.values()) {
            if (!field.file || !field.childRelationshipName || field.referenceTo?.length !== 1) continue;
            model.object(field.referenceTo[0])?.children.set(lower(field.childRelationshipName), info.name);
        }
    }
    return model;
}

/**
 * Objects the platform derives from a custom object X__c: X__Share (sharing), X__History (field history),
 * X__Feed (Chatter) and X__ChangeEvent (Change Data Capture). Only their common fields are listed; anything else on
 * them is reported as uncertain (source 'derived'), never as certainly missing.
 */
function addDerivedObjects(model, base) {
    const parent = { type: 'reference', referenceTo: [`${base}__c`], relationshipName: 'Parent' };
    const derived = {
        Share: {
            ParentId: parent,
            UserOrGroupId: { type: 'reference', referenceTo: ['Group', 'User'] },
            AccessLevel: { type: 'picklist' },
            RowCause: { type: 'picklist' }
        },
        History: {
            ParentId: parent,
            Field: { type: 'picklist' },
            OldValue: { type: 'anyType' },
            NewValue: { type: 'anyType' },
            DataType: { type: 'picklist' }
        },
        Feed: {
            ParentId: parent,
            Type: { type: 'picklist' },
            Body: { type: 'textarea' },
            Title: { type: 'string' },
            LinkUrl: { type: 'url' }
        },
        ChangeEvent: { ChangeEventHeader: { type: 'ChangeEventHeader' } }
    };
    for (const [suffix, fields] of Object.entries(derived)) {
        const info = model.ensureObject(`${base}__${suffix}`, 'derived');
        for (const [field, meta] of Object.entries({ ...CUSTOM_OBJECT_FIELDS, ...fields }))
            if (!info.field(field)) info.addField(field, meta);
    }
}

function findObjectsFolders(dir) {
    const found = [];
    const visit = (current) => {
        for (const entry of readdirSync(current, { withFileTypes: true })) {
            if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name === '__tests__') continue;
            const full = join(current, entry.name);
            if (entry.name === 'objects') found.push(full);
            else visit(full);
        }
    };
    visit(dir);
    return found;
}

/** The complete catalog's lines by lower-case object name (empty when the file is absent). */
function loadCompleteCatalog(file = COMPLETE_CATALOG_FILE) {
    const byName = new Map();
    if (!existsSync(file)) return byName;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
        const name = /^\{"name":"([^"]+)"/.exec(line)?.[1];
        if (name) byName.set(lower(name), line);
    }
    return byName;
}

/** The schema model of a project: curated catalog + complete catalog + project objects. */
export function loadSchemaModel(root, catalogFile = CATALOG_FILE, completeFile = COMPLETE_CATALOG_FILE) {
    const catalog = JSON.parse(readFileSync(catalogFile, 'utf8'));
    return addProjectObjects(new SchemaModel(catalog, loadCompleteCatalog(completeFile)), root);
}
