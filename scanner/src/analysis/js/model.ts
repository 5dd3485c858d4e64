// The model every phase of the JavaScript analysis shares (see ../javascript.ts): the compiler, the unit's scopes and
// bindings, what the collect phase records, and the objects and functions it found. One `UnitModel` per unit.
import type * as TS from 'typescript';
import { loadTypeScript } from '../../lazy.js';
import type { CallableDef, ExportRegistry, PortableRef, Trait } from '../detections.js';

/**
 * The compiler API the phases call for the unit being analysed: the TypeScript compiler for a tree it parsed, or
 * its stand-in for a tree converted from oxc's (js/oxc-tree.ts). Set by `useCompiler` before each unit.
 */
export let ts: typeof TS;

/** The TypeScript compiler, loaded on first use (see lazy.ts: it is not loaded at start-up). */
export function loadCompiler(): typeof TS {
    return loadTypeScript();
}

export function useCompiler(compiler: typeof TS): void {
    ts = compiler;
}

export type Language = 'js' | 'jsx' | 'ts' | 'tsx';

export interface AnalyzeOptions {
    /** Path of the file, as reported (wrapper definitions carry it). */
    file: string;
    /** Lines before the unit in its file (script blocks, Markdown fences). */
    lineOffset?: number;
    language: Language;
    registry: ExportRegistry;
    /** Resolves a relative import specifier to the key of a scanned file. */
    resolveModule?: (specifier: string) => string | undefined;
    /** Aura controllers and renderers: what their `helper` parameter is (the bundle helper's methods). */
    auraHelper?: PortableRef;
    /** The registry key the helper is found under (a dependency even while the helper is unknown). */
    auraHelperKey?: string;
    /** Whether the unit is a module, when its text cannot say (a masked unit, analysis/mask.ts). */
    module?: boolean;
}

/** Thrown when the input nests deeper than the analyser walks; the caller falls back to the token scan. */
export class NestingTooDeepError extends Error {
    constructor() {
        super('nested too deeply to analyse');
    }
}

/** How deep an argument's shape is read (objects in objects), in views and in wrapper templates. */
export const MAX_VIEW_DEPTH = 4;

export interface ObjectInfo {
    id: number;
    members: Map<string, Member>;
    /** The object literal or class it stands for (a class's instances share its object). */
    node?: TS.Node;
}

interface Member {
    ref?: LocalRef;
    value?: { expr: TS.Node; scope: Scope };
}

export type LocalRef =
    | PortableRef
    | { kind: 'object'; obj: ObjectInfo; traits: Trait[] }
    /** What calling an `async` function gives: `await` and `.then` unwrap it; its members are not the value's. */
    | { kind: 'promise'; value: LocalRef; traits: Trait[] };

export interface FunctionInfo {
    node: TS.SignatureDeclaration;
    scope: Scope;
    name: string;
    calls: CallRecord[];
    returns: { expr: TS.Expression; scope: Scope }[];
    def?: CallableDef;
    signature: string;
}

export interface Binding {
    name: string;
    ref?: LocalRef;
    paramOf?: FunctionInfo;
    paramIndex?: number;
    rest?: boolean;
    isFunction?: boolean;
    /** The function a declaration names (`function f() {}`), for binding its parameters at its call sites. */
    fn?: FunctionInfo;
    /**
     * A parameter bound from the arguments of its call sites: its object shape is the first site's, not every
     * site's, so argument views do not read it (a wrapper's sites are instantiated one by one instead).
     */
    fromArgs?: boolean;
    /** Every value written to the variable (initialiser and plain assignments), in source order. */
    values?: { pos: number; expr: TS.Expression; scope: Scope; fn: TS.Node | undefined }[];
}

/** The nearest enclosing function of a node (undefined at the top level). */
export function enclosingFunction(node: TS.Node): TS.Node | undefined {
    for (let n = node.parent; n; n = n.parent) if (isFunctionLike(n)) return n;
    return undefined;
}

export class Scope {
    readonly names = new Map<string, Binding>();
    constructor(
        readonly parent: Scope | undefined,
        readonly isFunction: boolean,
        readonly thisObject: ObjectInfo | undefined | 'inherit'
    ) {}

    lookup(name: string): Binding | undefined {
        return this.names.get(name) ?? this.parent?.lookup(name);
    }

    functionScope(): Scope {
        return this.isFunction || !this.parent ? this : this.parent.functionScope();
    }

    declare(name: string, extra?: Partial<Binding>): Binding {
        const existing = this.names.get(name);
        if (existing) {
            if (extra) Object.assign(existing, extra);
            return existing;
        }
        const b: Binding = extra ? { name, ...extra } : { name };
        this.names.set(name, b);
        return b;
    }

    thisObj(): ObjectInfo | undefined {
        return this.thisObject === 'inherit' ? this.parent?.thisObj() : this.thisObject;
    }
}

export type Decl =
    | {
          kind: 'init';
          binding: Binding;
          expr: TS.Expression;
          scope: Scope;
          keys: string[];
          trait: Trait;
      }
    | { kind: 'import'; binding: Binding; module: string | undefined; name: string }
    | { kind: 'function'; binding: Binding; fn: FunctionInfo }
    /** A parameter of a named function: what its call sites pass, the first that resolves. */
    | { kind: 'args'; binding: Binding; candidates: ArgCandidate[]; seen: Set<TS.Node> };

