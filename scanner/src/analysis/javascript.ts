// Finds Open CTI usage in one JavaScript/TypeScript unit with the TypeScript parser. Never executes the code.
//
// Three phases:
// 1. one walk builds lexical scopes and records declarations, assignments, calls and member chains;
// 2. a fixpoint resolves every binding (aliases, destructuring, imports, IIFE parameters) and every function that
//    forwards its arguments to Open CTI (a wrapper), until nothing changes;
// 3. the recorded calls and chains are resolved once more and turned into detections.
import type * as TS from 'typescript';
import { loadTypeScript } from '../lazy.js';
import {
    UNKNOWN,
    addTraits,
    type ArgTemplate,
    type ArgView,
    type CallableDef,
    type Detection,
    type ExportRegistry,
    type FileExports,
    type PortableRef,
    type Trait,
    type WebName,
    type WrapperCall
} from './detections.js';

/** The compiler, set by `analyzeJavaScript` on first use (see typescript.ts: it is not loaded at start-up). */
let ts: typeof TS;

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
}

export interface AnalysisResult {
    detections: Detection[];
    exports: FileExports;
    /** The object literal an Aura bundle file consists of (`({ method: function () {...} })`), for its helper. */
    bundleObject?: PortableRef;
    /**
     * What the unit looked up in the registry (`global:<name>`, `module:<key>`), found or not: the unit needs a
     * new analysis only when one of these changes.
     */
    dependencies: string[];
    syntaxError?: { offset: number; message: string };
}

/** Thrown when the input nests deeper than the analyser walks; the caller falls back to the token scan. */
export class NestingTooDeepError extends Error {
    constructor() {
        super('nested too deeply to analyse');
    }
}

const MAX_DEPTH = 1200;
const MAX_RESOLVE_DEPTH = 40;
const MAX_VIEW_DEPTH = 4;
const FIXPOINT_ROUNDS = 8;

/** Names that mean the page's window object when not shadowed. */
const WINDOW_NAMES = new Set(['window', 'globalThis', 'self', 'parent', 'top']);
const WEB_GLOBALS: ReadonlyMap<string, WebName> = new Map<string, WebName>([
    ['localStorage', 'localStorage'],
    ['sessionStorage', 'sessionStorage'],
    ['indexedDB', 'indexedDB'],
    ['document', 'document'],
    ['$', 'jquery'],
    ['jQuery', 'jquery'],
    ['Cookies', 'Cookies']
]);
/** Traits that say how a reference was reached; without one, a usage is "direct". */
const ROUTE_TRAITS: readonly Trait[] = [
    'global-object',
    'alias',
    'destructuring',
    'imported',
    'wrapper',
    'object-member'
];

interface ObjectInfo {
    id: number;
    members: Map<string, Member>;
}

interface Member {
    ref?: LocalRef;
    value?: { expr: TS.Node; scope: Scope };
}

type LocalRef = PortableRef | { kind: 'object'; obj: ObjectInfo; traits: Trait[] };

interface FunctionInfo {
    node: TS.SignatureDeclaration;
    scope: Scope;
    name: string;
    calls: CallRecord[];
    returns: { expr: TS.Expression; scope: Scope }[];
    def?: CallableDef;
    signature: string;
}

interface Binding {
    name: string;
    ref?: LocalRef;
    paramOf?: FunctionInfo;
    paramIndex?: number;
    rest?: boolean;
    isFunction?: boolean;
    /** Every value written to the variable (initialiser and plain assignments), in source order. */
    values?: { pos: number; expr: TS.Expression; scope: Scope; fn: TS.Node | undefined }[];
}

/** The nearest enclosing function of a node (undefined at the top level). */
function enclosingFunction(node: TS.Node): TS.Node | undefined {
    for (let n = node.parent; n; n = n.parent) if (isFunctionLike(n)) return n;
    return undefined;
}

class Scope {
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

    declare(name: string, extra: Partial<Binding> = {}): Binding {
        const existing = this.names.get(name);
        if (existing) {
            Object.assign(existing, extra);
            return existing;
        }
        const b: Binding = { name, ...extra };
        this.names.set(name, b);
        return b;
    }

    thisObj(): ObjectInfo | undefined {
        return this.thisObject === 'inherit' ? this.parent?.thisObj() : this.thisObject;
    }
}

type Decl =
    | {
          kind: 'init';
          binding: Binding;
          expr: TS.Expression;
          scope: Scope;
          keys: string[];
          trait: Trait;
      }
    | { kind: 'import'; binding: Binding; module: string | undefined; name: string }
    | { kind: 'function'; binding: Binding; fn: FunctionInfo };

interface CallRecord {
    node: TS.CallExpression;
    scope: Scope;
}

interface Recorded {
    decls: Decl[];
    assignments: { left: TS.Expression; right: TS.Expression; scope: Scope }[];
    calls: CallRecord[];
    chains: { node: TS.Expression; scope: Scope }[];
    identifiers: { node: TS.Identifier; scope: Scope }[];
    functions: FunctionInfo[];
    moduleExports: { name: string; expr?: TS.Node; local?: string; scope: Scope }[];
}

function scriptKind(language: Language): TS.ScriptKind {
    switch (language) {
        case 'ts':
            return ts.ScriptKind.TS;
        case 'tsx':
            return ts.ScriptKind.TSX;
        case 'jsx':
            return ts.ScriptKind.JSX;
        default:
            return ts.ScriptKind.JS;
    }
}

