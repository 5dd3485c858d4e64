// A small runtime-checked schema language: every wire message is declared once, and its TypeScript type is inferred
// from the declaration, so the static type and the run-time check cannot drift apart. No dependency: the connector
// bundle ships this, and it must stay small.

/** A value that failed its schema. `path` says where (`$.command.callId`), `message` says what was expected. */
export class SchemaError extends Error {
    override readonly name = 'SchemaError';
    constructor(
        readonly path: string,
        readonly expected: string,
        readonly received: unknown,
        detail?: string
    ) {
        super(`${path}: ${detail ?? `expected ${expected}, received ${describe(received)}`}`);
    }
}

function describe(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : `"${value}"`;
    if (typeof value === 'object') return 'an object';
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return `${typeof value} ${value}`;
    return typeof value;
}

/**
 * Sets an own, enumerable property, even one named `__proto__`: plain assignment of that key changes the object's
 * prototype instead, which would drop the key from the data and let a frame from the wire reshape the object.
 */
function setOwn(target: object, key: string, value: unknown): void {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export interface Schema<T> {
    /** Returns the value typed as T, or throws SchemaError. Never returns a copy with unknown keys dropped silently. */
    parse(value: unknown, path?: string): T;
    /** Human description, used in error messages. */
    readonly description: string;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function schema<T>(description: string, parse: (value: unknown, path: string) => T): Schema<T> {
    return { description, parse: (value, path = '$') => parse(value, path) };
}

export const string = (options: { minLength?: number; maxLength?: number } = {}): Schema<string> => {
    const min = options.minLength ?? 0;
    const max = options.maxLength ?? 10_000;
    const description = min > 0 ? `a string of ${min} to ${max} characters` : `a string of at most ${max} characters`;
    return schema(description, (value, path) => {
        if (typeof value !== 'string' || value.length < min || value.length > max)
            throw new SchemaError(path, description, value);
        return value;
    });
};

export const number = (options: { integer?: boolean; min?: number; max?: number } = {}): Schema<number> => {
    const description = `${options.integer ? 'an integer' : 'a number'}${options.min !== undefined ? ` >= ${options.min}` : ''}${options.max !== undefined ? ` <= ${options.max}` : ''}`;
    return schema(description, (value, path) => {
        if (
            typeof value !== 'number' ||
            !Number.isFinite(value) ||
            (options.integer && !Number.isInteger(value)) ||
            (options.min !== undefined && value < options.min) ||
            (options.max !== undefined && value > options.max)
        )
            throw new SchemaError(path, description, value);
        return value;
    });
};

export const boolean = (): Schema<boolean> =>
    schema('a boolean', (value, path) => {
        if (typeof value !== 'boolean') throw new SchemaError(path, 'a boolean', value);
        return value;
    });

export const literal = <const T extends string | number | boolean>(expected: T): Schema<T> =>
    schema(JSON.stringify(expected), (value, path) => {
        if (value !== expected) throw new SchemaError(path, JSON.stringify(expected), value);
        return expected;
    });

export const oneOf = <const T extends readonly string[]>(values: T): Schema<T[number]> => {
    const description = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    return schema(description, (value, path) => {
        if (typeof value !== 'string' || !values.includes(value)) throw new SchemaError(path, description, value);
        return value;
    });
};

export const array = <T>(item: Schema<T>, options: { maxItems?: number } = {}): Schema<T[]> => {
    const max = options.maxItems ?? 1000;
    const description = `an array of at most ${max} items (${item.description})`;
    return schema(description, (value, path) => {
        if (!Array.isArray(value) || value.length > max) throw new SchemaError(path, description, value);
        return value.map((v, i) => item.parse(v, `${path}[${i}]`));
    });
};

/** A JSON object with free-form string keys and values of one schema (e.g. call attributes). */
export const record = <T>(value: Schema<T>, options: { maxKeys?: number } = {}): Schema<Record<string, T>> => {
    const max = options.maxKeys ?? 100;
    const description = `an object with at most ${max} keys`;
    return schema(description, (input, path) => {
        if (!isPlainObject(input) || Object.keys(input).length > max) throw new SchemaError(path, description, input);
        const out: Record<string, T> = {};
        for (const [k, v] of Object.entries(input)) setOwn(out, k, value.parse(v, `${path}.${k}`));
        return out;
    });
};

/** Marks a property optional in `object`: absent or undefined is accepted; null is not. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
    readonly optional: true;
}
export const optional = <T>(inner: Schema<T>): OptionalSchema<T> => ({
    optional: true,
    description: `${inner.description} (optional)`,
    parse: (value, path = '$') => (value === undefined ? undefined : inner.parse(value, path))
});

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Simplify<
    { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
}

/**
 * A JSON object with exactly these keys. Unknown keys are rejected, because a peer that sends a field this side
 * does not know speaks a different protocol version, and silently dropping data hides that.
 */
export const object = <S extends Shape>(shape: S): Schema<ObjectOf<S>> => {
    const keys = Object.keys(shape);
    const description = `an object with ${keys.length ? keys.join(', ') : 'no keys'}`;
    return schema(description, (value, path) => {
        if (!isPlainObject(value)) throw new SchemaError(path, description, value);
        for (const key of Object.keys(value))
            if (!(key in shape))
                throw new SchemaError(
                    `${path}.${key}`,
                    'a known key',
                    value[key],
                    `unknown key; this message has only ${keys.join(', ')}`
                );
        const out: Record<string, unknown> = {};
        for (const key of keys) {
            const parsed = shape[key]!.parse(value[key], `${path}.${key}`);
            if (parsed !== undefined) setOwn(out, key, parsed);
        }
        return out as ObjectOf<S>;
    });
};

/** A union of objects told apart by one string key (`kind`, `type`...). */
export const tagged = <K extends string, const M extends Record<string, Schema<Record<string, unknown>>>>(
    tag: K,
    members: M
): Schema<{ [T in keyof M]: Infer<M[T]> & { [P in K]: T } }[keyof M]> => {
    const tags = Object.keys(members);
    const description = `an object whose ${tag} is one of ${tags.join(', ')}`;
    return schema(description, (value, path) => {
        if (!isPlainObject(value)) throw new SchemaError(path, description, value);
        const which = value[tag];
        if (typeof which !== 'string' || !Object.hasOwn(members, which))
            throw new SchemaError(`${path}.${tag}`, `one of ${tags.join(', ')}`, which);
        const { [tag]: _omit, ...rest } = value;
        return { ...members[which]!.parse(rest, path), [tag]: which } as never;
    });
};

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Any JSON value (free-form payloads such as log details), bounded in depth so a hostile peer cannot blow the stack. */
export const json = (options: { maxDepth?: number } = {}): Schema<Json> => {
    const maxDepth = options.maxDepth ?? 16;
    const description = `a JSON value nested at most ${maxDepth} levels`;
    const check = (value: unknown, path: string, depth: number): Json => {
        if (depth > maxDepth) throw new SchemaError(path, description, value);
        if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
        if (typeof value === 'number') {
            if (!Number.isFinite(value)) throw new SchemaError(path, 'a finite number', value);
            return value;
        }
        if (Array.isArray(value)) return value.map((v, i) => check(v, `${path}[${i}]`, depth + 1));
        if (isPlainObject(value)) {
            const out: { [key: string]: Json } = {};
            for (const [k, v] of Object.entries(value)) setOwn(out, k, check(v, `${path}.${k}`, depth + 1));
            return out;
        }
        throw new SchemaError(path, description, value);
    };
    return schema(description, (value, path) => check(value, path, 0));
};