/** An argument at a call site; `awaited`: the value a promise settles to (`p.then(x => ...)` binds `x`). */
export interface ArgCandidate {
    expr: TS.Expression;
    scope: Scope;
    awaited?: boolean;
}

export interface CallRecord {
    node: TS.CallExpression;
    scope: Scope;
}

export interface Recorded {
    decls: Decl[];
    assignments: { left: TS.Expression; right: TS.Expression; scope: Scope }[];
    calls: CallRecord[];
    /** `new X(...)`: binds the parameters of X's constructor. */
    constructions: { node: TS.NewExpression; scope: Scope }[];
    chains: { node: TS.Expression; scope: Scope }[];
    identifiers: { node: TS.Identifier; scope: Scope }[];
    functions: FunctionInfo[];
    moduleExports: ModuleExport[];
}

/**
 * One name a module exports: a local name, an expression, or (`from`) a name of another module, `*` for all its
 * names (`export * from`) or its namespace (`export * as ns from`).
 */
interface ModuleExport {
    name: string;
    expr?: TS.Node;
    local?: string;
    scope: Scope;
    from?: { module: string | undefined; name: string };
}

export function unwrap(node: TS.Expression): TS.Expression {
    let n = node;
    while (
        ts.isParenthesizedExpression(n) ||
        ts.isNonNullExpression(n) ||
        ts.isAsExpression(n) ||
        ts.isTypeAssertionExpression(n) ||
        ts.isSatisfiesExpression(n)
    ) {
        n = n.expression;
    }
    return n;
}

export function isFunctionLike(node: TS.Node): node is TS.SignatureDeclaration & { body?: TS.Node } {
    switch (node.kind) {
        case ts.SyntaxKind.FunctionDeclaration:
        case ts.SyntaxKind.FunctionExpression:
        case ts.SyntaxKind.ArrowFunction:
        case ts.SyntaxKind.MethodDeclaration:
        case ts.SyntaxKind.Constructor:
        case ts.SyntaxKind.GetAccessor:
        case ts.SyntaxKind.SetAccessor:
            return true;
        default:
            return false;
    }
}

export function propertyNameText(name: TS.PropertyName | TS.BindingName | undefined): string | undefined {
    if (!name) return undefined;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
    if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
    return undefined;
}

export function literalKey(expr: TS.Expression): string | undefined {
    const e = unwrap(expr);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    return undefined;
}

/** One unit's shared record: written by the collect phase, completed by the solve phase, read by the others. */
export class UnitModel {
    readonly isModule: boolean;
    readonly root: Scope;
    readonly rec: Recorded = {
        decls: [],
        assignments: [],
        calls: [],
        constructions: [],
        chains: [],
        identifiers: [],
        functions: [],
        moduleExports: []
    };
    readonly functionByNode = new Map<TS.Node, FunctionInfo>();
    readonly objectByNode = new Map<TS.Node, ObjectInfo>();
    /** What the unit looked up in the registry (`global:<name>`, `module:<key>`). */
    readonly dependencies = new Set<string>();
    /** `(function (cti) { ... })(sforce.opencti)`: parameters bound once the function's scope exists. */
    readonly pendingParameterBindings: {
        fnNode: TS.Node;
        name: string;
        arg: TS.Expression;
        scope: Scope;
    }[] = [];
    /** Names a module sets on `window` (`window.cti = ...`): globals other scripts see. */
    readonly windowGlobals = new Set<string>();
    private nextObjectId = 1;

    constructor(
        readonly sf: TS.SourceFile,
        readonly options: AnalyzeOptions
    ) {
        this.isModule = options.module ?? (ts.isExternalModule(sf) || usesCommonJsExports(sf));
        this.root = new Scope(undefined, true, undefined);
    }

    objectFor(node: TS.Node): ObjectInfo {
        let obj = this.objectByNode.get(node);
        if (!obj) {
            obj = { id: this.nextObjectId++, members: new Map(), node };
            this.objectByNode.set(node, obj);
        }
        return obj;
    }

    functionFor(node: TS.SignatureDeclaration, scope: Scope, name: string): FunctionInfo {
        let fn = this.functionByNode.get(node);
        if (!fn) {
            fn = { node, scope, name, calls: [], returns: [], signature: '-' };
            this.functionByNode.set(node, fn);
            this.rec.functions.push(fn);
        }
        return fn;
    }
}

function usesCommonJsExports(sf: TS.SourceFile): boolean {
    return sf.statements.some(
        (s) =>
            ts.isExpressionStatement(s) &&
            ts.isBinaryExpression(s.expression) &&
            s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
            /^(module\.exports|exports\.)/.test(s.expression.left.getText(sf))
    );
}

export function mergeTraits(a: readonly Trait[], b: readonly Trait[]): Trait[] {
    const out = [...a];
    for (const t of b) if (!out.includes(t)) out.push(t);
    return out;
}