function unwrap(node: TS.Expression): TS.Expression {
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

function isFunctionLike(node: TS.Node): node is TS.SignatureDeclaration & { body?: TS.Node } {
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

/** Statements that can contain other statements (where a nested `var` may be declared). */
let STATEMENT_CONTAINERS: ReadonlySet<TS.SyntaxKind>;
const statementContainers = (): ReadonlySet<TS.SyntaxKind> =>
    new Set<TS.SyntaxKind>([
        ts.SyntaxKind.VariableStatement,
        ts.SyntaxKind.Block,
        ts.SyntaxKind.IfStatement,
        ts.SyntaxKind.ForStatement,
        ts.SyntaxKind.ForInStatement,
        ts.SyntaxKind.ForOfStatement,
        ts.SyntaxKind.WhileStatement,
        ts.SyntaxKind.DoStatement,
        ts.SyntaxKind.TryStatement,
        ts.SyntaxKind.CatchClause,
        ts.SyntaxKind.SwitchStatement,
        ts.SyntaxKind.CaseBlock,
        ts.SyntaxKind.CaseClause,
        ts.SyntaxKind.DefaultClause,
        ts.SyntaxKind.LabeledStatement,
        ts.SyntaxKind.WithStatement
    ]);

/** Declarations that can carry `declare` (checked only for these: the check is not free). */
let AMBIENT_CANDIDATES: ReadonlySet<TS.SyntaxKind>;
const ambientCandidates = (): ReadonlySet<TS.SyntaxKind> =>
    new Set<TS.SyntaxKind>([
        ts.SyntaxKind.VariableStatement,
        ts.SyntaxKind.FunctionDeclaration,
        ts.SyntaxKind.ClassDeclaration,
        ts.SyntaxKind.ModuleDeclaration,
        ts.SyntaxKind.EnumDeclaration
    ]);

function isAmbient(node: TS.Node): boolean {
    return (
        ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)
    );
}

function propertyNameText(name: TS.PropertyName | TS.BindingName | undefined): string | undefined {
    if (!name) return undefined;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
    if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
    return undefined;
}

function literalKey(expr: TS.Expression): string | undefined {
    const e = unwrap(expr);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    return undefined;
}

function refSignature(ref: LocalRef | undefined): string {
    if (!ref) return '-';
    switch (ref.kind) {
        case 'api':
            return `a:${ref.path.join('.')}:${[...ref.traits].sort().join(',')}`;
        case 'window':
            return `w:${[...ref.traits].sort().join(',')}`;
        case 'web':
            return `b:${ref.name}`;
        case 'callable':
            return `c:${ref.def.id}:${callableSignature(ref.def)}`;
        case 'namespace':
            return `n:${Object.keys(ref.members).sort().join(',')}`;
        case 'object':
            return `o:${ref.obj.id}`;
    }
}

function callableSignature(def: CallableDef | undefined): string {
    if (!def) return '-';
    return JSON.stringify([def.calls, def.returns ? refSignature(def.returns) : '']);
}

/** Analyses one unit of JavaScript or TypeScript source. */
export function analyzeJavaScript(text: string, options: AnalyzeOptions): AnalysisResult {
    if (!ts) {
        ts = loadTypeScript();
        STATEMENT_CONTAINERS = statementContainers();
        AMBIENT_CANDIDATES = ambientCandidates();
    }
    const sf = ts.createSourceFile(options.file, text, ts.ScriptTarget.Latest, true, scriptKind(options.language));
    const parseDiagnostics = (sf as unknown as { parseDiagnostics?: readonly TS.Diagnostic[] }).parseDiagnostics ?? [];
    const firstError = parseDiagnostics[0];
    if (firstError) {
        return {
            detections: [],
            exports: { globals: {}, moduleExports: {} },
            dependencies: [],
            syntaxError: {
                offset: firstError.start ?? 0,
                message: ts.flattenDiagnosticMessageText(firstError.messageText, ' ')
            }
        };
    }
    return new UnitAnalysis(sf, options).run();
}

class UnitAnalysis {
    private readonly isModule: boolean;
    private readonly root: Scope;
    private readonly rec: Recorded = {
        decls: [],
        assignments: [],
        calls: [],
        chains: [],
        identifiers: [],
        functions: [],
        moduleExports: []
    };
    private readonly functionByNode = new Map<TS.Node, FunctionInfo>();
    private readonly objectByNode = new Map<TS.Node, ObjectInfo>();
    private readonly consumed = new Set<TS.Node>();
    private readonly dependencies = new Set<string>();
    /** Member chains reported as references, so that a variable holding one is not reported again at each use. */
    private readonly reportedChains = new Set<TS.Node>();
    private readonly detections: Detection[] = [];
    private nextObjectId = 1;

    constructor(
        private readonly sf: TS.SourceFile,
        private readonly options: AnalyzeOptions
    ) {
        this.isModule = ts.isExternalModule(sf) || this.usesCommonJsExports(sf);
        this.root = new Scope(undefined, true, undefined);
    }

    run(): AnalysisResult {
        this.visit(this.sf, this.root, [], 0);
        this.solve();
        this.emit();
        const result: AnalysisResult = {
            detections: this.detections,
            exports: this.collectExports(),
            dependencies: [...this.dependencies].sort()
        };
        const bundleObject = this.bundleObject();
        if (bundleObject) result.bundleObject = bundleObject;
        return result;
    }

    // ---------------------------------------------------------------- phase 1: scopes and records

    private usesCommonJsExports(sf: TS.SourceFile): boolean {
        return sf.statements.some(
            (s) =>
                ts.isExpressionStatement(s) &&
                ts.isBinaryExpression(s.expression) &&
                s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
                /^(module\.exports|exports\.)/.test(s.expression.left.getText(sf))
        );
    }

    private objectFor(node: TS.Node): ObjectInfo {
        let obj = this.objectByNode.get(node);
        if (!obj) {
            obj = { id: this.nextObjectId++, members: new Map() };
            this.objectByNode.set(node, obj);
        }
        return obj;
    }

    private functionFor(node: TS.SignatureDeclaration, scope: Scope, name: string): FunctionInfo {
        let fn = this.functionByNode.get(node);
        if (!fn) {
            fn = { node, scope, name, calls: [], returns: [], signature: '-' };
            this.functionByNode.set(node, fn);
            this.rec.functions.push(fn);
        }
        return fn;
    }

    private declareVariable(
        decl: TS.VariableDeclaration | TS.ParameterDeclaration,
        scope: Scope,
        init: TS.Expression | undefined,
        resolveScope: Scope,
        extra: Partial<Binding> = {}
    ): void {
        const name = decl.name;
        if (ts.isIdentifier(name)) {
            // At the top of a script, `var sforce = sforce || {}` is the page's global itself, not a shadow.
            if (!this.isModule && scope === this.root && name.text === 'sforce') return;
            const binding = scope.declare(name.text, extra);
            if (init) {
                this.rec.decls.push({
                    kind: 'init',
                    binding,
                    expr: init,
                    scope: resolveScope,
                    keys: [],
                    trait: 'alias'
                });
                recordValue(binding, init, resolveScope);
            }
            return;
        }
        this.declarePattern(name, scope, init, resolveScope, []);
    }

    private declarePattern(
        pattern: TS.BindingName,
        scope: Scope,
        init: TS.Expression | undefined,
        resolveScope: Scope,
        keys: string[]
    ): void {
        if (ts.isIdentifier(pattern)) {
            const binding = scope.declare(pattern.text);
            if (init) {
                this.rec.decls.push({
                    kind: 'init',
                    binding,
                    expr: init,
                    scope: resolveScope,
                    keys,
                    trait: 'destructuring'
                });
            }
            return;
        }
        if (ts.isObjectBindingPattern(pattern)) {
            for (const element of pattern.elements) {
                const key = propertyNameText(element.propertyName ?? element.name);
                if (element.dotDotDotToken || key === undefined) {
                    this.declarePattern(element.name, scope, undefined, resolveScope, keys);
                } else {
                    this.declarePattern(element.name, scope, init, resolveScope, [...keys, key]);
                }
            }
            return;
        }
        for (const element of pattern.elements) {
            if (ts.isBindingElement(element)) this.declarePattern(element.name, scope, undefined, resolveScope, keys);
        }
    }

    /** Declares hoisted names of a function or file body so that later code sees them. */
    private hoist(statements: TS.NodeArray<TS.Statement> | readonly TS.Statement[], scope: Scope): void {
        // `var` can hide only in nested statements, never inside expressions: skip those (most of the tree).
        const visitForVar = (node: TS.Node): void => {
            if (ts.isVariableDeclarationList(node)) {
                if (!(node.flags & ts.NodeFlags.BlockScoped)) {
                    for (const d of node.declarations) this.hoistBindingName(d.name, scope);
                }
                return;
            }
            if (STATEMENT_CONTAINERS.has(node.kind)) ts.forEachChild(node, visitForVar);
        };
        for (const statement of statements) {
            if (isAmbient(statement)) continue;
            if (ts.isFunctionDeclaration(statement) && statement.name) {
                scope.declare(statement.name.text, { isFunction: true });
            } else if (
                ts.isVariableStatement(statement) &&
                statement.declarationList.flags & ts.NodeFlags.BlockScoped
            ) {
                for (const d of statement.declarationList.declarations) this.hoistBindingName(d.name, scope);
            } else if (ts.isClassDeclaration(statement) && statement.name) {
                scope.declare(statement.name.text);
            } else {
                visitForVar(statement);
            }
        }
    }

    private hoistBindingName(name: TS.BindingName, scope: Scope): void {
        if (ts.isIdentifier(name)) {
            if (!this.isModule && scope === this.root && name.text === 'sforce') return;
            scope.declare(name.text);
            return;
        }
        for (const element of name.elements) {
            if (ts.isBindingElement(element)) this.hoistBindingName(element.name, scope);
        }
    }

    private visit(node: TS.Node, scope: Scope, enclosing: FunctionInfo[], depth: number): void {
        if (depth > MAX_DEPTH) throw new NestingTooDeepError();
        const next = depth + 1;

        if (ts.isSourceFile(node)) {
            this.hoist(node.statements, scope);
            ts.forEachChild(node, (child) => this.visit(child, scope, enclosing, next));
            return;
        }
        if (AMBIENT_CANDIDATES.has(node.kind) && isAmbient(node)) return;
        if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
        if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return;

        if (isFunctionLike(node)) {
            this.visitFunction(node, scope, enclosing, next);
            return;
        }
        if (ts.isClassLike(node)) {
            if (ts.isClassDeclaration(node) && node.name) scope.declare(node.name.text);
            const obj = this.objectFor(node);
            const classScope = new Scope(scope, false, obj);
            for (const member of node.members) {
                const key = propertyNameText(member.name);
                if (key === undefined) continue;
                if (ts.isPropertyDeclaration(member) && member.initializer) {
                    obj.members.set(key, { value: { expr: member.initializer, scope: classScope } });
                } else if (ts.isMethodDeclaration(member)) {
                    obj.members.set(key, { value: { expr: member, scope: classScope } });
                }
            }
            ts.forEachChild(node, (child) => this.visit(child, classScope, enclosing, next));
            return;
        }
        if (
            ts.isBlock(node) ||
            ts.isCaseBlock(node) ||
            ts.isForStatement(node) ||
            ts.isForInStatement(node) ||
            ts.isForOfStatement(node)
        ) {
            const block = new Scope(scope, false, 'inherit');
            if (ts.isBlock(node)) this.hoistBlockScoped(node.statements, block);
            ts.forEachChild(node, (child) => this.visit(child, block, enclosing, next));
            return;
        }
        if (ts.isCatchClause(node)) {
            const block = new Scope(scope, false, 'inherit');
            if (node.variableDeclaration) this.hoistBindingName(node.variableDeclaration.name, block);
            ts.forEachChild(node, (child) => this.visit(child, block, enclosing, next));
            return;
        }
        if (ts.isVariableDeclaration(node)) {
            const list = node.parent;
            const target =
                ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.BlockScoped
                    ? scope
                    : scope.functionScope();
            this.declareVariable(node, target, node.initializer, scope);
            if (ts.isVariableStatement(list.parent) && this.isExported(list.parent) && ts.isIdentifier(node.name)) {
                this.rec.moduleExports.push({ name: node.name.text, local: node.name.text, scope });
            }
            ts.forEachChild(node, (child) => this.visit(child, scope, enclosing, next));
            return;
        }
        if (ts.isImportDeclaration(node)) {
            this.recordImport(node, scope);
            return;
        }
        if (ts.isExportAssignment(node)) {
            this.rec.moduleExports.push({ name: 'default', expr: node.expression, scope });
        } else if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause)) {
            if (!node.moduleSpecifier) {
                for (const spec of node.exportClause.elements) {
                    this.rec.moduleExports.push({
                        name: spec.name.text,
                        local: (spec.propertyName ?? spec.name).text,
                        scope
                    });
                }
            }
            return;
        }
        if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
            this.rec.assignments.push({ left: node.left, right: node.right, scope });
            const target = unwrap(node.left);
            if (ts.isIdentifier(target) && !(target.text === 'sforce' && !this.isModule)) {
                recordValue(scope.lookup(target.text) ?? this.root.declare(target.text), node.right, scope);
            }
        }
        if (ts.isCallExpression(node)) {
            const call: CallRecord = { node, scope };
            this.rec.calls.push(call);
            for (const fn of enclosing) fn.calls.push(call);
            this.recordImmediateInvocation(node, scope);
            this.recordRequire(node, scope);
        }
        if (ts.isReturnStatement(node) && node.expression) {
            enclosing[enclosing.length - 1]?.returns.push({ expr: node.expression, scope });
        }
        if (
            (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) &&
            this.isOutermostChain(node)
        ) {
            this.rec.chains.push({ node, scope });
        }
        if (ts.isIdentifier(node) && this.isStandaloneIdentifier(node)) {
            this.rec.identifiers.push({ node, scope });
        }
        ts.forEachChild(node, (child) => this.visit(child, scope, enclosing, next));
    }

    private hoistBlockScoped(statements: TS.NodeArray<TS.Statement>, scope: Scope): void {
        for (const statement of statements) {
            if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.BlockScoped) {
                if (isAmbient(statement)) continue;
                for (const d of statement.declarationList.declarations) this.hoistBindingName(d.name, scope);
            } else if (ts.isClassDeclaration(statement) && statement.name) {
                scope.declare(statement.name.text);
            }
        }
    }

    private isExported(node: TS.Node): boolean {
        return (
            ts.canHaveModifiers(node) &&
            (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
        );
    }

    private functionName(node: TS.SignatureDeclaration): string {
        if (node.name && ts.isIdentifier(node.name)) return node.name.text;
        const parent = node.parent;
        if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
        if (ts.isPropertyAssignment(parent)) return propertyNameText(parent.name) ?? '(anonymous)';
        if (ts.isBinaryExpression(parent) && parent.right === node) return parent.left.getText(this.sf);
        if (ts.isMethodDeclaration(node)) return propertyNameText(node.name) ?? '(anonymous)';
        return '(anonymous)';
    }

    private visitFunction(
        node: TS.SignatureDeclaration & { body?: TS.Node },
        scope: Scope,
        enclosing: FunctionInfo[],
        depth: number
    ): void {
        const inObjectLiteral =
            ts.isObjectLiteralExpression(node.parent) ||
            (ts.isPropertyAssignment(node.parent) && ts.isObjectLiteralExpression(node.parent.parent));
        const isClassMember =
            ts.isMethodDeclaration(node) ||
            ts.isConstructorDeclaration(node) ||
            ts.isGetAccessorDeclaration(node) ||
            ts.isSetAccessorDeclaration(node);
        // `this` is the object literal in its methods, the class in class members, the outer `this` in arrows.
        let thisObject: ObjectInfo | undefined | 'inherit' = undefined;
        if (ts.isArrowFunction(node)) thisObject = 'inherit';
        else if (inObjectLiteral) thisObject = this.objectLiteralOwner(node);
        else if (isClassMember) thisObject = 'inherit';
        const fnScope = new Scope(scope, true, thisObject);
        const name = this.functionName(node);
        const fn = this.functionFor(node, fnScope, name);

        if (ts.isFunctionDeclaration(node) && this.isExported(node)) {
            const isDefault = (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
            const exportName = isDefault ? 'default' : node.name?.text;
            if (exportName) this.rec.moduleExports.push({ name: exportName, expr: node, scope });
        }
        if (ts.isFunctionDeclaration(node) && node.name) {
            const owner = scope.functionScope();
            const binding = owner.declare(node.name.text, { isFunction: true });
            this.rec.decls.push({ kind: 'function', binding, fn });
        } else if (ts.isFunctionExpression(node) && node.name) {
            const binding = fnScope.declare(node.name.text, { isFunction: true });
            this.rec.decls.push({ kind: 'function', binding, fn });
        }

        node.parameters.forEach((param, index) => {
            const rest = Boolean(param.dotDotDotToken);
            if (ts.isIdentifier(param.name)) {
                const binding = fnScope.declare(param.name.text, { paramOf: fn, paramIndex: index, rest });
                if (param.initializer) {
                    this.rec.decls.push({
                        kind: 'init',
                        binding,
                        expr: param.initializer,
                        scope: fnScope,
                        keys: [],
                        trait: 'alias'
                    });
                }
            } else {
                this.declarePattern(param.name, fnScope, undefined, fnScope, []);
            }
        });
        const body = node.body;
        if (body && ts.isBlock(body)) this.hoist(body.statements, fnScope);

        const inner = [...enclosing, fn];
        for (const param of node.parameters) {
            if (param.initializer) this.visit(param.initializer, fnScope, inner, depth);
        }
        if (!body) return;
        if (ts.isBlock(body)) {
            // The function body shares the function scope (parameters and body `let` live together).
            this.hoistBlockScoped(body.statements, fnScope);
            ts.forEachChild(body, (child) => this.visit(child, fnScope, inner, depth + 1));
        } else {
            fn.returns.push({ expr: body as TS.Expression, scope: fnScope });
            this.visit(body, fnScope, inner, depth);
        }
    }

    private objectLiteralOwner(node: TS.Node): ObjectInfo | undefined {
        const literal = ts.isPropertyAssignment(node.parent) ? node.parent.parent : node.parent;
        return ts.isObjectLiteralExpression(literal) ? this.objectFor(literal) : undefined;
    }

    private recordImport(node: TS.ImportDeclaration, scope: Scope): void {
        const clause = node.importClause;
        if (!clause || clause.isTypeOnly || !ts.isStringLiteral(node.moduleSpecifier)) return;
        const module = this.options.resolveModule?.(node.moduleSpecifier.text);
        if (clause.name) {
            const binding = scope.declare(clause.name.text);
            this.rec.decls.push({ kind: 'import', binding, module, name: 'default' });
        }
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) {
            const binding = scope.declare(bindings.name.text);
            this.rec.decls.push({ kind: 'import', binding, module, name: '*' });
        } else if (bindings) {
            for (const spec of bindings.elements) {
                if (spec.isTypeOnly) continue;
                const binding = scope.declare(spec.name.text);
                this.rec.decls.push({ kind: 'import', binding, module, name: (spec.propertyName ?? spec.name).text });
            }
        }
    }

    /** `const x = require('./x')` binds the module's exports. */
    private recordRequire(node: TS.CallExpression, scope: Scope): void {
        const callee = node.expression;
        const arg = node.arguments[0];
        if (!ts.isIdentifier(callee) || callee.text !== 'require' || !arg || !ts.isStringLiteral(arg)) return;
        const parent = node.parent;
        if (!ts.isVariableDeclaration(parent) || !ts.isIdentifier(parent.name)) return;
        const binding = scope.lookup(parent.name.text);
        if (binding) {
            this.rec.decls.push({
                kind: 'import',
                binding,
                module: this.options.resolveModule?.(arg.text),
                name: '*'
            });
        }
    }

    /** `(function (cti) { ... })(sforce.opencti)`: each parameter is bound to its argument. */
    private recordImmediateInvocation(node: TS.CallExpression, scope: Scope): void {
        const callee = unwrap(node.expression);
        if (!ts.isFunctionExpression(callee) && !ts.isArrowFunction(callee)) return;
        callee.parameters.forEach((param, index) => {
            const arg = node.arguments[index];
            if (!arg || !ts.isIdentifier(param.name)) return;
            // The function's scope is created when the walk reaches it; bind lazily through a pending record.
            this.pendingParameterBindings.push({ fnNode: callee, name: param.name.text, arg, scope });
        });
    }

    private readonly pendingParameterBindings: {
        fnNode: TS.Node;
        name: string;
        arg: TS.Expression;
        scope: Scope;
    }[] = [];

    private isOutermostChain(node: TS.PropertyAccessExpression | TS.ElementAccessExpression): boolean {
        let parent = node.parent;
        let child: TS.Node = node;
        while (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent)) {
            child = parent;
            parent = parent.parent;
        }
        if (
            (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
            parent.expression === child
        ) {
            return false;
        }
        if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === child) return false;
        if (ts.isExpressionWithTypeArguments(parent) || ts.isHeritageClause(parent)) return false;
        return true;
    }

    /** Identifiers that can stand for a constant or a method on their own: arguments, values, returns. */
    private isStandaloneIdentifier(node: TS.Identifier): boolean {
        const parent = node.parent;
        if (ts.isCallExpression(parent)) return parent.expression !== node;
        if (ts.isPropertyAssignment(parent)) return parent.initializer === node;
        return (
            ts.isReturnStatement(parent) ||
            ts.isArrayLiteralExpression(parent) ||
            (ts.isConditionalExpression(parent) && parent.condition !== node)
        );
    }

    // ---------------------------------------------------------------- phase 2: resolve to a fixpoint

    private solve(): void {
        const helper = this.options.auraHelper;
        if (this.options.auraHelperKey) this.dependencies.add(`module:${this.options.auraHelperKey}`);
        if (helper) {
            for (const fn of this.rec.functions) {
                const binding = fn.scope.names.get('helper');
                if (binding?.paramOf === fn) binding.ref = addTraits(helper, ['object-member']);
            }
        }
        for (const pending of this.pendingParameterBindings) {
            const fn = this.functionByNode.get(pending.fnNode);
            const binding = fn?.scope.names.get(pending.name);
            if (binding) {
                this.rec.decls.push({
                    kind: 'init',
                    binding,
                    expr: pending.arg,
                    scope: pending.scope,
                    keys: [],
                    trait: 'alias'
                });
            }
        }
        for (let round = 0; round < FIXPOINT_ROUNDS; round++) {
            let changed = false;
            for (const decl of this.rec.decls) {
                const ref = this.resolveDecl(decl);
                if (refSignature(ref) !== refSignature(decl.binding.ref)) {
                    decl.binding.ref = ref;
                    changed = true;
                }
            }
            for (const assignment of this.rec.assignments) {
                if (this.applyAssignment(assignment.left, assignment.right, assignment.scope)) changed = true;
            }
            for (const fn of this.rec.functions) {
                const def = this.callableOf(fn);
                const signature = callableSignature(def);
                if (signature !== fn.signature) {
                    fn.def = def;
                    fn.signature = signature;
                    changed = true;
                }
            }
            if (!changed) break;
        }
    }

    private resolveDecl(decl: Decl): LocalRef | undefined {
        switch (decl.kind) {
            case 'function':
                return decl.fn.def ? { kind: 'callable', def: decl.fn.def, traits: [] } : undefined;
            case 'import': {
                if (!decl.module) return undefined;
                this.dependencies.add(`module:${decl.module}`);
                const exports = this.options.registry.modules.get(decl.module);
                if (!exports) return undefined;
                if (decl.name === '*') return { kind: 'namespace', members: { ...exports }, traits: ['imported'] };
                const ref = exports[decl.name];
                return ref ? addTraits(ref, ['imported']) : undefined;
            }
            case 'init': {
                let ref = this.resolve(decl.expr, decl.scope, 0);
                for (const key of decl.keys) ref = this.member(ref, key, [], 0);
                if (!ref) return undefined;
                if (ref.kind === 'object' || ref.kind === 'callable') return ref;
                return addTraits(ref, [decl.trait]);
            }
        }
    }

    /** Applies `left = right`; returns true when something changed. */
    private applyAssignment(left: TS.Expression, right: TS.Expression, scope: Scope): boolean {
        const target = unwrap(left);
        if (ts.isIdentifier(target)) {
            if (!this.isModule && target.text === 'sforce' && !scope.lookup('sforce')) return false;
            const value = this.resolve(right, scope, 0);
            if (!value) return false;
            let binding = scope.lookup(target.text);
            if (!binding) binding = this.root.declare(target.text);
            // Several objects written to one variable: keep the first for member lookups (views pick by position).
            if (value.kind === 'object' && binding.ref?.kind === 'object' && (binding.values?.length ?? 0) > 1)
                return false;
            const ref = value.kind === 'object' || value.kind === 'callable' ? value : addTraits(value, ['alias']);
            if (refSignature(ref) === refSignature(binding.ref)) return false;
            binding.ref = ref;
            return true;
        }
        if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return false;
        const key = ts.isPropertyAccessExpression(target) ? target.name.text : literalKey(target.argumentExpression);
        if (key === undefined) return false;
        const base = this.resolve(target.expression, scope, 0);
        if (base?.kind === 'object') {
            if (base.obj.members.get(key)?.value?.expr === right) return false;
            base.obj.members.set(key, { value: { expr: right, scope } });
            return true;
        }
        if (base?.kind === 'window' && key !== 'sforce') {
            const value = this.resolve(right, scope, 0);
            if (!value) return false;
            const binding = this.root.declare(key);
            if (refSignature(value) === refSignature(binding.ref)) return false;
            binding.ref = value;
            this.windowGlobals.add(key);
            return true;
        }
        return false;
    }

    private readonly windowGlobals = new Set<string>();

    private resolve(node: TS.Node, scope: Scope, depth: number): LocalRef | undefined {
        if (depth > MAX_RESOLVE_DEPTH) return undefined;
        const d = depth + 1;
        if (isFunctionLike(node)) {
            const fn = this.functionByNode.get(node);
            return fn?.def ? { kind: 'callable', def: fn.def, traits: [] } : undefined;
        }
        if (!ts.isExpression(node)) return undefined;
        const e = unwrap(node);
        if (ts.isIdentifier(e)) return this.resolveIdentifier(e.text, scope);
        if (e.kind === ts.SyntaxKind.ThisKeyword) {
            const obj = scope.thisObj();
            return obj ? { kind: 'object', obj, traits: [] } : undefined;
        }
        if (ts.isPropertyAccessExpression(e)) {
            if (ts.isPrivateIdentifier(e.name)) return undefined;
            const traits: Trait[] = e.questionDotToken ? ['optional-chaining'] : [];
            return this.member(this.resolve(e.expression, scope, d), e.name.text, traits, d);
        }
        if (ts.isElementAccessExpression(e)) {
            const key = literalKey(e.argumentExpression);
            if (key === undefined) return undefined;
            const traits: Trait[] = ['element-access'];
            if (e.questionDotToken) traits.push('optional-chaining');
            return this.member(this.resolve(e.expression, scope, d), key, traits, d);
        }
        if (ts.isBinaryExpression(e)) {
            switch (e.operatorToken.kind) {
                case ts.SyntaxKind.AmpersandAmpersandToken:
                case ts.SyntaxKind.CommaToken:
                case ts.SyntaxKind.EqualsToken:
                    return this.resolve(e.right, scope, d);
                case ts.SyntaxKind.BarBarToken:
                case ts.SyntaxKind.QuestionQuestionToken:
                    return this.resolve(e.left, scope, d) ?? this.resolve(e.right, scope, d);
                default:
                    return undefined;
            }
        }
        if (ts.isConditionalExpression(e)) {
            return this.resolve(e.whenTrue, scope, d) ?? this.resolve(e.whenFalse, scope, d);
        }
        if (ts.isObjectLiteralExpression(e)) return { kind: 'object', obj: this.objectLiteral(e, scope), traits: [] };
        if (ts.isCallExpression(e)) {
            const callee = unwrap(e.expression);
            if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') {
                const bound = this.resolve(callee.expression, scope, d);
                return bound && bound.kind !== 'object' ? addTraits(bound, ['bind-call-apply']) : bound;
            }
            const target = this.resolve(callee, scope, d);
            if (target?.kind === 'callable' && target.def.returns) {
                return addTraits(target.def.returns, ['alias']);
            }
            return undefined;
        }
        return undefined;
    }

    private resolveIdentifier(name: string, scope: Scope): LocalRef | undefined {
        const binding = scope.lookup(name);
        if (binding) return binding.ref;
        if (name === 'sforce') return { kind: 'api', path: ['sforce'], traits: [] };
        if (WINDOW_NAMES.has(name)) return { kind: 'window', traits: [] };
        const web = WEB_GLOBALS.get(name);
        if (web) return { kind: 'web', name: web, traits: [] };
        this.dependencies.add(`global:${name}`);
        const global = this.options.registry.globals.get(name);
        return global ? addTraits(global, ['imported']) : undefined;
    }

    private member(base: LocalRef | undefined, name: string, traits: Trait[], depth: number): LocalRef | undefined {
        if (!base) return undefined;
        switch (base.kind) {
            case 'api':
                return { kind: 'api', path: [...base.path, name], traits: mergeTraits(base.traits, traits) };
            case 'window': {
                const t = mergeTraits(base.traits, traits);
                if (name === 'sforce')
                    return { kind: 'api', path: ['sforce'], traits: mergeTraits(t, ['global-object']) };
                if (WINDOW_NAMES.has(name)) return { kind: 'window', traits: t };
                const web = WEB_GLOBALS.get(name);
                if (web) return { kind: 'web', name: web, traits: t };
                const local = this.root.names.get(name)?.ref;
                if (!local) this.dependencies.add(`global:${name}`);
                const own = local ?? this.options.registry.globals.get(name);
                return own ? addTraits(own, t) : undefined;
            }
            case 'web':
                return this.webMember(base.name, name, base.traits, base.api);
            case 'namespace': {
                const ref = base.members[name];
                return ref ? addTraits(ref, mergeTraits(base.traits, traits)) : undefined;
            }
            case 'object': {
                const m = base.obj.members.get(name);
                if (!m) return undefined;
                const ref = m.ref ?? (m.value ? this.resolve(m.value.expr, m.value.scope, depth + 1) : undefined);
                if (!ref) return undefined;
                return ref.kind === 'object' ? ref : addTraits(ref, mergeTraits(traits, ['object-member']));
            }
            case 'callable':
                return undefined;
        }
    }

    private webMember(base: WebName, name: string, traits: Trait[], api?: string): LocalRef | undefined {
        switch (base) {
            case 'document':
                if (name === 'cookie') return { kind: 'web', name: 'cookie', traits, api: 'document.cookie' };
                // Only a request changes anything; hasStorageAccess() asks, and neither is storage use.
                if (name === 'requestStorageAccess') {
                    return { kind: 'web', name: 'storage-access', traits, api: 'document.requestStorageAccess' };
                }
                return undefined;
            case 'jquery':
                return name === 'cookie' || name === 'removeCookie'
                    ? { kind: 'web', name: 'cookie', traits, api: `$.${name}` }
                    : undefined;
            case 'Cookies':
                // js-cookie: set/remove write a cookie, get reads one; other members are not cookie access.
                return ['set', 'get', 'remove'].includes(name)
                    ? { kind: 'web', name: 'cookie', traits, api: `Cookies.${name}` }
                    : undefined;
            case 'cookie':
            case 'localStorage':
            case 'sessionStorage':
            case 'indexedDB':
                return { kind: 'web', name: base, traits, ...(api ? { api } : {}) };
            case 'storage-access':
                return undefined;
        }
    }

    private readonly populatedLiterals = new Set<TS.Node>();

    private objectLiteral(node: TS.ObjectLiteralExpression, scope: Scope): ObjectInfo {
        const obj = this.objectFor(node);
        if (this.populatedLiterals.has(node)) return obj;
        this.populatedLiterals.add(node);
        for (const prop of node.properties) {
            if (ts.isPropertyAssignment(prop)) {
                const key = propertyNameText(prop.name);
                if (key !== undefined && !obj.members.has(key)) {
                    obj.members.set(key, { value: { expr: prop.initializer, scope } });
                }
            } else if (ts.isShorthandPropertyAssignment(prop)) {
                if (!obj.members.has(prop.name.text)) {
                    obj.members.set(prop.name.text, { value: { expr: prop.name, scope } });
                }
            } else if (ts.isMethodDeclaration(prop)) {
                const key = propertyNameText(prop.name);
                if (key !== undefined && !obj.members.has(key)) obj.members.set(key, { value: { expr: prop, scope } });
            }
        }
        return obj;
    }

    // ---------------------------------------------------------------- wrappers

    private callableOf(fn: FunctionInfo): CallableDef | undefined {
        const calls: WrapperCall[] = [];
        for (const call of fn.calls) {
            for (const wrapped of this.forwardedCalls(call, fn)) {
                if (forwards(wrapped)) calls.push(wrapped);
            }
        }
        let returns: PortableRef | undefined;
        for (const r of fn.returns) {
            const ref = this.resolve(r.expr, r.scope, 0);
            if (
                ref &&
                (ref.kind === 'api' || ref.kind === 'window' || ref.kind === 'web' || ref.kind === 'namespace')
            ) {
                returns = ref;
                break;
            }
        }
        if (calls.length === 0 && !returns) return undefined;
        const { line } = this.sf.getLineAndCharacterOfPosition(fn.node.getStart(this.sf));
        const def: CallableDef = {
            id: `${this.options.file}#${fn.node.pos}`,
            name: fn.name,
            file: this.options.file,
            line: line + 1 + (this.options.lineOffset ?? 0),
            calls
        };
        if (returns) def.returns = returns;
        return def;
    }

    /** The Open CTI calls one call expression makes, in terms of `fn`'s parameters. */
    private forwardedCalls(call: CallRecord, fn: FunctionInfo): WrapperCall[] {
        const site = this.callSite(call);
        if (!site) return [];
        const args = site.args.map((a) => this.templateOf(a, call.scope, fn, 0));
        if (site.kind === 'api') return [{ target: { kind: 'fixed', path: site.path, traits: site.traits }, args }];
        if (site.kind === 'dynamic') {
            const key = site.key;
            const binding = ts.isIdentifier(key) ? call.scope.lookup(key.text) : undefined;
            if (binding?.paramOf === fn && binding.paramIndex !== undefined) {
                return [
                    {
                        target: {
                            kind: 'param-method',
                            base: site.path,
                            index: binding.paramIndex,
                            traits: site.traits
                        },
                        args
                    }
                ];
            }
            return [];
        }
        if (site.def.id === fn.def?.id) return [];
        return site.def.calls.map((inner) => composeCall(inner, args));
    }

    /** Who a call expression calls: an Open CTI member, a dynamic member, or a wrapper. */
    private callSite(call: CallRecord):
        | { kind: 'api'; path: string[]; traits: Trait[]; args: readonly TS.Expression[]; callee: TS.Expression }
        | {
              kind: 'dynamic';
              path: string[];
              traits: Trait[];
              key: TS.Expression;
              args: readonly TS.Expression[];
              callee: TS.Expression;
          }
        | { kind: 'callable'; def: CallableDef; traits: Trait[]; args: readonly TS.Expression[]; callee: TS.Expression }
        | undefined {
        const callee = unwrap(call.node.expression);
        let target: TS.Expression = callee;
        let args: readonly TS.Expression[] = call.node.arguments;
        const extra: Trait[] = [];
        if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) {
            const base = this.resolve(callee.expression, call.scope, 0);
            if ((base?.kind === 'api' && base.path.length >= 3) || base?.kind === 'callable') {
                target = callee.expression;
                extra.push('bind-call-apply');
                if (callee.name.text === 'call') {
                    args = call.node.arguments.slice(1);
                } else {
                    const list = call.node.arguments[1];
                    args = list && ts.isArrayLiteralExpression(list) ? list.elements : [];
                }
            }
        }
        if (ts.isPropertyAccessExpression(target) && target.name.text === 'bind') return undefined;
        if (ts.isElementAccessExpression(target) && literalKey(target.argumentExpression) === undefined) {
            const base = this.resolve(target.expression, call.scope, 0);
            if (base?.kind === 'api' && base.path.length >= 2) {
                return {
                    kind: 'dynamic',
                    path: base.path,
                    traits: mergeTraits(base.traits, [...extra, 'element-access']),
                    key: target.argumentExpression,
                    args,
                    callee: target
                };
            }
            return undefined;
        }
        const ref = this.resolve(target, call.scope, 0);
        if (ref?.kind === 'api' && ref.path.length >= 3) {
            return { kind: 'api', path: ref.path, traits: mergeTraits(ref.traits, extra), args, callee: target };
        }
        if (ref?.kind === 'callable' && ref.def.calls.length > 0) {
            return { kind: 'callable', def: ref.def, traits: mergeTraits(ref.traits, extra), args, callee: target };
        }
        return undefined;
    }

    private templateOf(expr: TS.Expression, scope: Scope, fn: FunctionInfo, depth: number): ArgTemplate {
        const e = ts.isSpreadElement(expr) ? expr : unwrap(expr);
        if (ts.isSpreadElement(e)) {
            const inner = unwrap(e.expression);
            const binding = ts.isIdentifier(inner) ? scope.lookup(inner.text) : undefined;
            if (binding?.paramOf === fn && binding.rest && binding.paramIndex !== undefined) {
                return { kind: 'rest', from: binding.paramIndex };
            }
            return { kind: 'fixed', view: UNKNOWN };
        }
        if (ts.isIdentifier(e)) {
            const binding = scope.lookup(e.text);
            if (binding?.paramOf === fn && binding.paramIndex !== undefined && !binding.rest) {
                return { kind: 'param', index: binding.paramIndex };
            }
        }
        if (ts.isObjectLiteralExpression(e) && depth < MAX_VIEW_DEPTH) {
            const props: Record<string, ArgTemplate> = {};
            let spread = false;
            let spreadFrom: ArgTemplate | undefined;
            for (const prop of e.properties) {
                if (ts.isPropertyAssignment(prop)) {
                    const key = propertyNameText(prop.name);
                    if (key === undefined) spread = true;
                    else props[key] = this.templateOf(prop.initializer, scope, fn, depth + 1);
                } else if (ts.isShorthandPropertyAssignment(prop)) {
                    props[prop.name.text] = this.templateOf(prop.name, scope, fn, depth + 1);
                } else if (ts.isMethodDeclaration(prop)) {
                    const key = propertyNameText(prop.name);
                    if (key !== undefined) props[key] = { kind: 'fixed', view: { kind: 'function' } };
                } else if (ts.isSpreadAssignment(prop)) {
                    const t = this.templateOf(prop.expression, scope, fn, depth + 1);
                    if (t.kind === 'param' && !spreadFrom) spreadFrom = t;
                    else spread = true;
                }
            }
            return spreadFrom ? { kind: 'object', props, spread, spreadFrom } : { kind: 'object', props, spread };
        }
        return { kind: 'fixed', view: this.viewOf(e, scope, depth) };
    }

    // ---------------------------------------------------------------- argument views

    private viewOf(node: TS.Node, scope: Scope, depth: number, seen: Set<number> = new Set()): ArgView {
        if (depth > MAX_VIEW_DEPTH) return UNKNOWN;
        if (isFunctionLike(node)) return { kind: 'function' };
        if (!ts.isExpression(node)) return UNKNOWN;
        const e = unwrap(node);
        if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
            return { kind: 'string', value: e.text, partial: false };
        }
        if (ts.isTemplateExpression(e)) {
            const value = e.head.text + e.templateSpans.map((s) => `\u0000${s.literal.text}`).join('');
            return { kind: 'string', value, partial: true };
        }
        if (ts.isNumericLiteral(e)) return { kind: 'number', value: Number(e.text) };
        if (
            ts.isPrefixUnaryExpression(e) &&
            e.operator === ts.SyntaxKind.MinusToken &&
            ts.isNumericLiteral(e.operand)
        ) {
            return { kind: 'number', value: -Number(e.operand.text) };
        }
        if (e.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true };
        if (e.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false };
        if (ts.isArrayLiteralExpression(e)) return { kind: 'array' };
        if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
            const left = this.viewOf(e.left, scope, depth + 1, seen);
            const right = this.viewOf(e.right, scope, depth + 1, seen);
            if (left.kind === 'string' || right.kind === 'string') {
                const text = (v: ArgView): string => (v.kind === 'string' ? v.value : '\u0000');
                return { kind: 'string', value: text(left) + text(right), partial: true };
            }
            return UNKNOWN;
        }
        if (ts.isObjectLiteralExpression(e)) {
            return this.objectView(this.objectLiteral(e, scope), depth, seen, e);
        }
        if (ts.isIdentifier(e)) {
            const binding = scope.lookup(e.text);
            if (binding?.isFunction) return { kind: 'function' };
            // A variable written several times (`args = {...}; f(args); args = {...}; g(args);`): take the last
            // value written before this use in the same function, or nothing rather than a wrong guess.
            if (binding?.values && binding.values.length > 1) {
                const fn = enclosingFunction(e);
                const before = binding.values.filter((v) => v.fn === fn && v.pos < e.pos);
                const last = before[before.length - 1];
                return last ? this.viewOf(last.expr, last.scope, depth + 1, seen) : UNKNOWN;
            }
        }
        const ref = this.resolve(e, scope, 0);
        if (ref?.kind === 'api') return { kind: 'api', path: ref.path };
        if (ref?.kind === 'callable') return { kind: 'function' };
        if (ref?.kind === 'object') return this.objectView(ref.obj, depth, seen);
        return UNKNOWN;
    }

    private objectView(
        obj: ObjectInfo,
        depth: number,
        seen: Set<number>,
        literal?: TS.ObjectLiteralExpression
    ): ArgView {
        if (seen.has(obj.id)) return UNKNOWN;
        const inner = new Set(seen).add(obj.id);
        const props: Record<string, ArgView> = {};
        for (const [key, m] of obj.members) {
            props[key] = m.value ? this.viewOf(m.value.expr, m.value.scope, depth + 1, inner) : UNKNOWN;
        }
        const spread =
            literal !== undefined &&
            literal.properties.some(
                (p) => ts.isSpreadAssignment(p) || (p.name !== undefined && propertyNameText(p.name) === undefined)
            );
        return { kind: 'object', props, spread };
    }

    // ---------------------------------------------------------------- phase 3: detections

    private emit(): void {
        for (const call of this.rec.calls) this.emitCall(call);
        for (const chain of this.rec.chains) this.emitChain(chain.node, chain.scope);
        for (const id of this.rec.identifiers) this.emitIdentifier(id.node, id.scope);
    }

    private push(d: Omit<Detection, 'traits'> & { traits: Trait[] }): void {
        const traits = [...d.traits];
        if (!traits.some((t) => ROUTE_TRAITS.includes(t))) traits.unshift('direct');
        this.detections.push({ ...d, traits });
    }

    private siteViews(args: readonly TS.Expression[], scope: Scope): ArgView[] {
        const views: ArgView[] = [];
        for (const a of args) {
            if (ts.isSpreadElement(a)) break;
            views.push(this.viewOf(a, scope, 0));
        }
        return views;
    }

    private emitCall(call: CallRecord): void {
        const site = this.callSite(call);
        const start = (n: TS.Node): number => n.getStart(this.sf);
        if (site) {
            this.markConsumed(site.callee);
            const views = this.siteViews(site.args, call.scope);
            if (site.kind === 'api') {
                this.push({
                    kind: 'call',
                    path: site.path,
                    traits: site.traits,
                    start: start(site.callee),
                    end: site.callee.end,
                    args: views
                });
            } else if (site.kind === 'dynamic') {
                this.push({
                    kind: 'dynamic-call',
                    path: site.path,
                    traits: site.traits,
                    start: start(site.callee),
                    end: site.callee.end,
                    args: views
                });
            } else {
                const via = { name: site.def.name, file: site.def.file, line: site.def.line };
                for (const inner of site.def.calls) {
                    const args = instantiateArgs(inner.args, views);
                    const traits = mergeTraits(mergeTraits(site.traits, inner.target.traits), ['wrapper']);
                    if (inner.target.kind === 'fixed') {
                        this.push({
                            kind: 'call',
                            path: inner.target.path,
                            traits,
                            start: start(site.callee),
                            end: site.callee.end,
                            args,
                            via
                        });
                    } else {
                        const method = views[inner.target.index];
                        const known = method?.kind === 'string' && !method.partial;
                        this.push({
                            kind: known ? 'call' : 'dynamic-call',
                            path: known ? [...inner.target.base, method.value] : inner.target.base,
                            traits,
                            start: start(site.callee),
                            end: site.callee.end,
                            args,
                            via
                        });
                    }
                }
            }
            return;
        }
        const callee = unwrap(call.node.expression);
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') {
            this.markConsumed(callee);
            return;
        }
        const ref = this.resolve(callee, call.scope, 0);
        if (ref?.kind === 'web' && ref.name !== 'document' && ref.name !== 'jquery') {
            this.markConsumed(callee);
            this.push({
                kind: webKind(ref.name),
                path: ref.api ? [ref.name, ref.api] : [ref.name],
                traits: ref.traits,
                start: start(callee),
                end: callee.end
            });
            return;
        }
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'postMessage') {
            const target = unwrap(callee.expression);
            const base = this.resolve(target, call.scope, 0);
            const frame = ts.isPropertyAccessExpression(target) && target.name.text === 'contentWindow';
            if (base?.kind === 'window' || frame) {
                this.markConsumed(callee);
                this.push({
                    kind: 'post-message',
                    path: ['postMessage'],
                    traits: [],
                    start: start(callee),
                    end: callee.end
                });
            }
            return;
        }
        const first = call.node.arguments[0];
        if (first && literalKey(first) === 'message' && this.isWindowListener(callee, call.scope)) {
            this.markConsumed(callee);
            this.push({
                kind: 'message-listener',
                path: ['message'],
                traits: [],
                start: start(callee),
                end: callee.end
            });
        }
    }

    private isWindowListener(callee: TS.Expression, scope: Scope): boolean {
        if (ts.isIdentifier(callee)) return callee.text === 'addEventListener' && !scope.lookup(callee.text);
        return (
            ts.isPropertyAccessExpression(callee) &&
            callee.name.text === 'addEventListener' &&
            this.resolve(callee.expression, scope, 0)?.kind === 'window'
        );
    }

    private markConsumed(node: TS.Node): void {
        let n: TS.Node = node;
        for (;;) {
            this.consumed.add(n);
            if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) n = n.expression;
            else if (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
            else break;
        }
    }

    private emitChain(node: TS.Expression, scope: Scope): void {
        if (this.consumed.has(node)) return;
        const parent = node.parent;
        const isTarget =
            ts.isBinaryExpression(parent) &&
            parent.left === node &&
            parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
            parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
        const start = node.getStart(this.sf);
        if (isTarget && ts.isPropertyAccessExpression(node) && node.name.text === 'onmessage') {
            if (this.resolve(node.expression, scope, 0)?.kind === 'window') {
                this.push({ kind: 'message-listener', path: ['message'], traits: [], start, end: node.end });
                return;
            }
        }
        const ref = this.resolve(node, scope, 0);
        if (!ref) return;
        if (ref.kind === 'web' && ref.name !== 'document' && ref.name !== 'jquery') {
            this.push({
                kind: webKind(ref.name),
                path: ref.api ? [ref.name, ref.api] : [ref.name],
                traits: ref.traits,
                start,
                end: node.end
            });
            return;
        }
        if (ref.kind !== 'api' || ref.path.length < 3 || isTarget) return;
        if (!isConstantPath(ref.path) && this.isAliasContext(node)) return;
        this.reportedChains.add(node);
        this.push({
            kind: 'reference',
            path: ref.path,
            traits: mergeTraits(ref.traits, ['reference']),
            start,
            end: node.end
        });
    }

    private emitIdentifier(node: TS.Identifier, scope: Scope): void {
        const binding = scope.lookup(node.text);
        const ref = binding?.ref;
        if (!ref || ref.kind !== 'api' || ref.path.length < 3) return;
        const constant = isConstantPath(ref.path);
        const passedAsCallback = ts.isCallExpression(node.parent) && node.parent.expression !== node;
        if (!constant && !passedAsCallback) return;
        // `const t = SCREENPOP_TYPE.URL` was reported where it was written; its uses are the same constant.
        const source = binding.values?.length === 1 ? binding.values[0]?.expr : undefined;
        if (constant && source && this.reportedChains.has(unwrap(source))) return;
        this.push({
            kind: 'reference',
            path: ref.path,
            traits: mergeTraits(ref.traits, ['reference']),
            start: node.getStart(this.sf),
            end: node.end
        });
    }

    private isAliasContext(node: TS.Node): boolean {
        let child: TS.Node = node;
        let parent = node.parent;
        while (
            ts.isParenthesizedExpression(parent) ||
            (ts.isBinaryExpression(parent) &&
                (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
                    parent.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
                    parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) &&
                ts.isVariableDeclaration(parent.parent))
        ) {
            child = parent;
            parent = parent.parent;
        }
        if (ts.isVariableDeclaration(parent) || ts.isBindingElement(parent) || ts.isParameter(parent)) return true;
        if (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) return true;
        if (ts.isPropertyDeclaration(parent)) return true;
        if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
            return parent.right === child;
        }
        if (ts.isCallExpression(parent)) {
            const callee = unwrap(parent.expression);
            return ts.isFunctionExpression(callee) || ts.isArrowFunction(callee);
        }
        return false;
    }

    // ---------------------------------------------------------------- exports for other files

    private collectExports(): FileExports {
        const globals: Record<string, PortableRef> = {};
        const moduleExports: Record<string, PortableRef> = {};
        const portable = (ref: LocalRef | undefined): PortableRef | undefined => toPortable(ref, this, 0);
        if (!this.isModule) {
            for (const [name, binding] of this.root.names) {
                const p = portable(binding.ref);
                if (p) globals[name] = p;
            }
        } else {
            for (const name of this.windowGlobals) {
                const p = portable(this.root.names.get(name)?.ref);
                if (p) globals[name] = p;
            }
        }
        for (const exp of this.rec.moduleExports) {
            const ref = exp.local
                ? exp.scope.lookup(exp.local)?.ref
                : exp.expr
                  ? this.resolve(exp.expr, exp.scope, 0)
                  : undefined;
            const p = portable(ref);
            if (p) moduleExports[exp.name] = p;
        }
        for (const assignment of this.rec.assignments) {
            const text = assignment.left.getText(this.sf);
            const name = text === 'module.exports' ? '*' : /^(?:module\.)?exports\.(\w+)$/.exec(text)?.[1];
            if (!name) continue;
            const p = portable(this.resolve(assignment.right, assignment.scope, 0));
            if (!p) continue;
            if (name === '*' && p.kind === 'namespace') Object.assign(moduleExports, p.members);
            else if (name === '*') moduleExports.default = p;
            else moduleExports[name] = p;
        }
        return { globals, moduleExports };
    }

    /** `({ ... })` as the file's only statement: an Aura controller, helper or renderer. */
    private bundleObject(): PortableRef | undefined {
        const [statement] = this.sf.statements;
        if (this.sf.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) return undefined;
        const literal = unwrap(statement.expression);
        if (!ts.isObjectLiteralExpression(literal)) return undefined;
        return toPortable(this.resolve(literal, this.root, 0), this, 0);
    }

    /** Resolves an object member for export (members are resolved lazily). */
    memberRef(obj: ObjectInfo, key: string): LocalRef | undefined {
        return this.member({ kind: 'object', obj, traits: [] }, key, [], 0);
    }
}

