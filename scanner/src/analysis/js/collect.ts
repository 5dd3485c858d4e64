// Phase 1 of the JavaScript analysis (see ../javascript.ts): one walk of the syntax tree builds the lexical scopes and
// records, in the unit's model, declarations, assignments, calls, member chains, functions and module exports.
import type * as TS from 'typescript';
import {
    NestingTooDeepError,
    Scope,
    enclosingFunction,
    isFunctionLike,
    propertyNameText,
    ts,
    unwrap,
    type Binding,
    type CallRecord,
    type FunctionInfo,
    type ObjectInfo,
    type UnitModel
} from './model.js';

const MAX_DEPTH = 1200;

/** Statements that can contain other statements (where a nested `var` may be declared), by compiler API. */
const STATEMENT_CONTAINERS = new WeakMap<object, ReadonlySet<TS.SyntaxKind>>();
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

/** Declarations that can carry `declare` (checked only for these: the check is not free), by compiler API. */
const AMBIENT_CANDIDATES = new WeakMap<object, ReadonlySet<TS.SyntaxKind>>();
const ambientCandidates = (): ReadonlySet<TS.SyntaxKind> =>
    new Set<TS.SyntaxKind>([
        ts.SyntaxKind.VariableStatement,
        ts.SyntaxKind.FunctionDeclaration,
        ts.SyntaxKind.ClassDeclaration,
        ts.SyntaxKind.ModuleDeclaration,
        ts.SyntaxKind.EnumDeclaration
    ]);

/** A set of kinds built once for each compiler API (their numbers differ). */
function kindsFor(
    cache: WeakMap<object, ReadonlySet<TS.SyntaxKind>>,
    build: () => ReadonlySet<TS.SyntaxKind>
): ReadonlySet<TS.SyntaxKind> {
    let kinds = cache.get(ts);
    if (!kinds) {
        kinds = build();
        cache.set(ts, kinds);
    }
    return kinds;
}

function isAmbient(node: TS.Node): boolean {
    return (
        ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)
    );
}

function recordValue(binding: Binding, expr: TS.Expression, scope: Scope): void {
    (binding.values ??= []).push({ pos: expr.pos, expr, scope, fn: enclosingFunction(expr) });
}

/** Walks the unit once and fills the model's records. */
export class Collector {
    private readonly statementContainers = kindsFor(STATEMENT_CONTAINERS, statementContainers);
    private readonly ambientCandidates = kindsFor(AMBIENT_CANDIDATES, ambientCandidates);

    constructor(private readonly m: UnitModel) {}

