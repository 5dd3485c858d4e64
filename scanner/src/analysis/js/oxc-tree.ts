// The fast parser of the JavaScript analysis: oxc's native parser, its ESTree tree converted into the shapes of the
// TypeScript compiler's nodes that the phases read (js/collect.ts, js/solve.ts, ...), which read them through the
// stand-in for the compiler's API in js/oxc-compiler.ts. Loading the compiler took a tenth of a large scan and its parser,
// run cold, as much again (issue 16, item 9); oxc loads in a few milliseconds and parses natively.
//
// What the conversion keeps: every node the phases look at, with the compiler's field names and meanings (a member
// access is a PropertyAccessExpression or an ElementAccessExpression with `questionDotToken` when optional, a
// sequence a chain of comma BinaryExpressions, a destructuring assignment's target an object or array literal...),
// children in source order, `pos` where the compiler's is (after the token before) and `getStart()` at the node's
// first character. What it drops: types (no phase reads one),
// JSDoc, trivia. A text oxc rejects, or nests deeper than its native stack is known to hold, is not converted: the
// caller parses it with the compiler, as before (analysis/javascript.ts).
import type * as TS from 'typescript';
import type * as Oxc from 'oxc-parser';
import type * as ES from '@oxc-project/types';
import type { Language } from './model.js';
import { KIND, NODE_FLAGS } from './oxc-compiler.js';

const OPERATORS: Record<string, number> = {
    '=': KIND.EqualsToken,
    '+=': KIND.PlusEqualsToken,
    '-=': KIND.MinusEqualsToken,
    '*=': KIND.AsteriskEqualsToken,
    '**=': KIND.AsteriskAsteriskEqualsToken,
    '/=': KIND.SlashEqualsToken,
    '%=': KIND.PercentEqualsToken,
    '<<=': KIND.LessThanLessThanEqualsToken,
    '>>=': KIND.GreaterThanGreaterThanEqualsToken,
    '>>>=': KIND.GreaterThanGreaterThanGreaterThanEqualsToken,
    '&=': KIND.AmpersandEqualsToken,
    '|=': KIND.BarEqualsToken,
    '||=': KIND.BarBarEqualsToken,
    '&&=': KIND.AmpersandAmpersandEqualsToken,
    '??=': KIND.QuestionQuestionEqualsToken,
    '^=': KIND.CaretEqualsToken,
    '==': KIND.EqualsEqualsToken,
    '!=': KIND.ExclamationEqualsToken,
    '===': KIND.EqualsEqualsEqualsToken,
    '!==': KIND.ExclamationEqualsEqualsToken,
    '<': KIND.LessThanToken,
    '>': KIND.GreaterThanToken,
    '<=': KIND.LessThanEqualsToken,
    '>=': KIND.GreaterThanEqualsToken,
    '+': KIND.PlusToken,
    '-': KIND.MinusToken,
    '*': KIND.AsteriskToken,
    '**': KIND.AsteriskAsteriskToken,
    '/': KIND.SlashToken,
    '%': KIND.PercentToken,
    '<<': KIND.LessThanLessThanToken,
    '>>': KIND.GreaterThanGreaterThanToken,
    '>>>': KIND.GreaterThanGreaterThanGreaterThanToken,
    '&': KIND.AmpersandToken,
    '|': KIND.BarToken,
    '^': KIND.CaretToken,
    '&&': KIND.AmpersandAmpersandToken,
    '||': KIND.BarBarToken,
    '??': KIND.QuestionQuestionToken,
    ',': KIND.CommaToken,
    in: KIND.InKeyword,
    instanceof: KIND.InstanceOfKeyword,
    '!': KIND.ExclamationToken,
    '~': KIND.TildeToken,
    '++': KIND.PlusPlusToken,
    '--': KIND.MinusMinusToken
};

/** A converted node: the compiler's field names, `kids` its children in source order (for `forEachChild`). */
class TreeNode {
    parent: TreeNode | undefined = undefined;
    flags = 0;
    kids: TreeNode[] = [];
    [field: string]: unknown;
    constructor(
        readonly kind: number,
        /** Where the node's leading trivia starts (after the token before it), as the compiler's `pos`. */
        readonly pos: number,
        readonly end: number,
        /** Its first character. */
        readonly start = pos
    ) {}
    getStart(): number {
        return this.start;
    }
    getEnd(): number {
        return this.end;
    }
    getSourceFile(): TreeNode {
        let n = this.parent;
        if (!n) return this;
        while (n.parent) n = n.parent;
        return n;
    }
    getText(sf?: { text: string }): string {
        const source = sf ?? (this.getSourceFile() as unknown as { text: string });
        return source.text.slice(this.start, this.end);
    }
}

type Maybe = TreeNode | undefined;
type Es = ES.Node;
/** The fields every ESTree node this module reads has, whatever its type. */
type Loose = { type: string; start: number; end: number } & Record<string, unknown>;

const loose = (n: unknown): Loose => n as Loose;

/** Converts one oxc program. Throws `UnsupportedNode` for a construct it does not know (the caller then uses tsc). */
class Converter {
    /** Where each comment that ends at an offset starts. */
    private readonly commentStarts = new Map<number, number>();
    /** Whether the tree uses `import.meta`, which makes a file a module for the compiler as an import does. */
    private importMeta = false;

    constructor(
        private readonly text: string,
        comments: readonly { start: number; end: number }[],
        hashbang: { start: number; end: number } | null
    ) {
        for (const c of comments) this.commentStarts.set(c.end, c.start);
        if (hashbang) this.commentStarts.set(hashbang.end, hashbang.start);
    }

    /** `fullStart` by start: a statement and its first descendants start at one offset, often after a masked run. */
    private readonly fullStarts = new Map<number, number>();

    /** The compiler's `pos` of a node starting at `start`: back over the white space and comments before it. */
    private fullStart(start: number): number {
        let pos = this.fullStarts.get(start);
        if (pos === undefined) {
            pos = this.triviaStart(start);
            this.fullStarts.set(start, pos);
        }
        return pos;
    }

    private triviaStart(start: number): number {
        let i = start;
        for (;;) {
            while (i > 0 && isTrivia(this.text.charCodeAt(i - 1))) i--;
            const comment = this.commentStarts.get(i);
            if (comment === undefined || comment >= i) return i;
            i = comment;
        }
    }

    private make(kind: number, from: { start: number; end: number }, fields: Record<string, unknown> = {}): TreeNode {
        const node = new TreeNode(kind, this.fullStart(from.start), from.end, from.start);
        Object.assign(node, fields);
        return node;
    }

    /** A node whose fields are all its children, in source order. */
    private node(
        kind: number,
        from: { start: number; end: number },
        fields: Record<string, Maybe | Maybe[]>
    ): TreeNode {
        return this.adopt(this.make(kind, from, fields), ...Object.values(fields));
    }