function toPortable(
    ref: LocalRef | undefined,
    analysis: { memberRef(obj: ObjectInfo, key: string): LocalRef | undefined },
    depth: number
): PortableRef | undefined {
    if (!ref || depth > 3) return undefined;
    if (ref.kind !== 'object') return ref;
    const members: Record<string, PortableRef> = {};
    for (const key of ref.obj.members.keys()) {
        const inner = toPortable(analysis.memberRef(ref.obj, key), analysis, depth + 1);
        if (inner) members[key] = inner;
    }
    return Object.keys(members).length > 0 ? { kind: 'namespace', members, traits: [] } : undefined;
}

function recordValue(binding: Binding, expr: TS.Expression, scope: Scope): void {
    (binding.values ??= []).push({ pos: expr.pos, expr, scope, fn: enclosingFunction(expr) });
}

function webKind(name: WebName): Detection['kind'] {
    if (name === 'cookie') return 'cookie';
    if (name === 'storage-access') return 'storage-access';
    return 'web-storage';
}

function mergeTraits(a: readonly Trait[], b: readonly Trait[]): Trait[] {
    const out = [...a];
    for (const t of b) if (!out.includes(t)) out.push(t);
    return out;
}

/** `sforce.opencti.SCREENPOP_TYPE.X` and `sforce.opencti.CALL_TYPE.X`. */
export function isConstantPath(path: readonly string[]): boolean {
    return path.length >= 4 && path[1] === 'opencti' && (path[2] === 'SCREENPOP_TYPE' || path[2] === 'CALL_TYPE');
}

