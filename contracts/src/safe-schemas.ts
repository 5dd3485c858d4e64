// Small additions to valibot for messages that come off the wire:
// - a free-form record that keeps a key named `__proto__` as data (valibot's `record` drops `__proto__`,
//   `constructor` and `prototype`, and plain assignment of `__proto__` would change the object's prototype);
// - a JSON value schema bounded in nesting depth, so a hostile peer cannot blow the stack;
// - error messages that say where and what: `$.params.callId: expected a string of 1 to 128 characters, received
//   number 3`, built from valibot's issues (`formatIssues`), which the gateway reuses for its HTTP 400s.
import * as v from 'valibot';

/** A short, safe description of a received value, for error messages (never the whole value). */
export function describeValue(value: unknown): string {
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    if (Array.isArray(value)) return 'an array';
    if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : `"${value}"`;
    if (typeof value === 'object') return 'an object';
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return `${typeof value} ${value}`;
    return typeof value;
}

/** A plain JSON object: what JSON.parse makes (or one made without a prototype); not an array, Date or Map. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
}

/**
 * Sets an own, enumerable property, even one named `__proto__`: plain assignment of that key changes the object's
 * prototype instead, which would drop the key from the data and let a frame from the wire reshape the object.
 */
function setOwn(target: object, key: string, value: unknown): void {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---- messages ---------------------------------------------------------------------------------------------------

/** A valibot message function: `expected <description>, received <the value>`. */
export const expected =
    (description: string) =>
    (issue: v.BaseIssue<unknown>): string =>
        `expected ${description}, received ${describeValue(issue.input)}`;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `$.params.callId`, `$.calls[2]`, `$.attributes["a b"]`: where an issue is, from its valibot path. */
export function issuePath(issue: v.BaseIssue<unknown>, root = '$'): string {
    let path = root;
    for (const item of issue.path ?? []) {
        const key = item.key;
        if (typeof key === 'number') path += `[${key}]`;
        else if (typeof key === 'string') path += IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
        else path += `[${describeValue(key)}]`;
    }
    return path;
}

/** What an issue says was expected: its own message when a schema gave one, else valibot's expected/received. */
function issueText(issue: v.BaseIssue<unknown>): string {
    // valibot's default messages start with "Invalid": rebuild those in this module's words.
    if (!issue.message.startsWith('Invalid ')) return issue.message;
    const last = issue.path?.at(-1);
    if (last && 'origin' in last && last.origin === 'key') return `required, received undefined`;
    return `expected ${issue.expected ?? 'a valid value'}, received ${describeValue(issue.input)}`;
}

/**
 * One line naming every problem (at most `max`): `$.params.callId: expected a string of 1 to 128 characters,
 * received number 3`. `root` names the checked value (`$` for a frame, `$.body` for an HTTP body...).
 */
export function formatIssues(issues: readonly v.BaseIssue<unknown>[], root = '$', max = 3): string {
    const shown = issues.slice(0, max).map((issue) => `${issuePath(issue, root)}: ${issueText(issue)}`);
    if (issues.length > max) shown.push(`and ${issues.length - max} more`);
    return shown.join('; ');
}

// ---- described schemas --------------------------------------------------------------------------------------------

const descriptions = new WeakMap<object, string>();

/** The human description of a schema, as the helpers below register it (valibot's `expects` otherwise). */
export function descriptionOf(schema: v.GenericSchema): string {
    return descriptions.get(schema) ?? schema.expects;
}

/** Registers a schema's description, used for its own messages and when a required key holding it is missing. */
export function describedAs<S extends v.GenericSchema>(description: string, schema: S): S {
    descriptions.set(schema, description);
    return schema;
}

/**
 * valibot's `object` (unknown keys are dropped: a newer peer's additions are ignored, never an error), with
 * messages that say what a missing key should have held.
 */
export function struct<const E extends v.ObjectEntries>(entries: E): v.ObjectSchema<E, v.ErrorMessage<v.ObjectIssue>> {
    return describedAs(
        'an object',
        v.object(entries, (issue) => {
            const last = issue.path?.at(-1);
            if (last && 'origin' in last && last.origin === 'key' && typeof last.key === 'string')
                return `expected ${descriptionOf(entries[last.key]!)}, received undefined`;
            return `expected an object, received ${describeValue(issue.input)}`;
        })
    );
}

// ---- the two safe schemas -----------------------------------------------------------------------------------------

/** An issue raised by this module's own schemas. */
interface SafeIssue extends v.BaseIssue<unknown> {
    readonly kind: 'schema';
    readonly type: 'safe_record' | 'json_value';
}

type Dataset = v.OutputDataset<unknown, v.BaseIssue<unknown>>;

function addIssue(
    dataset: Dataset,
    type: SafeIssue['type'],
    description: string,
    input: unknown,
    path: v.IssuePathItem[]
): void {
    const issue: SafeIssue = {
        kind: 'schema',
        type,
        input,
        expected: description,
        received: describeValue(input),
        message: `expected ${description}, received ${describeValue(input)}`,
        ...(path.length ? { path: path as [v.IssuePathItem, ...v.IssuePathItem[]] } : {})
    };
    dataset.typed = false;
    (dataset.issues ??= [] as never as [v.BaseIssue<unknown>]).push(issue);
}

function pathItem(input: unknown, key: string | number, value: unknown): v.IssuePathItem {
    return typeof key === 'number'
        ? { type: 'array', origin: 'value', input: input as unknown[], key, value }
        : { type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value };
}

/** A valibot schema written by hand: the shape `v.parse`, `v.object` and friends run. */
export interface SafeSchema<T> extends v.BaseSchema<unknown, T, v.BaseIssue<unknown>> {
    readonly type: SafeIssue['type'];
}

function safeSchema<T>(
    type: SafeIssue['type'],
    description: string,
    run: (value: unknown, dataset: Dataset, config: v.Config<v.BaseIssue<unknown>>) => void
): SafeSchema<T> {
    const schema: SafeSchema<T> = {
        kind: 'schema',
        type,
        reference: type === 'safe_record' ? safeRecord : jsonValue,
        expects: description,
        async: false,
        '~standard': {
            version: 1,
            vendor: 'valibot',
            // As valibot's own schemas do: the dataset is the Standard Schema result.
            validate: (value) => schema['~run']({ value }, {}) as never
        },
        '~run': (dataset, config) => {
            const out = dataset as unknown as Dataset;
            out.typed = true;
            run(dataset.value, out, config);
            return out as v.OutputDataset<T, v.BaseIssue<unknown>>;
        }
    };
    return describedAs(description, schema);
}

/**
 * A JSON object with free-form string keys (call attributes...) and values of one schema, bounded in key count.
 * Every key is kept as an own data property, including `__proto__`, `constructor` and `prototype`.
 */
export function safeRecord<S extends v.GenericSchema>(
    value: S,
    options: { maxKeys?: number } = {}
): SafeSchema<Record<string, v.InferOutput<S>>> {
    const max = options.maxKeys ?? 100;
    const description = `an object with at most ${max} keys`;
    return safeSchema('safe_record', description, (input, dataset, config) => {
        if (!isPlainObject(input) || Object.keys(input).length > max) {
            addIssue(dataset, 'safe_record', description, input, []);
            return;
        }
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(input)) {
            const result = value['~run']({ value: item }, config);
            if (result.issues) {
                for (const issue of result.issues) {
                    const mutable = issue as { path?: v.IssuePathItem[] };
                    mutable.path = [pathItem(input, key, item), ...(issue.path ?? [])];
                    (dataset.issues ??= [] as never as [v.BaseIssue<unknown>]).push(issue);
                }
                dataset.typed = false;
                if (config.abortEarly) return;
            }
            setOwn(out, key, result.value);
        }
        dataset.value = out;
    });
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Any JSON value (free-form payloads such as log details and command results), nested at most `maxDepth` levels
 * (16 by default). Objects are copied with every key as own data, `__proto__` included. The first problem found
 * is reported, with its path.
 */
export function jsonValue(options: { maxDepth?: number } = {}): SafeSchema<Json> {
    const maxDepth = options.maxDepth ?? 16;
    const description = `a JSON value nested at most ${maxDepth} levels`;
    return safeSchema('json_value', description, (input, dataset) => {
        const path: v.IssuePathItem[] = [];
        const fail = (what: string, value: unknown): undefined => {
            addIssue(dataset, 'json_value', what, value, [...path]);
            return undefined;
        };
        const check = (value: unknown, depth: number): Json | undefined => {
            if (depth > maxDepth) return fail(description, value);
            if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
            if (typeof value === 'number') return Number.isFinite(value) ? value : fail('a finite number', value);
            const container = Array.isArray(value) ? value : isPlainObject(value) ? value : undefined;
            if (!container) return fail(description, value);
            const out: Json[] | Record<string, Json> = Array.isArray(container) ? [] : {};
            for (const [key, item] of Object.entries(container)) {
                const index = Array.isArray(container) ? Number(key) : key;
                path.push(pathItem(container, index, item));
                const copied = check(item, depth + 1);
                path.pop();
                if (copied === undefined) return undefined;
                if (Array.isArray(out)) out.push(copied);
                else setOwn(out, key, copied);
            }
            return out;
        };
        const copied = check(input, 0);
        if (copied !== undefined) dataset.value = copied;
    });
}
