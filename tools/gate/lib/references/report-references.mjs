// Custom report types, reports and dashboards name fields as text; a wrong name fails the deploy (or leaves a column
// the report builder cannot show). This collector turns every such name into an object + field path for step 7:
// - report types (reportTypes/*.reportType-meta.xml): the base object, the child relationships of <join>, and every
//   <sections><columns> field on its <table>. A field path may go up lookups: a standard lookup by its relationship
//   name (Owner.Name), a custom one by its field name (Case__c.CaseNumber); the last segment may be the lookup itself
//   (Owner, Case__c);
// - reports on a custom report type of this project (<reportType>Name__c</reportType>): every column written
//   Object$Field (columns, groupings, filters, sort and date columns, chart columns, summary contexts, bucket
//   sources), resolved from the report type's base object. The column must also be one the report type offers;
// - dashboards: the report each component shows, and the columns it groups, summarises and filters by, resolved
//   through that report's report type.
// Column names of standard report types (SUBJECT, CALLTYPE, ...) are report-type tokens, not field names: not checked.
//
// Formats, and where they come from (see docs/migration.md, "Reports on VoiceCall"):
// - `Object$Field` columns and `<reportType>Name__c</reportType>`: the sample report of the Metadata API Developer
//   Guide's Report page (reportType CRT1__c, columns CRT_Object__c$Name, CRT_Object__c$CreatedBy);
// - report type columns <field>Owner</field> (a standard lookup by relationship name): NPSP's retrieved
//   Contacts_Only.reportType-meta.xml; `Lookup__c.Field` up a custom lookup: a report type retrieved from an org,
//   quoted in a public deployment runbook (Ultimate_Account__c.Am_Law_UK_50_Rank__c, table Opportunity). Not
//   confirmed by Salesforce's own documentation, hence unknown paths up a standard lookup stay warnings.
import { basename, dirname } from 'node:path';
import { rel, sourceFiles } from '../project.mjs';
import { childElement, childElements, descendants, parseXmlFile, textOf } from '../xml.mjs';

export const REPORT_RULES = {
    unknownReportType: 'unknown-report-type',
    unknownReport: 'unknown-report',
    unknownTable: 'unknown-report-table',
    notInReportType: 'report-column-not-in-type'
};

/** Values a report or dashboard writes where a column goes that are not fields (row count, summary contexts). */
const NOT_FIELDS = /^(RowCount|GRAND_SUMMARY|COLUMN_GRAND_SUMMARY|ROW_GRAND_SUMMARY)$/;

const lower = (s) => String(s).toLowerCase();

/**
 * A report-type field path as the schema model reads it: a custom lookup traversed by its field name (Case__c.X)
 * is the relationship Case__r; a standard lookup is already named by its relationship (Owner.Name).
 */
export function modelPath(path) {
    const segments = path.split('.');
    return segments.map((s, i) => (i < segments.length - 1 ? s.replace(/__c$/i, '__r') : s)).join('.');
}

/** The project's custom report types, by lower-case developer name. */
function reportTypesOf(root) {
    const types = new Map();
    for (const file of sourceFiles(root, (f) => f.endsWith('.reportType-meta.xml'))) {
        const { root: xml } = parseXmlFile(file);
        if (!xml) continue;
        const name = basename(file, '.reportType-meta.xml');
        const baseEl = childElement(xml, 'baseObject');
        const joins = [];
        for (let join = childElement(xml, 'join'); join; join = childElement(join, 'join'))
            joins.push({ el: childElement(join, 'relationship'), name: textOf(join, 'relationship') });
        const columns = [];
        for (const section of childElements(xml, 'sections'))
            for (const column of childElements(section, 'columns'))
                columns.push({
                    file,
                    table: childElement(column, 'table'),
                    field: childElement(column, 'field')
                });
        types.set(lower(name), { name, file, xml, base: textOf(baseEl), baseEl, joins, columns });
    }
    return types;
}

/** The project's reports, by lower-case `Folder/Name` (the name dashboards give). */
function reportsOf(root) {
    const reports = new Map();
    for (const file of sourceFiles(root, (f) => f.endsWith('.report-meta.xml'))) {
        const folder = basename(dirname(file));
        const name = basename(file, '.report-meta.xml');
        reports.set(lower(`${folder}/${name}`), { file, name: `${folder}/${name}` });
    }
    return reports;
}