function templateForwards(t: ArgTemplate): boolean {
    switch (t.kind) {
        case 'param':
        case 'rest':
            return true;
        case 'object':
            return Object.values(t.props).some(templateForwards) || t.spreadFrom !== undefined;
        case 'fixed':
            return false;
    }
}

function forwards(call: WrapperCall): boolean {
    return call.target.kind === 'param-method' || call.args.some(templateForwards);
}

/** Rewrites a wrapper's inner call in terms of the arguments an outer wrapper passes it. */
function composeCall(inner: WrapperCall, outer: ArgTemplate[]): WrapperCall {
    const target = inner.target;
    let composedTarget = target;
    if (target.kind === 'param-method') {
        const arg = paramTemplate(target.index, outer);
        if (arg.kind === 'param') composedTarget = { ...target, index: arg.index };
        else if (arg.kind === 'fixed' && arg.view.kind === 'string' && !arg.view.partial) {
            composedTarget = { kind: 'fixed', path: [...target.base, arg.view.value], traits: target.traits };
        } else composedTarget = { ...target, index: -1 };
    }
    const args: ArgTemplate[] = [];
    for (const t of inner.args) {
        if (t.kind === 'rest') {
            for (let i = t.from; i < outer.length; i++) args.push(paramTemplate(i, outer));
        } else args.push(composeTemplate(t, outer));
    }
    return { target: composedTarget, args };
}