    run(): void {
        this.visit(this.m.sf, this.m.root, [], 0);
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
            if (!this.m.isModule && scope === this.m.root && name.text === 'sforce') return;
            const binding = scope.declare(name.text, extra);
            if (init) {
                this.m.rec.decls.push({
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
                this.m.rec.decls.push({
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
            if (this.statementContainers.has(node.kind)) ts.forEachChild(node, visitForVar);
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
            if (!this.m.isModule && scope === this.m.root && name.text === 'sforce') return;
            scope.declare(name.text);
            return;
        }
        for (const element of name.elements) {
            if (ts.isBindingElement(element)) this.hoistBindingName(element.name, scope);
        }
    }

    // The walk's position, for the one child visitor: a closure per node made most of a large file's garbage.
    private childScope!: Scope;
    private childEnclosing: FunctionInfo[] = [];
    private childDepth = 0;
    private readonly visitChild = (child: TS.Node): void =>
        this.visit(child, this.childScope, this.childEnclosing, this.childDepth);

    private visitChildren(node: TS.Node, scope: Scope, enclosing: FunctionInfo[], depth: number): void {
        const savedScope = this.childScope;
        const savedEnclosing = this.childEnclosing;
        const savedDepth = this.childDepth;
        this.childScope = scope;
        this.childEnclosing = enclosing;
        this.childDepth = depth;
        ts.forEachChild(node, this.visitChild);
        this.childScope = savedScope;
        this.childEnclosing = savedEnclosing;
        this.childDepth = savedDepth;
    }

    private visit(node: TS.Node, scope: Scope, enclosing: FunctionInfo[], depth: number): void {
        if (depth > MAX_DEPTH) throw new NestingTooDeepError();
        // Tokens (identifiers, literals, keywords, punctuation) are most nodes, and have no children: of them only
        // a standalone identifier is recorded.
        if (node.kind <= ts.SyntaxKind.LastToken) {
            if (node.kind === ts.SyntaxKind.Identifier && this.isStandaloneIdentifier(node as TS.Identifier)) {
                this.m.rec.identifiers.push({ node: node as TS.Identifier, scope });
            }
            return;
        }
        const next = depth + 1;
        // The commonest nodes need only the records below: skip the declaration and scope checks for them.
        switch (node.kind) {
            case ts.SyntaxKind.BinaryExpression:
            case ts.SyntaxKind.CallExpression:
            case ts.SyntaxKind.NewExpression:
            case ts.SyntaxKind.ReturnStatement:
            case ts.SyntaxKind.PropertyAccessExpression:
            case ts.SyntaxKind.ElementAccessExpression:
            case ts.SyntaxKind.ExpressionStatement:
            case ts.SyntaxKind.ParenthesizedExpression:
            case ts.SyntaxKind.ConditionalExpression:
            case ts.SyntaxKind.ArrayLiteralExpression:
            case ts.SyntaxKind.ObjectLiteralExpression:
            case ts.SyntaxKind.PropertyAssignment:
            case ts.SyntaxKind.IfStatement:
            case ts.SyntaxKind.PrefixUnaryExpression:
            case ts.SyntaxKind.PostfixUnaryExpression:
            case ts.SyntaxKind.VariableDeclarationList:
                this.record(node, scope, enclosing);
                this.visitChildren(node, scope, enclosing, next);
                return;
        }

        if (ts.isSourceFile(node)) {
            this.hoist(node.statements, scope);
            this.visitChildren(node, scope, enclosing, next);
            return;
        }
        if (this.ambientCandidates.has(node.kind) && isAmbient(node)) return;
        if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
        if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return;

        if (isFunctionLike(node)) {
            this.visitFunction(node, scope, enclosing, next);
            return;
        }
        if (ts.isClassLike(node)) {
            const obj = this.m.objectFor(node);
            if (ts.isClassDeclaration(node) && node.name) {
                // The class name stands for its object: static members, and (through `new`) its instances' fields.
                scope.declare(node.name.text).ref = { kind: 'object', obj, traits: [] };
            }
            if (ts.isClassDeclaration(node) && this.isExported(node)) {
                const isDefault = (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
                const exportName = isDefault ? 'default' : node.name?.text;
                if (exportName) this.m.rec.moduleExports.push({ name: exportName, expr: node, scope });
            }
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
            this.visitChildren(node, classScope, enclosing, next);
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
            this.visitChildren(node, block, enclosing, next);
            return;
        }
        if (ts.isCatchClause(node)) {
            const block = new Scope(scope, false, 'inherit');
            if (node.variableDeclaration) this.hoistBindingName(node.variableDeclaration.name, block);
            this.visitChildren(node, block, enclosing, next);
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
                this.m.rec.moduleExports.push({ name: node.name.text, local: node.name.text, scope });
            }
            this.visitChildren(node, scope, enclosing, next);
            return;
        }
        if (ts.isImportDeclaration(node)) {
            this.recordImport(node, scope);
            return;
        }
        if (ts.isExportAssignment(node)) {
            this.m.rec.moduleExports.push({ name: 'default', expr: node.expression, scope });
        } else if (ts.isExportDeclaration(node)) {
            if (!node.isTypeOnly) this.recordExportDeclaration(node, scope);
            return;
        }
        this.record(node, scope, enclosing);
        this.visitChildren(node, scope, enclosing, next);
    }

    /** Records what a node is for the later phases: an assignment, a call, a return, a member chain. */
    private record(node: TS.Node, scope: Scope, enclosing: FunctionInfo[]): void {
        switch (node.kind) {
            case ts.SyntaxKind.BinaryExpression: {
                const b = node as TS.BinaryExpression;
                if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
                this.m.rec.assignments.push({ left: b.left, right: b.right, scope });
                const target = unwrap(b.left);
                if (ts.isIdentifier(target) && !(target.text === 'sforce' && !this.m.isModule)) {
                    recordValue(scope.lookup(target.text) ?? this.m.root.declare(target.text), b.right, scope);
                }
                return;
            }
            case ts.SyntaxKind.CallExpression: {
                const call: CallRecord = { node: node as TS.CallExpression, scope };
                this.m.rec.calls.push(call);
                for (const fn of enclosing) fn.calls.push(call);
                this.recordImmediateInvocation(node as TS.CallExpression, scope);
                return;
            }
            case ts.SyntaxKind.NewExpression:
                this.m.rec.constructions.push({ node: node as TS.NewExpression, scope });
                return;
            case ts.SyntaxKind.ReturnStatement: {
                const expr = (node as TS.ReturnStatement).expression;
                if (expr) enclosing[enclosing.length - 1]?.returns.push({ expr, scope });
                return;
            }
            case ts.SyntaxKind.PropertyAccessExpression:
            case ts.SyntaxKind.ElementAccessExpression: {
                const chain = node as TS.PropertyAccessExpression | TS.ElementAccessExpression;
                if (this.isOutermostChain(chain)) this.m.rec.chains.push({ node: chain, scope });
                return;
            }
        }
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
        if (ts.isBinaryExpression(parent) && parent.right === node) return parent.left.getText(this.m.sf);
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
        const fn = this.m.functionFor(node, fnScope, name);

        if (ts.isFunctionDeclaration(node) && this.isExported(node)) {
            const isDefault = (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
            const exportName = isDefault ? 'default' : node.name?.text;
            if (exportName) this.m.rec.moduleExports.push({ name: exportName, expr: node, scope });
        }
        if (ts.isFunctionDeclaration(node) && node.name) {
            const owner = scope.functionScope();
            const binding = owner.declare(node.name.text, { isFunction: true, fn });
            this.m.rec.decls.push({ kind: 'function', binding, fn });
        } else if (ts.isFunctionExpression(node) && node.name) {
            const binding = fnScope.declare(node.name.text, { isFunction: true, fn });
            this.m.rec.decls.push({ kind: 'function', binding, fn });
        }

        node.parameters.forEach((param, index) => {
            const rest = Boolean(param.dotDotDotToken);
            if (ts.isIdentifier(param.name)) {
                const binding = fnScope.declare(param.name.text, { paramOf: fn, paramIndex: index, rest });
                if (param.initializer) {
                    this.m.rec.decls.push({
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
            this.visitChildren(body, fnScope, inner, depth + 1);
        } else {
            fn.returns.push({ expr: body as TS.Expression, scope: fnScope });
            this.visit(body, fnScope, inner, depth);
        }
    }

    private objectLiteralOwner(node: TS.Node): ObjectInfo | undefined {
        const literal = ts.isPropertyAssignment(node.parent) ? node.parent.parent : node.parent;
        return ts.isObjectLiteralExpression(literal) ? this.m.objectFor(literal) : undefined;
    }

    private recordImport(node: TS.ImportDeclaration, scope: Scope): void {
        const clause = node.importClause;
        if (!clause || clause.isTypeOnly || !ts.isStringLiteral(node.moduleSpecifier)) return;
        const module = this.m.options.resolveModule?.(node.moduleSpecifier.text);
        if (clause.name) {
            const binding = scope.declare(clause.name.text);
            this.m.rec.decls.push({ kind: 'import', binding, module, name: 'default' });
        }
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) {
            const binding = scope.declare(bindings.name.text);
            this.m.rec.decls.push({ kind: 'import', binding, module, name: '*' });
        } else if (bindings) {
            for (const spec of bindings.elements) {
                if (spec.isTypeOnly) continue;
                const binding = scope.declare(spec.name.text);
                this.m.rec.decls.push({ kind: 'import', binding, module, name: (spec.propertyName ?? spec.name).text });
            }
        }
    }

    /** `export { a as b }`, and re-exports: `export { a as b } from`, `export * from`, `export * as ns from`. */
    private recordExportDeclaration(node: TS.ExportDeclaration, scope: Scope): void {
        const module =
            node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
                ? this.m.options.resolveModule?.(node.moduleSpecifier.text)
                : undefined;
        const clause = node.exportClause;
        if (!clause) {
            if (node.moduleSpecifier) this.m.rec.moduleExports.push({ name: '*', scope, from: { module, name: '*' } });
            return;
        }
        if (ts.isNamespaceExport(clause)) {
            this.m.rec.moduleExports.push({ name: clause.name.text, scope, from: { module, name: '*' } });
            return;
        }
        for (const spec of clause.elements) {
            if (spec.isTypeOnly) continue;
            const local = (spec.propertyName ?? spec.name).text;
            this.m.rec.moduleExports.push(
                node.moduleSpecifier
                    ? { name: spec.name.text, scope, from: { module, name: local } }
                    : { name: spec.name.text, local, scope }
            );
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
            this.m.pendingParameterBindings.push({ fnNode: callee, name: param.name.text, arg, scope });
        });
    }

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
}
