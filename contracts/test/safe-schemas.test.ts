import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as v from 'valibot';
import {
    describedAs,
    describeValue,
    descriptionOf,
    formatIssues,
    isPlainObject,
    issuePath,
    jsonValue,
    parseWith,
    ProtocolError,
    safeRecord,
    struct
} from '../src/index.js';

function rejects(fn: () => unknown, message: RegExp): void {
    assert.throws(fn, (error: unknown) => {
        assert.ok(error instanceof ProtocolError, `expected a ProtocolError, got ${String(error)}`);
        assert.match(error.message, message);
        return true;
    });
}

describe('safe schemas', () => {
    it('keeps a __proto__ key from the wire as data, never as a prototype', () => {
        const wire = JSON.parse(
            '{"__proto__": {"polluted": true}, "constructor": "c", "a": {"__proto__": 1}}'
        ) as unknown;
        for (const parsed of [parseWith(jsonValue(), wire), parseWith(safeRecord(jsonValue()), wire)] as Record<
            string,
            unknown
        >[]) {
            assert.deepEqual(parsed, wire);
            assert.ok(Object.hasOwn(parsed, '__proto__'));
            assert.ok(Object.hasOwn(parsed, 'constructor'), 'valibot record would drop it');
            assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
            assert.equal((parsed as { polluted?: unknown }).polluted, undefined);
        }
        assert.equal(({} as { polluted?: unknown }).polluted, undefined);
        // Inside a struct, too: the call attributes of a frame.
        const attrs = parseWith(
            struct({ attributes: safeRecord(v.string()) }),
            JSON.parse('{"attributes":{"__proto__":"x"}}')
        );
        assert.ok(Object.hasOwn(attrs.attributes, '__proto__'));
    });

    it('safeRecord checks its values with their paths, and bounds its key count', () => {
        const r = safeRecord(v.string(), { maxKeys: 2 });
        assert.deepEqual(parseWith(r, { a: 'x' }), { a: 'x' });
        rejects(() => parseWith(r, { a: 'x', 'b c': 1 }), /^\$\["b c"\]: expected string, received number 1$/);
        rejects(
            () => parseWith(r, { a: '', b: '', c: '' }),
            /^\$: expected an object with at most 2 keys, received an object$/
        );
        rejects(() => parseWith(r, []), /received an array/);
        rejects(() => parseWith(r, new Map()), /received an object/);
        // All issues, when not aborting early.
        const all = v.safeParse(r, { a: 1, b: 2 });
        assert.equal(all.success, false);
        assert.equal(all.issues?.length, 2);
        assert.equal(r['~standard'].vendor, 'valibot');
        assert.deepEqual(r['~standard'].validate({ a: 'x' }), { typed: true, value: { a: 'x' } });
    });

    it('jsonValue accepts JSON, refuses functions, non-finite numbers and nesting deeper than its limit', () => {
        const j = jsonValue({ maxDepth: 3 });
        assert.deepEqual(parseWith(j, { a: [1, 'x', null, true] }), { a: [1, 'x', null, true] });
        rejects(
            () => parseWith(j, { f: () => 1 }),
            /^\$\.f: expected a JSON value nested at most 3 levels, received function$/
        );
        rejects(() => parseWith(j, [Number.POSITIVE_INFINITY]), /^\$\[0\]: expected a finite number/);
        rejects(
            () => parseWith(j, [[[[1]]]]),
            /^\$\[0\]\[0\]\[0\]\[0\]: expected a JSON value nested at most 3 levels/
        );
        assert.deepEqual(parseWith(j, [[[1]]]), [[[1]]]);
        // The default limit is 16 levels.
        let deep: unknown = 1;
        for (let i = 0; i < 16; i++) deep = [deep];
        assert.deepEqual(parseWith(jsonValue(), deep), deep);
        rejects(() => parseWith(jsonValue(), [deep]), /nested at most 16 levels/);
        fc.assert(fc.property(fc.jsonValue({ maxDepth: 10 }), (x) => assert.deepEqual(parseWith(jsonValue(), x), x)));
    });

    it('formats valibot issues as path: expected, received', () => {
        const schema = struct({
            id: describedAs('a call id', v.pipe(v.string(), v.minLength(1))),
            n: v.number(),
            list: v.array(v.object({ ok: v.boolean() }))
        });
        const result = v.safeParse(schema, { id: '', n: 'x', list: [{ ok: true }, { ok: 'no' }] });
        assert.equal(result.success, false);
        assert.equal(
            formatIssues(result.issues, '$.body'),
            '$.body.id: expected >=1, received ""; $.body.n: expected number, received "x"; $.body.list[1].ok: expected boolean, received "no"'
        );
        const missing = v.safeParse(schema, {});
        assert.equal(formatIssues(missing.issues!, '$', 1), '$.id: expected a call id, received undefined; and 2 more');
        const plain = v.safeParse(v.object({ a: v.string() }), {});
        assert.equal(formatIssues(plain.issues!), '$.a: required, received undefined');
        const custom = v.safeParse(v.pipe(v.string(), v.email('must be an e-mail address')), 'x');
        assert.equal(formatIssues(custom.issues!), '$: must be an e-mail address');
        assert.equal(issuePath({ path: [{ key: Symbol.for('s') }] } as never), '$[symbol]');
        assert.equal(descriptionOf(v.string()), 'string');
    });

    it('describes received values briefly', () => {
        assert.equal(describeValue('x'.repeat(41)), 'a string of 41 characters');
        assert.equal(describeValue(10n), 'bigint 10');
        assert.equal(describeValue(undefined), 'undefined');
        assert.equal(describeValue(Symbol('s')), 'symbol');
    });

    it('isPlainObject is true only for literal-like objects', () => {
        assert.ok(isPlainObject({}));
        assert.ok(isPlainObject(Object.create(null)));
        assert.ok(!isPlainObject(new Map()));
        assert.ok(!isPlainObject(null));
        assert.ok(!isPlainObject([]));
    });

    it('never throws anything but ProtocolError on arbitrary input', () => {
        const s = struct({
            a: v.array(v.variant('k', [struct({ k: v.literal('x'), n: v.number() })])),
            b: v.optional(safeRecord(jsonValue())),
            c: v.optional(jsonValue({ maxDepth: 2 }))
        });
        fc.assert(
            fc.property(fc.anything(), (value) => {
                try {
                    parseWith(s, value);
                } catch (error) {
                    assert.ok(error instanceof ProtocolError);
                }
            })
        );
    });
});
