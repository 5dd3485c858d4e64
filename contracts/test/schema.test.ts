import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
    array,
    boolean,
    isPlainObject,
    json,
    literal,
    number,
    object,
    oneOf,
    optional,
    record,
    SchemaError,
    string,
    tagged
} from '../src/schema.js';

function rejects(fn: () => unknown, path: string, expected: RegExp): void {
    assert.throws(fn, (error: unknown) => {
        assert.ok(error instanceof SchemaError, `expected a SchemaError, got ${String(error)}`);
        assert.equal(error.path, path);
        assert.match(error.message, expected);
        return true;
    });
}

describe('schema primitives', () => {
    it('string honours its length bounds and says so', () => {
        const s = string({ minLength: 2, maxLength: 3 });
        assert.equal(s.parse('abc'), 'abc');
        rejects(() => s.parse('a'), '$', /a string of 2 to 3 characters, received "a"/);
        rejects(() => s.parse('abcd'), '$', /received "abcd"/);
        rejects(() => s.parse(7), '$', /received number 7/);
        rejects(() => string().parse('x'.repeat(10_001)), '$', /a string of 10001 characters/);
    });

    it('number checks finiteness, integers and bounds', () => {
        const n = number({ integer: true, min: 1, max: 5 });
        assert.equal(n.parse(3), 3);
        rejects(() => n.parse(1.5), '$', /an integer >= 1 <= 5/);
        rejects(() => n.parse(0), '$', /received number 0/);
        rejects(() => n.parse(6), '$', /received number 6/);
        rejects(() => number().parse(Number.NaN), '$', /a number/);
        rejects(() => number().parse('1'), '$', /received "1"/);
    });

    it('boolean, literal and oneOf accept exactly their values', () => {
        assert.equal(boolean().parse(false), false);
        rejects(() => boolean().parse('true'), '$', /a boolean/);
        assert.equal(literal('x').parse('x'), 'x');
        rejects(() => literal('x').parse('y'), '$', /expected "x"/);
        assert.equal(oneOf(['a', 'b']).parse('b'), 'b');
        rejects(() => oneOf(['a', 'b']).parse('c'), '$', /one of "a", "b"/);
        rejects(() => oneOf(['a']).parse(null), '$', /received null/);
    });

    it('array validates every item with its index in the path', () => {
        const a = array(number(), { maxItems: 2 });
        assert.deepEqual(a.parse([1, 2]), [1, 2]);
        rejects(() => a.parse([1, 'x']), '$[1]', /a number/);
        rejects(() => a.parse([1, 2, 3]), '$', /at most 2 items/);
        rejects(() => a.parse({}), '$', /received an object/);
    });

    it('record accepts free keys with typed values, bounded in count', () => {
        const r = record(string(), { maxKeys: 2 });
        assert.deepEqual(r.parse({ a: 'x' }), { a: 'x' });
        rejects(() => r.parse({ a: 1 }), '$.a', /a string/);
        rejects(() => r.parse({ a: '', b: '', c: '' }), '$', /at most 2 keys/);
        rejects(() => r.parse([]), '$', /received an array/);
    });

    it('object rejects unknown keys, keeps optional ones absent, and rejects null for optional', () => {
        const o = object({ a: number(), b: optional(string()) });
        assert.deepEqual(o.parse({ a: 1 }), { a: 1 });
        assert.deepEqual(o.parse({ a: 1, b: 'x' }), { a: 1, b: 'x' });
        assert.ok(!('b' in o.parse({ a: 1, b: undefined })));
        rejects(() => o.parse({ a: 1, c: 2 }), '$.c', /unknown key; this message has only a, b/);
        rejects(() => o.parse({ a: 1, b: null }), '$.b', /received null/);
        rejects(() => o.parse({}), '$.a', /a number/);
        rejects(() => o.parse(new Date()), '$', /an object with a, b/);
        rejects(() => object({}).parse([]), '$', /no keys/);
    });

    it('tagged dispatches on its tag and keeps the tag in the result', () => {
        const t = tagged('type', { a: object({ x: number() }), b: object({}) });
        assert.deepEqual(t.parse({ type: 'a', x: 1 }), { type: 'a', x: 1 });
        assert.deepEqual(t.parse({ type: 'b' }), { type: 'b' });
        rejects(() => t.parse({ type: 'c' }), '$.type', /one of a, b/);
        rejects(() => t.parse({ type: 'toString' }), '$.type', /one of a, b/);
        rejects(() => t.parse({ type: 'a', x: 'no' }), '$.x', /a number/);
        rejects(() => t.parse('a'), '$', /whose type is one of a, b/);
    });

    it('json accepts JSON values and refuses functions, non-finite numbers and deep nesting', () => {
        const j = json({ maxDepth: 3 });
        assert.deepEqual(j.parse({ a: [1, 'x', null, true] }), { a: [1, 'x', null, true] });
        rejects(() => j.parse({ f: () => 1 }), '$.f', /a JSON value/);
        rejects(() => j.parse([Number.POSITIVE_INFINITY]), '$[0]', /a finite number/);
        rejects(() => j.parse([[[[1]]]]), '$[0][0][0][0]', /nested at most 3/);
        fc.assert(fc.property(fc.jsonValue({ maxDepth: 10 }), (v) => assert.deepEqual(json().parse(v), v)));
    });

    it('keeps a __proto__ key from the wire as data, never as a prototype', () => {
        const wire = JSON.parse('{"__proto__": {"polluted": true}, "a": {"__proto__": 1}}') as unknown;
        for (const parsed of [json().parse(wire), record(json()).parse(wire)] as Record<string, unknown>[]) {
            assert.deepEqual(parsed, wire);
            assert.ok(Object.hasOwn(parsed, '__proto__'));
            assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
            assert.equal((parsed as { polluted?: unknown }).polluted, undefined);
        }
        assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    });

    it('isPlainObject is true only for literal-like objects', () => {
        assert.ok(isPlainObject({}));
        assert.ok(isPlainObject(Object.create(null)));
        assert.ok(!isPlainObject(new Map()));
        assert.ok(!isPlainObject(null));
        assert.ok(!isPlainObject([]));
    });

    it('never throws anything but SchemaError on arbitrary input', () => {
        const s = object({ a: array(tagged('k', { x: object({ n: number() }) })), b: optional(record(boolean())) });
        fc.assert(
            fc.property(fc.anything(), (value) => {
                try {
                    s.parse(value);
                } catch (error) {
                    assert.ok(error instanceof SchemaError);
                }
            })
        );
    });
});