/**
 * Resolves a report type's table (`VoiceCall`, `Account.Contacts`): the base object, then child relationships.
 * @returns {{ object: string } | { problem: string, certain: boolean }}
 */
function resolveTable(model, type, table) {
    const [first, ...rels] = table.split('.');
    if (lower(first) !== lower(type.base))
        return {
            problem: `table ${table} does not start at the report type's base object ${type.base}`,
            certain: true
        };
    let current = type.base;
    for (const relationship of rels) {
        const info = model.object(current);
        const child = info?.children.get(lower(relationship));
        if (!child)
            return {
                problem: `${current} has no child relationship ${relationship}`,
                // only a relationship of this project's own lookups is certainly missing
                certain: !!info && info.source === 'project' && /__r$/i.test(relationship)
            };
        current = child;
    }
    return { object: current };
}

/** Every `Object$Field` column a report element names, with its element (for the line). */
function reportColumns(report) {
    const out = [];
    const add = (el) => {
        const value = textOf(el);
        if (value && value.includes('$') && !NOT_FIELDS.test(value)) out.push({ el, value });
    };
    const direct = (parent, name) => childElements(parent, name).forEach(add);
    for (const c of childElements(report, 'columns')) direct(c, 'field');
    for (const g of [...childElements(report, 'groupingsDown'), ...childElements(report, 'groupingsAcross')])
        direct(g, 'field');
    for (const f of childElements(report, 'filter'))
        for (const item of childElements(f, 'criteriaItems')) direct(item, 'column');
    direct(report, 'sortColumn');
    for (const t of childElements(report, 'timeFrameFilter')) direct(t, 'dateColumn');
    for (const chart of childElements(report, 'chart')) {
        direct(chart, 'groupingColumn');
        direct(chart, 'secondaryGroupingColumn');
        for (const s of childElements(chart, 'chartSummaries')) direct(s, 'column');
    }
    for (const a of childElements(report, 'aggregates')) {
        direct(a, 'downGroupingContext');
        direct(a, 'acrossGroupingContext');
    }
    for (const b of childElements(report, 'buckets')) direct(b, 'sourceColumnName');
    for (const x of childElements(report, 'crossFilters')) direct(x, 'primaryTableColumn');
    return out;
}

/** Every column a dashboard component names. */
function dashboardColumns(component) {
    const out = [];
    const add = (el) => {
        const value = textOf(el);
        if (value && value.includes('$') && !NOT_FIELDS.test(value)) out.push({ el, value });
    };
    for (const el of childElements(component, 'groupingColumn')) add(el);
    for (const s of childElements(component, 'chartSummary')) childElements(s, 'column').forEach(add);
    for (const t of childElements(component, 'dashboardTableColumn')) childElements(t, 'column').forEach(add);
    for (const f of childElements(component, 'dashboardFilterColumns')) childElements(f, 'column').forEach(add);
    for (const f of descendants(component, 'flexTableColumn')) childElements(f, 'reportColumn').forEach(add);
    return out;
}