    /** Sets the children (in source order) and their parent. */
    private adopt(node: TreeNode, ...children: (Maybe | readonly Maybe[])[]): TreeNode {
        for (const child of children) {
            if (Array.isArray(child)) {
                for (const c of child as Maybe[]) this.attach(node, c);
            } else {
                this.attach(node, child as Maybe);
            }
        }
        return node;
    }

    private attach(node: TreeNode, child: Maybe): void {
        if (!child) return;
        child.parent = node;
        node.kids.push(child);
    }

    private token(kind: number, at: number, end = at): TreeNode {
        return new TreeNode(kind, at, end);
    }

    program(p: ES.Program, fileName: string): TreeNode {
        const statements = p.body.map((s) => this.statement(s as Es));
        const sf = this.make(
            KIND.SourceFile,
            { start: 0, end: this.text.length },
            {
                statements,
                text: this.text,
                fileName,
                endOfFileToken: this.token(KIND.Unknown, this.text.length)
            }
        );
        const moduleSyntax = p.body.some((s) =>
            [
                'ImportDeclaration',
                'ExportNamedDeclaration',
                'ExportDefaultDeclaration',
                'ExportAllDeclaration',
                'TSExportAssignment'
            ].includes(s.type)
        );
        // As the compiler decides it: module syntax or `import.meta` (a top-level `await` alone is not enough).
        if (moduleSyntax || this.importMeta) sf.externalModuleIndicator = statements[0];
        let lineStarts: number[] | undefined;
        sf.getLineAndCharacterOfPosition = (pos: number) => {
            if (!lineStarts) {
                lineStarts = [0];
                for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) {
                    lineStarts.push(i + 1);
                }
            }
            let lo = 0;
            let hi = lineStarts.length - 1;
            while (lo < hi) {
                const mid = (lo + hi + 1) >> 1;
                if (lineStarts[mid]! <= pos) lo = mid;
                else hi = mid - 1;
            }
            return { line: lo, character: pos - lineStarts[lo]! };
        };
        return this.adopt(sf, statements);
    }

    // ---- statements ----

    private statements(items: readonly unknown[]): TreeNode[] {
        return items.map((s) => this.statement(s as Es));
    }

    statement(s: Es, modifiers: TreeNode[] = []): TreeNode {
        const n = loose(s);
        switch (s.type) {
            case 'ExpressionStatement': {
                const expression = this.expression(s.expression);
                return this.node(KIND.ExpressionStatement, s, { expression });
            }
            case 'BlockStatement':
                return this.block(s);
            case 'EmptyStatement':
                return this.make(KIND.EmptyStatement, s);
            case 'DebuggerStatement':
                return this.make(KIND.DebuggerStatement, s);
            case 'VariableDeclaration': {
                const mods = this.modifiers(s, modifiers, { declare: s.declare === true });
                const declarationList = this.declarationList(s);
                const node = this.make(KIND.VariableStatement, s, { modifiers: mods, declarationList });
                return this.adopt(node, mods, declarationList);
            }
            case 'FunctionDeclaration':
            case 'TSDeclareFunction':
                return this.functionLike(s, KIND.FunctionDeclaration, modifiers);
            case 'ClassDeclaration':
                return this.classLike(s, KIND.ClassDeclaration, modifiers);
            case 'ReturnStatement': {
                const expression = this.optionalExpression(s.argument);
                return this.node(KIND.ReturnStatement, s, { expression });
            }
            case 'ThrowStatement': {
                const expression = this.expression(s.argument);
                return this.node(KIND.ThrowStatement, s, { expression });
            }
            case 'IfStatement': {
                const expression = this.expression(s.test);
                const thenStatement = this.statement(s.consequent);
                const elseStatement = s.alternate ? this.statement(s.alternate) : undefined;
                return this.node(KIND.IfStatement, s, { expression, thenStatement, elseStatement });
            }
            case 'WhileStatement': {
                const expression = this.expression(s.test);
                const statement = this.statement(s.body);
                return this.node(KIND.WhileStatement, s, { expression, statement });
            }
            case 'DoWhileStatement': {
                const statement = this.statement(s.body);
                const expression = this.expression(s.test);
                return this.node(KIND.DoStatement, s, { statement, expression });
            }
            case 'ForStatement': {
                const initializer = s.init
                    ? s.init.type === 'VariableDeclaration'
                        ? this.declarationList(s.init)
                        : this.expression(s.init)
                    : undefined;
                const condition = this.optionalExpression(s.test);
                const incrementor = this.optionalExpression(s.update);
                const statement = this.statement(s.body);
                return this.node(KIND.ForStatement, s, { initializer, condition, incrementor, statement });
            }
            case 'ForInStatement':
            case 'ForOfStatement': {
                const left = s.left as Es;
                const initializer =
                    left.type === 'VariableDeclaration' ? this.declarationList(left) : this.target(left);
                const expression = this.expression(s.right);
                const statement = this.statement(s.body);
                const kind = s.type === 'ForInStatement' ? KIND.ForInStatement : KIND.ForOfStatement;
                const awaitModifier =
                    s.type === 'ForOfStatement' && s.await ? this.token(KIND.AsyncKeyword, s.start) : undefined;
                const node = this.make(kind, s, { awaitModifier, initializer, expression, statement });
                return this.adopt(node, initializer, expression, statement);
            }
            case 'ContinueStatement':
            case 'BreakStatement': {
                const label = s.label ? this.identifier(s.label) : undefined;
                const kind = s.type === 'BreakStatement' ? KIND.BreakStatement : KIND.ContinueStatement;
                return this.node(kind, s, { label });
            }
            case 'LabeledStatement': {
                const label = this.identifier(s.label);
                const statement = this.statement(s.body);
                return this.node(KIND.LabeledStatement, s, { label, statement });
            }
            case 'WithStatement': {
                const expression = this.expression(s.object);
                const statement = this.statement(s.body);
                return this.node(KIND.WithStatement, s, { expression, statement });
            }
            case 'SwitchStatement': {
                const expression = this.expression(s.discriminant);
                const clauses = s.cases.map((c) => {
                    const statements = this.statements(c.consequent);
                    if (!c.test) return this.node(KIND.DefaultClause, c, { statements });
                    const test = this.expression(c.test);
                    return this.adopt(
                        this.make(KIND.CaseClause, c, { expression: test, statements }),
                        test,
                        statements
                    );
                });
                const first = s.cases[0];
                const caseBlock = this.adopt(
                    this.make(KIND.CaseBlock, { start: first ? first.start : s.end, end: s.end }, { clauses }),
                    clauses
                );
                return this.node(KIND.SwitchStatement, s, { expression, caseBlock });
            }
            case 'TryStatement': {
                const tryBlock = this.block(s.block);
                let catchClause: Maybe;
                if (s.handler) {
                    const h = s.handler;
                    const variableDeclaration = h.param
                        ? this.adopt(
                              this.make(KIND.VariableDeclaration, h.param, { name: this.bindingName(h.param) }),
                              undefined
                          )
                        : undefined;
                    if (variableDeclaration) this.attach(variableDeclaration, variableDeclaration.name as TreeNode);
                    const block = this.block(h.body);
                    catchClause = this.adopt(
                        this.make(KIND.CatchClause, h, { variableDeclaration, block }),
                        variableDeclaration,
                        block
                    );
                }
                const finallyBlock = s.finalizer ? this.block(s.finalizer) : undefined;
                return this.node(KIND.TryStatement, s, { tryBlock, catchClause, finallyBlock });
            }
            case 'ImportDeclaration':
                return this.importDeclaration(s);
            case 'ExportNamedDeclaration':
                return this.exportNamed(s);
            case 'ExportDefaultDeclaration': {
                const d = s.declaration as Es;
                const mods = [this.token(KIND.ExportKeyword, s.start), this.token(KIND.DefaultKeyword, s.start)];
                if (d.type === 'FunctionDeclaration' || d.type === 'FunctionExpression') {
                    return this.functionLike(d, KIND.FunctionDeclaration, mods, s);
                }
                if (d.type === 'ClassDeclaration' || d.type === 'ClassExpression') {
                    return this.classLike(d, KIND.ClassDeclaration, mods, s);
                }
                if (d.type === 'TSInterfaceDeclaration') return this.statement(d, mods);
                const expression = this.expression(d);
                const node = this.make(KIND.ExportAssignment, s, { isExportEquals: false, expression });
                return this.adopt(node, expression);
            }
            case 'ExportAllDeclaration': {
                const moduleSpecifier = this.literal(s.source);
                const exportClause = s.exported
                    ? this.adopt(
                          this.make(KIND.NamespaceExport, s.exported, { name: this.moduleExportName(s.exported) }),
                          undefined
                      )
                    : undefined;
                if (exportClause) this.attach(exportClause, exportClause.name as TreeNode);
                const node = this.make(KIND.ExportDeclaration, s, {
                    isTypeOnly: s.exportKind === 'type',
                    exportClause,
                    moduleSpecifier
                });
                return this.adopt(node, exportClause, moduleSpecifier);
            }
            case 'TSExportAssignment': {
                const expression = this.expression(s.expression);
                const node = this.make(KIND.ExportAssignment, s, { isExportEquals: true, expression });
                return this.adopt(node, expression);
            }
            case 'TSNamespaceExportDeclaration':
                return this.make(KIND.NamespaceExportDeclaration, s);
            case 'TSInterfaceDeclaration':
            case 'TSTypeAliasDeclaration': {
                const mods = this.modifiers(s, modifiers, { declare: s.declare });
                const name = this.identifier(s.id);
                const kind =
                    s.type === 'TSInterfaceDeclaration' ? KIND.InterfaceDeclaration : KIND.TypeAliasDeclaration;
                return this.adopt(this.make(kind, s, { modifiers: mods, name }), mods, name);
            }
            case 'TSEnumDeclaration': {
                const mods = this.modifiers(s, modifiers, { declare: s.declare, const: s.const });
                const name = this.identifier(s.id);
                const members = s.body.members.map((m) => {
                    const memberName = this.propertyName(m.id, m.computed);
                    const initializer = this.optionalExpression(m.initializer);
                    return this.adopt(
                        this.make(KIND.EnumMember, m, { name: memberName, initializer }),
                        memberName,
                        initializer
                    );
                });
                const node = this.make(KIND.EnumDeclaration, s, { modifiers: mods, name, members });
                return this.adopt(node, mods, name, members);
            }
            case 'TSModuleDeclaration': {
                const mods = this.modifiers(s, modifiers, { declare: s.declare });
                const id = s.id as Es;
                const name =
                    id.type === 'Literal' ? this.literal(id) : this.identifierLike(id.type === 'Identifier' ? id : id);
                const body = s.body
                    ? this.adopt(
                          this.make(KIND.ModuleBlock, s.body, { statements: this.statements(s.body.body) }),
                          undefined
                      )
                    : undefined;
                if (body) this.adopt(body, body.statements as TreeNode[]);
                const node = this.make(KIND.ModuleDeclaration, s, { modifiers: mods, name, body });
                return this.adopt(node, mods, name, body);
            }
            case 'TSImportEqualsDeclaration': {
                const name = this.identifier(s.id);
                const node = this.make(KIND.ImportEqualsDeclaration, s, {
                    modifiers: modifiers.length ? modifiers : undefined,
                    isTypeOnly: s.importKind === 'type',
                    name
                });
                return this.adopt(node, name);
            }
            default:
                throw new UnsupportedNode(n.type);
        }
    }

    private block(s: { start: number; end: number; body: readonly unknown[] }): TreeNode {
        const statements = this.statements(s.body);
        return this.node(KIND.Block, s, { statements });
    }

    private declarationList(s: ES.VariableDeclaration): TreeNode {
        const flags =
            s.kind === 'let'
                ? NODE_FLAGS.Let
                : s.kind === 'const'
                  ? NODE_FLAGS.Const
                  : s.kind === 'using'
                    ? NODE_FLAGS.Using
                    : s.kind === 'await using'
                      ? NODE_FLAGS.AwaitUsing
                      : 0;
        const declarations = s.declarations.map((d) => {
            const name = this.bindingName(d.id);
            const initializer = this.optionalExpression(d.init);
            return this.node(KIND.VariableDeclaration, d, { name, initializer });
        });
        const list = this.make(KIND.VariableDeclarationList, s, { declarations });
        list.flags = flags;
        return this.adopt(list, declarations);
    }

    /** Modifier tokens: those the statement carries, then its own (`declare`, `const` of an enum). */
    private modifiers(
        at: { start: number },
        given: readonly TreeNode[],
        own: { declare?: boolean; const?: boolean; async?: boolean; static?: boolean; abstract?: boolean }
    ): TreeNode[] | undefined {
        const out = [...given];
        if (own.declare) out.push(this.token(KIND.DeclareKeyword, at.start));
        if (own.abstract) out.push(this.token(KIND.AbstractKeyword, at.start));
        if (own.static) out.push(this.token(KIND.StaticKeyword, at.start));
        if (own.const) out.push(this.token(KIND.ConstKeyword, at.start));
        if (own.async) out.push(this.token(KIND.AsyncKeyword, at.start));
        return out.length > 0 ? out : undefined;
    }

    private decorators(items: readonly ES.Decorator[] | undefined): TreeNode[] {
        return (items ?? []).map((d) => {
            const expression = this.expression(d.expression);
            return this.node(KIND.Decorator, d, { expression });
        });
    }

    private importDeclaration(s: ES.ImportDeclaration): TreeNode {
        const moduleSpecifier = this.literal(s.source);
        let importClause: Maybe;
        if (s.specifiers.length > 0) {
            let name: Maybe;
            let namedBindings: Maybe;
            const elements: TreeNode[] = [];
            let namedStart = -1;
            let namedEnd = -1;
            for (const spec of s.specifiers) {
                if (spec.type === 'ImportDefaultSpecifier') {
                    name = this.identifier(spec.local);
                } else if (spec.type === 'ImportNamespaceSpecifier') {
                    const local = this.identifier(spec.local);
                    namedBindings = this.adopt(this.make(KIND.NamespaceImport, spec, { name: local }), local);
                } else {
                    const local = this.identifier(spec.local);
                    const imported = this.moduleExportName(spec.imported);
                    const same = spec.imported.start === spec.local.start;
                    const propertyName = same ? undefined : imported;
                    const element = this.make(KIND.ImportSpecifier, spec, {
                        isTypeOnly: spec.importKind === 'type',
                        propertyName,
                        name: local
                    });
                    elements.push(this.adopt(element, propertyName, local));
                    if (namedStart < 0) namedStart = spec.start;
                    namedEnd = spec.end;
                }
            }
            if (elements.length > 0) {
                const list = elements;
                namedBindings = this.adopt(
                    this.make(KIND.NamedImports, { start: namedStart, end: namedEnd }, { elements: list }),
                    list
                );
            }
            const clauseStart = s.specifiers[0]!.start;
            const clauseEnd = s.specifiers[s.specifiers.length - 1]!.end;
            importClause = this.adopt(
                this.make(
                    KIND.ImportClause,
                    { start: clauseStart, end: clauseEnd },
                    { isTypeOnly: s.importKind === 'type', name, namedBindings }
                ),
                name,
                namedBindings
            );
        }
        return this.node(KIND.ImportDeclaration, s, { importClause, moduleSpecifier });
    }

    private exportNamed(s: ES.ExportNamedDeclaration): TreeNode {
        const exportKeyword = this.token(KIND.ExportKeyword, s.start);
        if (s.declaration) {
            const declared = this.statement(s.declaration, [exportKeyword]);
            // The declaration's range starts at `export`, as the compiler's does.
            return Object.assign(declared, { pos: this.fullStart(s.start), start: s.start });
        }
        const moduleSpecifier = s.source ? this.literal(s.source) : undefined;
        const elements = s.specifiers.map((spec) => {
            const name = this.moduleExportName(spec.exported);
            const same = spec.exported.start === spec.local.start;
            const propertyName = same ? undefined : this.moduleExportName(spec.local);
            const element = this.make(KIND.ExportSpecifier, spec, {
                isTypeOnly: spec.exportKind === 'type',
                propertyName,
                name
            });
            return this.adopt(element, propertyName, name);
        });
        const exportClause = this.node(KIND.NamedExports, s, { elements });
        const node = this.make(KIND.ExportDeclaration, s, {
            isTypeOnly: s.exportKind === 'type',
            exportClause,
            moduleSpecifier
        });
        return this.adopt(node, exportClause, moduleSpecifier);
    }

    // ---- functions and classes ----

    private functionLike(f: ES.Function, kind: number, modifiers: TreeNode[] = [], range?: Loose | Es): TreeNode {
        const mods = this.modifiers(f, modifiers, { declare: f.declare === true, async: f.async });
        const name = f.id ? this.identifier(f.id) : undefined;
        const parameters = this.parameters(f.params);
        const body = f.body ? this.block(f.body) : undefined;
        const node = this.make(kind, range ?? f, {
            modifiers: mods,
            asteriskToken: f.generator ? this.token(KIND.AsteriskToken, f.start) : undefined,
            name,
            parameters,
            body
        });
        return this.adopt(node, mods, name, parameters, body);
    }

    private parameters(params: readonly ES.ParamPattern[]): TreeNode[] {
        return params.map((p) => {
            const param = loose(p);
            let inner: Loose = param;
            const mods: TreeNode[] = this.decorators(param.decorators as ES.Decorator[] | undefined);
            if (p.type === 'TSParameterProperty') {
                inner = loose(p.parameter);
                mods.push(...this.decorators(p.decorators));
                if (p.accessibility === 'public') mods.push(this.token(KIND.PublicKeyword, p.start));
                if (p.accessibility === 'private') mods.push(this.token(KIND.PrivateKeyword, p.start));
                if (p.accessibility === 'protected') mods.push(this.token(KIND.ProtectedKeyword, p.start));
                if (p.readonly) mods.push(this.token(KIND.ReadonlyKeyword, p.start));
                if (p.override) mods.push(this.token(KIND.OverrideKeyword, p.start));
            }
            let dotDotDotToken: Maybe;
            let initializer: Maybe;
            let pattern: Loose = inner;
            if (inner.type === 'RestElement') {
                dotDotDotToken = this.token(KIND.DotDotDotToken, inner.start);
                pattern = loose(inner.argument);
            }
            if (pattern.type === 'AssignmentPattern') {
                initializer = this.expression(pattern.right as Es);
                pattern = loose(pattern.left);
            }
            const name = this.bindingName(pattern as unknown as Es);
            const modifiers = mods.length > 0 ? mods : undefined;
            const node = this.make(KIND.Parameter, p, { modifiers, dotDotDotToken, name, initializer });
            return this.adopt(node, modifiers, name, initializer);
        });
    }

    private classLike(c: ES.Class, kind: number, modifiers: TreeNode[] = [], range?: Loose | Es): TreeNode {
        const mods = this.modifiers(c, [...this.decorators(c.decorators), ...modifiers], {
            declare: c.declare === true,
            abstract: c.abstract === true
        });
        const name = c.id ? this.identifier(c.id) : undefined;
        const heritageClauses: TreeNode[] = [];
        if (c.superClass) {
            const expression = this.expression(c.superClass);
            const type = this.adopt(
                this.make(KIND.ExpressionWithTypeArguments, c.superClass, { expression }),
                expression
            );
            const types = [type];
            heritageClauses.push(
                this.adopt(this.make(KIND.HeritageClause, c.superClass, { token: KIND.ExtendsKeyword, types }), types)
            );
        }
        if (c.implements && c.implements.length > 0) {
            const types = c.implements.map((i) => {
                const expression = this.expression(i.expression);
                return this.node(KIND.ExpressionWithTypeArguments, i, { expression });
            });
            const first = c.implements[0]!;
            heritageClauses.push(
                this.adopt(
                    this.make(
                        KIND.HeritageClause,
                        { start: first.start, end: c.implements[c.implements.length - 1]!.end },
                        { token: KIND.ImplementsKeyword, types }
                    ),
                    types
                )
            );
        }
        const members = c.body.body.map((m) => this.classMember(m as Es));
        const heritage = heritageClauses.length > 0 ? heritageClauses : undefined;
        const node = this.make(kind, range ?? c, { modifiers: mods, name, heritageClauses: heritage, members });
        return this.adopt(node, mods, name, heritage, members);
    }

    private classMember(m: Es): TreeNode {
        switch (m.type) {
            case 'MethodDefinition':
            case 'TSAbstractMethodDefinition': {
                const mods = this.modifiers(m, [...this.decorators(m.decorators), ...this.accessibility(m)], {
                    static: m.static,
                    abstract: m.type === 'TSAbstractMethodDefinition',
                    async: m.value.async
                });
                const name = m.kind === 'constructor' ? undefined : this.propertyName(m.key, m.computed);
                const parameters = this.parameters(m.value.params);
                const body = m.value.body ? this.block(m.value.body) : undefined;
                const kind =
                    m.kind === 'constructor'
                        ? KIND.Constructor
                        : m.kind === 'get'
                          ? KIND.GetAccessor
                          : m.kind === 'set'
                            ? KIND.SetAccessor
                            : KIND.MethodDeclaration;
                const node = this.make(kind, m, {
                    modifiers: mods,
                    asteriskToken: m.value.generator ? this.token(KIND.AsteriskToken, m.start) : undefined,
                    name,
                    parameters,
                    body
                });
                return this.adopt(node, mods, name, parameters, body);
            }
            case 'PropertyDefinition':
            case 'TSAbstractPropertyDefinition':
            case 'AccessorProperty':
            case 'TSAbstractAccessorProperty': {
                const p = loose(m);
                const extra = m.type === 'AccessorProperty' ? [this.token(KIND.AccessorKeyword, m.start)] : [];
                const mods = this.modifiers(
                    m,
                    [...this.decorators(p.decorators as ES.Decorator[]), ...this.accessibility(p), ...extra],
                    {
                        static: p.static === true,
                        declare: p.declare === true,
                        abstract: m.type.startsWith('TSAbstract')
                    }
                );
                const name = this.propertyName(p.key as Es, p.computed === true);
                const initializer = this.optionalExpression(p.value);
                const node = this.make(KIND.PropertyDeclaration, m, { modifiers: mods, name, initializer });
                return this.adopt(node, mods, name, initializer);
            }
            case 'StaticBlock': {
                const body = this.block(m);
                return this.node(KIND.ClassStaticBlockDeclaration, m, { body });
            }
            case 'TSIndexSignature':
                return this.make(KIND.IndexSignature, m);
            default:
                throw new UnsupportedNode(m.type);
        }
    }

    private accessibility(m: Loose | { accessibility?: string | null; start: number }): TreeNode[] {
        const a = (m as { accessibility?: string | null }).accessibility;
        const at = (m as { start: number }).start;
        const out: TreeNode[] = [];
        if (a === 'public') out.push(this.token(KIND.PublicKeyword, at));
        if (a === 'private') out.push(this.token(KIND.PrivateKeyword, at));
        if (a === 'protected') out.push(this.token(KIND.ProtectedKeyword, at));
        const l = m as { readonly?: boolean; override?: boolean };
        if (l.readonly) out.push(this.token(KIND.ReadonlyKeyword, at));
        if (l.override) out.push(this.token(KIND.OverrideKeyword, at));
        return out;
    }

    // ---- names and patterns ----

    private identifier(id: { name: string; start: number; end: number }): TreeNode {
        return this.make(KIND.Identifier, id, { text: id.name, escapedText: id.name });
    }

    private identifierLike(id: Es): TreeNode {
        const n = loose(id);
        if (n.type === 'Identifier') return this.identifier(n as unknown as ES.IdentifierName);
        // `namespace A.B {}`: the compiler nests declarations; the dotted name as one identifier is all a phase reads.
        const text = this.text.slice(n.start, n.end);
        return this.make(KIND.Identifier, n, { text, escapedText: text });
    }

    private moduleExportName(n: ES.ModuleExportName): TreeNode {
        return n.type === 'Literal' ? this.literal(n) : this.identifier(n);
    }

    private propertyName(key: Es, computed: boolean): TreeNode {
        if (computed) {
            const expression = this.expression(key);
            const start = this.text.lastIndexOf('[', key.start);
            const end = this.text.indexOf(']', key.end);
            const node = this.make(
                KIND.ComputedPropertyName,
                { start: start < 0 ? key.start : start, end: end < 0 ? key.end : end + 1 },
                { expression }
            );
            return this.adopt(node, expression);
        }
        if (key.type === 'Identifier') return this.identifier(key);
        if (key.type === 'PrivateIdentifier') {
            return this.make(KIND.PrivateIdentifier, key, { text: `#${key.name}`, escapedText: `#${key.name}` });
        }
        return this.expression(key);
    }

    /** A declaration's name: an identifier or a binding pattern. */
    private bindingName(p: Es): TreeNode {
        const n = loose(p);
        switch (n.type) {
            case 'Identifier':
                return this.identifier(n as unknown as ES.BindingIdentifier);
            case 'ObjectPattern': {
                const elements = (n.properties as Loose[]).map((prop) => {
                    if (prop.type === 'RestElement') {
                        const name = this.bindingName(prop.argument as Es);
                        return this.adopt(
                            this.make(KIND.BindingElement, prop, {
                                dotDotDotToken: this.token(KIND.DotDotDotToken, prop.start),
                                name
                            }),
                            name
                        );
                    }
                    let value = loose(prop.value);
                    let initializer: Maybe;
                    if (value.type === 'AssignmentPattern') {
                        initializer = this.expression(value.right as Es);
                        value = loose(value.left);
                    }
                    const propertyName = prop.shorthand
                        ? undefined
                        : this.propertyName(prop.key as Es, prop.computed === true);
                    const name = this.bindingName(value as unknown as Es);
                    const element = this.make(KIND.BindingElement, prop, { propertyName, name, initializer });
                    return this.adopt(element, propertyName, name, initializer);
                });
                return this.node(KIND.ObjectBindingPattern, n, { elements });
            }
            case 'ArrayPattern': {
                const elements = (n.elements as (Loose | null)[]).map((el, index, all) => {
                    if (!el) return this.omitted(all, index, n);
                    let value = el;
                    let dotDotDotToken: Maybe;
                    let initializer: Maybe;
                    if (value.type === 'RestElement') {
                        dotDotDotToken = this.token(KIND.DotDotDotToken, value.start);
                        value = loose(value.argument);
                    }
                    if (value.type === 'AssignmentPattern') {
                        initializer = this.expression(value.right as Es);
                        value = loose(value.left);
                    }
                    const name = this.bindingName(value as unknown as Es);
                    const element = this.make(KIND.BindingElement, el, { dotDotDotToken, name, initializer });
                    return this.adopt(element, name, initializer);
                });
                return this.node(KIND.ArrayBindingPattern, n, { elements });
            }
            case 'AssignmentPattern':
                // Only inside the patterns above, which unwrap it; reaching here is a construct this module misreads.
                throw new UnsupportedNode('AssignmentPattern');
            default:
                throw new UnsupportedNode(n.type);
        }
    }

    private omitted(all: readonly unknown[], index: number, around: Loose): TreeNode {
        const previous = index > 0 ? loose(all[index - 1]) : undefined;
        const at = previous ? previous.end : around.start + 1;
        return this.make(KIND.OmittedExpression, { start: at, end: at });
    }

    /**
     * The target of an assignment or a `for (x of ...)`: the compiler reads a destructuring target as the object or
     * array literal it is written as.
     */
    private target(t: Es): TreeNode {
        const n = loose(t);
        switch (n.type) {
            case 'ObjectPattern': {
                const properties = (n.properties as Loose[]).map((prop) => {
                    if (prop.type === 'RestElement') {
                        const expression = this.target(prop.argument as Es);
                        return this.node(KIND.SpreadAssignment, prop, { expression });
                    }
                    const value = loose(prop.value);
                    if (prop.shorthand) {
                        const name = this.identifier(prop.key as ES.IdentifierName);
                        const objectAssignmentInitializer =
                            value.type === 'AssignmentPattern' ? this.expression(value.right as Es) : undefined;
                        const node = this.make(KIND.ShorthandPropertyAssignment, prop, {
                            name,
                            objectAssignmentInitializer
                        });
                        return this.adopt(node, name, objectAssignmentInitializer);
                    }
                    const name = this.propertyName(prop.key as Es, prop.computed === true);
                    const initializer = this.target(value as unknown as Es);
                    return this.adopt(
                        this.make(KIND.PropertyAssignment, prop, { name, initializer }),
                        name,
                        initializer
                    );
                });
                return this.node(KIND.ObjectLiteralExpression, n, { properties });
            }
            case 'ArrayPattern': {
                const elements = (n.elements as (Loose | null)[]).map((el, index, all) => {
                    if (!el) return this.omitted(all, index, n);
                    if (el.type === 'RestElement') {
                        const expression = this.target(el.argument as Es);
                        return this.node(KIND.SpreadElement, el, { expression });
                    }
                    return this.target(el as unknown as Es);
                });
                return this.node(KIND.ArrayLiteralExpression, n, { elements });
            }
            case 'AssignmentPattern': {
                const left = this.target(n.left as Es);
                const right = this.expression(n.right as Es);
                return this.binary(n, left, '=', right);
            }
            default:
                return this.expression(t);
        }
    }

    // ---- expressions ----

    private optionalExpression(e: unknown): Maybe {
        return e ? this.expression(e as Es) : undefined;
    }

    private literal(l: Es): TreeNode {
        const n = loose(l);
        const value = n.value;
        if (n.regex)
            return this.make(KIND.RegularExpressionLiteral, n, { text: n.raw ?? this.text.slice(n.start, n.end) });
        if (typeof n.bigint === 'string') return this.make(KIND.BigIntLiteral, n, { text: `${n.bigint}n` });
        if (typeof value === 'string') return this.make(KIND.StringLiteral, n, { text: value });
        if (typeof value === 'number') return this.make(KIND.NumericLiteral, n, { text: String(value) });
        if (value === true) return this.make(KIND.TrueKeyword, n);
        if (value === false) return this.make(KIND.FalseKeyword, n);
        if (value === null) return this.make(KIND.NullKeyword, n);
        throw new UnsupportedNode(`Literal ${typeof value}`);
    }

    private binary(at: { start: number; end: number }, left: TreeNode, operator: string, right: TreeNode): TreeNode {
        const kind = OPERATORS[operator];
        if (kind === undefined) throw new UnsupportedNode(`operator ${operator}`);
        const operatorToken = this.token(kind, left.end, right.pos);
        return this.node(KIND.BinaryExpression, at, { left, operatorToken, right });
    }

    private arguments(args: readonly unknown[]): TreeNode[] {
        return args.map((a) => this.expression(a as Es));
    }

    expression(e: Es): TreeNode {
        switch (e.type) {
            case 'Identifier':
                return this.identifier(e);
            case 'Literal':
                return this.literal(e);
            case 'ThisExpression':
                return this.make(KIND.ThisKeyword, e);
            case 'Super':
                return this.make(KIND.SuperKeyword, e);
            case 'TemplateLiteral':
                return this.template(e);
            case 'TaggedTemplateExpression': {
                const tag = this.expression(e.tag);
                const template = this.template(e.quasi);
                return this.node(KIND.TaggedTemplateExpression, e, { tag, template });
            }
            case 'ParenthesizedExpression': {
                const expression = this.expression(e.expression);
                return this.node(KIND.ParenthesizedExpression, e, { expression });
            }
            case 'ChainExpression':
                return this.expression(e.expression);
            case 'MemberExpression': {
                const expression = this.expression(e.object);
                const questionDotToken = e.optional ? this.token(KIND.QuestionDotToken, expression.end) : undefined;
                if (e.computed) {
                    const argumentExpression = this.expression(e.property);
                    const node = this.make(KIND.ElementAccessExpression, e, {
                        expression,
                        questionDotToken,
                        argumentExpression
                    });
                    return this.adopt(node, expression, questionDotToken, argumentExpression);
                }
                const property = loose(e.property);
                const name =
                    property.type === 'PrivateIdentifier'
                        ? this.make(KIND.PrivateIdentifier, property, {
                              text: `#${String(property.name)}`,
                              escapedText: `#${String(property.name)}`
                          })
                        : this.identifier(property as unknown as ES.IdentifierName);
                return this.node(KIND.PropertyAccessExpression, e, { expression, questionDotToken, name });
            }
            case 'CallExpression': {
                const expression = this.expression(e.callee);
                const questionDotToken = e.optional ? this.token(KIND.QuestionDotToken, expression.end) : undefined;
                const args = this.arguments(e.arguments);
                const node = this.make(KIND.CallExpression, e, { expression, questionDotToken, arguments: args });
                return this.adopt(node, expression, questionDotToken, args);
            }
            case 'NewExpression': {
                const expression = this.expression(e.callee);
                const args = this.arguments(e.arguments);
                return this.adopt(this.make(KIND.NewExpression, e, { expression, arguments: args }), expression, args);
            }
            case 'ImportExpression': {
                const expression = this.make(KIND.ImportKeyword, { start: e.start, end: e.start + 6 });
                const args = this.arguments(e.options ? [e.source, e.options] : [e.source]);
                return this.adopt(this.make(KIND.CallExpression, e, { expression, arguments: args }), expression, args);
            }
            case 'MetaProperty': {
                const name = this.identifier(e.property);
                const keywordToken = e.meta.name === 'new' ? KIND.NewKeyword : KIND.ImportKeyword;
                if (keywordToken === KIND.ImportKeyword) this.importMeta = true;
                return this.adopt(this.make(KIND.MetaProperty, e, { keywordToken, name }), name);
            }
            case 'AssignmentExpression': {
                const left = this.target(e.left);
                const right = this.expression(e.right);
                return this.binary(e, left, e.operator, right);
            }
            case 'BinaryExpression':
            case 'LogicalExpression': {
                const left = this.expression(e.left);
                const right = this.expression(e.right);
                return this.binary(e, left, e.operator, right);
            }
            case 'SequenceExpression': {
                let left = this.expression(e.expressions[0]!);
                for (const next of e.expressions.slice(1)) {
                    const right = this.expression(next);
                    left = this.binary({ start: e.start, end: right.end }, left, ',', right);
                }
                return left;
            }
            case 'UnaryExpression': {
                const operand = this.expression(e.argument);
                if (e.operator === 'typeof' || e.operator === 'void' || e.operator === 'delete') {
                    const kind =
                        e.operator === 'typeof'
                            ? KIND.TypeOfExpression
                            : e.operator === 'void'
                              ? KIND.VoidExpression
                              : KIND.DeleteExpression;
                    return this.adopt(this.make(kind, e, { expression: operand }), operand);
                }
                const operator = OPERATORS[e.operator];
                if (operator === undefined) throw new UnsupportedNode(`unary ${e.operator}`);
                return this.adopt(this.make(KIND.PrefixUnaryExpression, e, { operator, operand }), operand);
            }
            case 'UpdateExpression': {
                const operand = this.expression(e.argument);
                const operator = OPERATORS[e.operator]!;
                const kind = e.prefix ? KIND.PrefixUnaryExpression : KIND.PostfixUnaryExpression;
                return this.adopt(this.make(kind, e, { operator, operand }), operand);
            }
            case 'ConditionalExpression': {
                const condition = this.expression(e.test);
                const whenTrue = this.expression(e.consequent);
                const whenFalse = this.expression(e.alternate);
                return this.node(KIND.ConditionalExpression, e, { condition, whenTrue, whenFalse });
            }
            case 'AwaitExpression': {
                const expression = this.expression(e.argument);
                return this.node(KIND.AwaitExpression, e, { expression });
            }
            case 'YieldExpression': {
                const expression = this.optionalExpression(e.argument);
                const asteriskToken = e.delegate ? this.token(KIND.AsteriskToken, e.start) : undefined;
                return this.adopt(this.make(KIND.YieldExpression, e, { asteriskToken, expression }), expression);
            }
            case 'SpreadElement': {
                const expression = this.expression(e.argument);
                return this.node(KIND.SpreadElement, e, { expression });
            }
            case 'ArrayExpression': {
                const elements = e.elements.map((el, index, all) =>
                    el ? this.expression(el as Es) : this.omitted(all, index, loose(e))
                );
                return this.node(KIND.ArrayLiteralExpression, e, { elements });
            }
            case 'ObjectExpression': {
                const properties = e.properties.map((p) => this.objectMember(p as Es));
                return this.node(KIND.ObjectLiteralExpression, e, { properties });
            }
            case 'FunctionExpression':
                return this.functionLike(e, KIND.FunctionExpression);
            case 'ArrowFunctionExpression': {
                const mods = this.modifiers(e, [], { async: e.async });
                const parameters = this.parameters(e.params);
                const body = e.expression ? this.expression(e.body) : this.block(e.body as ES.FunctionBody);
                const equalsGreaterThanToken = this.token(KIND.EqualsGreaterThanToken, body.pos);
                const node = this.make(KIND.ArrowFunction, e, {
                    modifiers: mods,
                    parameters,
                    equalsGreaterThanToken,
                    body
                });
                return this.adopt(node, mods, parameters, body);
            }
            case 'ClassExpression':
                return this.classLike(e, KIND.ClassExpression);
            case 'TSAsExpression':
            case 'TSSatisfiesExpression': {
                const expression = this.expression(e.expression);
                const kind = e.type === 'TSAsExpression' ? KIND.AsExpression : KIND.SatisfiesExpression;
                return this.node(kind, e, { expression });
            }
            case 'TSNonNullExpression': {
                const expression = this.expression(e.expression);
                return this.node(KIND.NonNullExpression, e, { expression });
            }
            case 'TSTypeAssertion': {
                const expression = this.expression(e.expression);
                return this.node(KIND.TypeAssertionExpression, e, { expression });
            }
            case 'TSInstantiationExpression': {
                const expression = this.expression(e.expression);
                return this.node(KIND.ExpressionWithTypeArguments, e, { expression });
            }
            case 'JSXElement':
            case 'JSXFragment':
                return this.jsx(e);
            case 'ObjectPattern':
            case 'ArrayPattern':
            case 'AssignmentPattern':
                return this.target(e);
            default:
                throw new UnsupportedNode(e.type);
        }
    }

    private objectMember(p: Es): TreeNode {
        if (p.type === 'SpreadElement') {
            const expression = this.expression(p.argument);
            return this.node(KIND.SpreadAssignment, p, { expression });
        }
        if (p.type !== 'Property') throw new UnsupportedNode(p.type);
        const value = loose(p.value);
        if (p.kind === 'get' || p.kind === 'set' || p.method) {
            const f = value as unknown as ES.Function;
            const mods = this.modifiers(p, [], { async: f.async });
            const name = this.propertyName(p.key, p.computed);
            const parameters = this.parameters(f.params);
            const body = f.body ? this.block(f.body) : undefined;
            const kind =
                p.kind === 'get' ? KIND.GetAccessor : p.kind === 'set' ? KIND.SetAccessor : KIND.MethodDeclaration;
            const node = this.make(kind, p, {
                modifiers: mods,
                asteriskToken: f.generator ? this.token(KIND.AsteriskToken, p.start) : undefined,
                name,
                parameters,
                body
            });
            return this.adopt(node, mods, name, parameters, body);
        }
        if (p.shorthand) {
            const name = this.identifier(p.key as ES.IdentifierName);
            const objectAssignmentInitializer =
                value.type === 'AssignmentPattern' ? this.expression(value.right as Es) : undefined;
            return this.node(KIND.ShorthandPropertyAssignment, p, { name, objectAssignmentInitializer });
        }
        const name = this.propertyName(p.key, p.computed);
        const initializer = this.expression(value as unknown as Es);
        return this.node(KIND.PropertyAssignment, p, { name, initializer });
    }

    private template(t: ES.TemplateLiteral): TreeNode {
        const cooked = (q: ES.TemplateElement): string => q.value.cooked ?? q.value.raw;
        if (t.expressions.length === 0) {
            return this.make(KIND.NoSubstitutionTemplateLiteral, t, {
                text: cooked(t.quasis[0]!),
                rawText: t.quasis[0]!.value.raw
            });
        }
        // The compiler's head runs from the backtick to `${`, each span's literal from `}` to the next `${` or '`'.
        const head = this.make(
            KIND.TemplateHead,
            { start: t.start, end: t.quasis[0]!.end + 2 },
            { text: cooked(t.quasis[0]!), rawText: t.quasis[0]!.value.raw }
        );
        const templateSpans = t.expressions.map((expr, index) => {
            const expression = this.expression(expr);
            const q = t.quasis[index + 1]!;
            const last = index === t.expressions.length - 1;
            const literal = this.make(
                last ? KIND.TemplateTail : KIND.TemplateMiddle,
                { start: q.start - 1, end: last ? t.end : q.end + 2 },
                { text: cooked(q), rawText: q.value.raw }
            );
            return this.adopt(
                this.make(KIND.TemplateSpan, { start: expression.pos, end: literal.end }, { expression, literal }),
                expression,
                literal
            );
        });
        return this.node(KIND.TemplateExpression, t, { head, templateSpans });
    }

    /** JSX: the compiler's tag and attribute names are identifiers; what a phase reads is the code inside braces. */
    private jsx(e: Es): TreeNode {
        const n = loose(e);
        const kids: TreeNode[] = [];
        // A tag's name as the compiler reads it: an identifier, or a member access for `<ui.Button>`.
        const tagName = (name: Loose): TreeNode => {
            if (name.type === 'JSXMemberExpression') {
                const expression = tagName(loose(name.object));
                const member = this.identifier(loose(name.property) as unknown as ES.IdentifierName);
                const node = this.make(KIND.PropertyAccessExpression, name, { expression, name: member });
                return this.adopt(node, expression, member);
            }
            if (name.type === 'JSXNamespacedName') return this.make(KIND.JsxNamespacedName, name);
            if (name.name === 'this') return this.make(KIND.ThisKeyword, name);
            return this.identifier(name as unknown as ES.IdentifierName);
        };
        const visitName = (name: Loose): void => {
            kids.push(tagName(name));
        };
        const child = (c: Loose): void => {
            switch (c.type) {
                case 'JSXText':
                    kids.push(this.make(KIND.JsxText, c, { text: c.value }));
                    return;
                case 'JSXElement':
                case 'JSXFragment':
                    kids.push(this.jsx(c as unknown as Es));
                    return;
                case 'JSXExpressionContainer':
                case 'JSXSpreadChild': {
                    const inner = loose(c.expression);
                    const expression =
                        inner.type === 'JSXEmptyExpression' ? undefined : this.expression(inner as unknown as Es);
                    kids.push(this.node(KIND.JsxExpression, c, { expression }));
                    return;
                }
                case 'StringLiteral':
                case 'Literal':
                    kids.push(this.literal(c as unknown as Es));
                    return;
                default:
                    throw new UnsupportedNode(c.type);
            }
        };
        if (n.type === 'JSXElement') {
            const opening = loose(n.openingElement);
            visitName(loose(opening.name));
            for (const a of opening.attributes as Loose[]) {
                if (a.type === 'JSXSpreadAttribute') {
                    const expression = this.expression(a.argument as Es);
                    kids.push(this.node(KIND.JsxSpreadAttribute, a, { expression }));
                    continue;
                }
                const attributeKids: TreeNode[] = [];
                const name = loose(a.name);
                const nameNode =
                    name.type === 'JSXIdentifier'
                        ? this.identifier(name as unknown as ES.IdentifierName)
                        : this.make(KIND.JsxNamespacedName, name);
                attributeKids.push(nameNode);
                const saved = kids.length;
                if (a.value) child(loose(a.value));
                const initializer = kids.length > saved ? kids.pop() : undefined;
                if (initializer) attributeKids.push(initializer);
                kids.push(this.adopt(this.make(KIND.JsxAttribute, a, { name: nameNode, initializer }), attributeKids));
            }
        }
        for (const c of n.children as Loose[]) child(c);
        // The closing tag's name too, as the compiler's walk visits it.
        const closing = n.closingElement as Loose | null | undefined;
        if (closing) visitName(loose(closing.name));
        return this.adopt(this.make(KIND.JsxElement, n), kids);
    }
}