function paramTemplate(index: number, outer: ArgTemplate[]): ArgTemplate {
    for (let i = 0; i < outer.length && i <= index; i++) {
        const t = outer[i];
        if (t?.kind === 'rest') return { kind: 'param', index: t.from + (index - i) };
    }
    return outer[index] ?? { kind: 'fixed', view: UNKNOWN };
}

function composeTemplate(t: ArgTemplate, outer: ArgTemplate[]): ArgTemplate {
    switch (t.kind) {
        case 'param':
            return paramTemplate(t.index, outer);
        case 'rest':
            return { kind: 'fixed', view: UNKNOWN };
        case 'object': {
            const props: Record<string, ArgTemplate> = {};
            for (const [k, v] of Object.entries(t.props)) props[k] = composeTemplate(v, outer);
            return t.spreadFrom
                ? { kind: 'object', props, spread: t.spread, spreadFrom: composeTemplate(t.spreadFrom, outer) }
                : { kind: 'object', props, spread: t.spread };
        }
        case 'fixed':
            return t;
    }
}

/** The argument views a wrapper's inner call receives when the wrapper is called with `site`. */
export function instantiateArgs(templates: readonly ArgTemplate[], site: readonly ArgView[]): ArgView[] {
    const out: ArgView[] = [];
    for (const t of templates) {
        if (t.kind === 'rest') out.push(...site.slice(t.from));
        else out.push(instantiate(t, site));
    }
    return out;
}

function instantiate(t: ArgTemplate, site: readonly ArgView[]): ArgView {
    switch (t.kind) {
        case 'param':
            return site[t.index] ?? UNKNOWN;
        case 'rest':
            return UNKNOWN;
        case 'fixed':
            return t.view;
        case 'object': {
            const props: Record<string, ArgView> = {};
            let spread = t.spread;
            if (t.spreadFrom) {
                const base = instantiate(t.spreadFrom, site);
                if (base.kind === 'object') {
                    Object.assign(props, base.props);
                    spread = spread || base.spread;
                } else spread = true;
            }
            for (const [k, v] of Object.entries(t.props)) props[k] = instantiate(v, site);
            return { kind: 'object', props, spread };
        }
    }
}