/** @returns {{ references: object[], problems: object[] }} */
export function collectReportReferences(root, model) {
    const references = [];
    const problems = [];
    const types = reportTypesOf(root);
    const reports = reportsOf(root);
    const ref = (file, el, object, path, context) =>
        references.push({ file: rel(root, file), line: el?.lineNumber, object, path, context, recordEndAllowed: true });
    const problem = (file, el, message, rule, certain = true) =>
        problems.push({
            file: rel(root, file),
            line: el?.lineNumber,
            ...(certain ? {} : { severity: 'warning' }),
            message,
            rule
        });

    // Report types: the base object, the joined child relationships, every column's table and field.
    for (const type of types.values()) {
        if (!type.base) continue; // the XSD step reports a missing baseObject
        ref(type.file, type.baseEl, type.base, null, `report type ${type.name} base object`);
        let current = type.base;
        for (const join of type.joins) {
            const info = model.object(current);
            const child = info?.children.get(lower(join.name));
            if (!child) {
                if (info)
                    problem(
                        type.file,
                        join.el,
                        `report type ${type.name} joins ${current}.${join.name}, which is not a child relationship of ${current}`,
                        REPORT_RULES.unknownTable,
                        info.source === 'project' && /__r$/i.test(join.name)
                    );
                break;
            }
            current = child;
        }
        for (const column of type.columns) {
            const table = textOf(column.table);
            const field = textOf(column.field);
            if (!table || !field) continue;
            const resolved = resolveTable(model, type, table);
            if (!resolved.object) {
                problem(
                    column.file,
                    column.table,
                    `report type ${type.name}: ${resolved.problem}`,
                    REPORT_RULES.unknownTable,
                    resolved.certain
                );
                continue;
            }
            ref(column.file, column.field, resolved.object, modelPath(field), `report type ${type.name} column`);
        }
    }

    /** A report's columns against its report type; returns the report type (or null) for dashboards. */
    const checkReport = (file, report, context) => {
        const typeEl = childElement(report, 'reportType');
        const typeName = textOf(typeEl);
        const custom = /^([A-Za-z][A-Za-z0-9_]*)__c$/.exec(typeName);
        if (!custom || typeName.includes('$')) return null; // a standard report type: its columns are tokens
        const type = types.get(lower(custom[1]));
        if (!type) {
            problem(
                file,
                typeEl,
                `${context} uses report type ${typeName}, which this project does not define (reportTypes/${custom[1]}.reportType-meta.xml); its columns are not checked`,
                REPORT_RULES.unknownReportType,
                false
            );
            return null;
        }
        for (const { el, value } of reportColumns(report)) checkColumn(file, el, value, type, context);
        for (const block of childElements(report, 'block')) checkReport(file, block, `${context} block`);
        return type;
    };

    /** One `Table$Field.Path` column of a report or dashboard on a project report type. */
    const checkColumn = (file, el, value, type, context) => {
        const at = value.indexOf('$');
        const table = value.slice(0, at);
        const field = value.slice(at + 1);
        const resolved = resolveTable(model, type, table);
        if (!resolved.object) {
            problem(
                file,
                el,
                `${context} column ${value}: ${resolved.problem}`,
                REPORT_RULES.unknownTable,
                resolved.certain
            );
            return;
        }
        ref(file, el, resolved.object, modelPath(field), `${context} column ${value}`);
        const offered = type.columns.some(
            (c) => lower(textOf(c.table)) === lower(table) && lower(textOf(c.field)) === lower(field)
        );
        if (!offered && model.resolvePath(resolved.object, modelPath(field), { recordEndAllowed: true }).ok)
            // Salesforce documents that a report offers the fields the report type's layout lists; whether a
            // deploy refuses another field is not confirmed
            problem(
                file,
                el,
                `${context} column ${value} is not among the fields report type ${type.name} offers (add it to a section of ${rel(root, type.file)})`,
                REPORT_RULES.notInReportType,
                false
            );
    };

    const reportTypeOf = new Map();
    for (const { file } of reports.values()) {
        const { root: xml } = parseXmlFile(file);
        if (!xml) continue;
        const name = `${basename(dirname(file))}/${basename(file, '.report-meta.xml')}`;
        reportTypeOf.set(lower(name), checkReport(file, xml, `report ${name}`));
    }

    // Dashboards: the report each component shows exists; its columns resolve on that report's report type.
    for (const file of sourceFiles(root, (f) => f.endsWith('.dashboard-meta.xml'))) {
        const { root: xml } = parseXmlFile(file);
        if (!xml) continue;
        for (const component of descendants(xml, 'components').concat(descendants(xml, 'dashboardComponent'))) {
            const reportEl = childElement(component, 'report');
            const reportName = textOf(reportEl);
            if (!reportName) continue;
            if (!reports.has(lower(reportName))) {
                problem(
                    file,
                    reportEl,
                    `dashboard component shows report ${reportName}, which is not in the project (reports/${reportName}.report-meta.xml): the deploy fails unless the org already has it`,
                    REPORT_RULES.unknownReport,
                    false
                );
                continue;
            }
            const type = reportTypeOf.get(lower(reportName));
            if (!type) continue;
            for (const { el, value } of dashboardColumns(component))
                checkColumn(file, el, value, type, `dashboard component on ${reportName}`);
        }
    }
    return { references, problems };
}