/** White space and line breaks, as the compiler's scanner skips them between tokens. */
function isTrivia(c: number): boolean {
    return (
        c === 32 ||
        c === 9 ||
        c === 10 ||
        c === 13 ||
        c === 11 ||
        c === 12 ||
        c === 0xa0 ||
        c === 0xfeff ||
        (c > 127 && /\s/.test(String.fromCharCode(c)))
    );
}

/** A construct the conversion does not know: the unit is parsed by the compiler instead. */
class UnsupportedNode extends Error {
    constructor(type: string) {
        super(`no conversion for ${type}`);
    }
}

/**
 * The depth of recursion oxc's native parser can take is bounded by the thread's stack, and past it the process
 * dies (a nesting of about 5,000 object literals, or 20,000 labels, on Linux's 8 MB). Brackets, `?`, `=`, `<`
 * and backticks can each open a level (weighted by the deepest-costing of them, object literals); any other
 * character at most half a level. Past half that budget the compiler parses the unit, which stops cleanly.
 */
export function withinNativeDepth(text: string): boolean {
    let heavy = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        // ( [ { ? = < `
        if (c === 40 || c === 91 || c === 123 || c === 63 || c === 61 || c === 60 || c === 96) heavy++;
    }
    return heavy / 5000 + text.length / 40_000 <= 0.5;
}

export type OxcParser = typeof Oxc;

/** The oxc `lang` for a unit: plain JavaScript is read with JSX, as the compiler reads a `.js` file. */
function oxcLang(language: Language): 'jsx' | 'ts' | 'tsx' {
    return language === 'ts' ? 'ts' : language === 'tsx' ? 'tsx' : 'jsx';
}

/**
 * `text` parsed by oxc and converted, or undefined when oxc reports a syntax error, the text is too deep for it
 * (see `withinNativeDepth`) or holds a construct the conversion does not know: the caller then uses the compiler.
 */
export function parseWithOxc(
    oxc: OxcParser,
    fileName: string,
    text: string,
    language: Language
): TS.SourceFile | undefined {
    if (!withinNativeDepth(text)) return undefined;
    const result = oxc.parseSync(fileName, text, { lang: oxcLang(language), sourceType: 'unambiguous' });
    if (result.errors.length > 0) return undefined;
    try {
        const program = result.program;
        return new Converter(text, result.comments, program.hashbang).program(
            program,
            fileName
        ) as unknown as TS.SourceFile;
    } catch (error) {
        if (error instanceof UnsupportedNode || error instanceof RangeError) return undefined;
        throw error;
    }
}
