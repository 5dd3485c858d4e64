// The stand-in for the part of the TypeScript compiler's API that the JavaScript analysis calls (js/collect.ts,
// js/solve.ts, ...), over the trees js/oxc-tree.ts converts from oxc's: the compiler's kind names (numbered here, in
// the compiler's order where it matters: tokens first, assignments together), its `NodeFlags` values, and the
// predicates and walks the phases use. A unit the compiler parsed is analysed with the compiler itself.

/** Token kinds (`kind <= LastToken`, as in the compiler): literals, punctuation, identifiers and keywords. */
const TOKEN_KINDS = [
    'Unknown',
    'NumericLiteral',
    'BigIntLiteral',
    'StringLiteral',
    'JsxText',
    'RegularExpressionLiteral',
    'NoSubstitutionTemplateLiteral',
    'TemplateHead',
    'TemplateMiddle',
    'TemplateTail',
    'OpenBraceToken',
    'CloseBraceToken',
    'OpenParenToken',
    'CloseParenToken',
    'OpenBracketToken',
    'CloseBracketToken',
    'DotToken',
    'DotDotDotToken',
    'CommaToken',
    'QuestionDotToken',
    'LessThanToken',
    'GreaterThanToken',
    'LessThanEqualsToken',
    'GreaterThanEqualsToken',
    'EqualsEqualsToken',
    'ExclamationEqualsToken',
    'EqualsEqualsEqualsToken',
    'ExclamationEqualsEqualsToken',
    'EqualsGreaterThanToken',
    'PlusToken',
    'MinusToken',
    'AsteriskToken',
    'AsteriskAsteriskToken',
    'SlashToken',
    'PercentToken',
    'PlusPlusToken',
    'MinusMinusToken',
    'LessThanLessThanToken',
    'GreaterThanGreaterThanToken',
    'GreaterThanGreaterThanGreaterThanToken',
    'AmpersandToken',
    'BarToken',
    'CaretToken',
    'ExclamationToken',
    'TildeToken',
    'AmpersandAmpersandToken',
    'BarBarToken',
    'QuestionToken',
    'ColonToken',
    'QuestionQuestionToken',
    // Assignments, together (FirstAssignment..LastAssignment).
    'EqualsToken',
    'PlusEqualsToken',
    'MinusEqualsToken',
    'AsteriskEqualsToken',
    'AsteriskAsteriskEqualsToken',
    'SlashEqualsToken',
    'PercentEqualsToken',
    'LessThanLessThanEqualsToken',
    'GreaterThanGreaterThanEqualsToken',
    'GreaterThanGreaterThanGreaterThanEqualsToken',
    'AmpersandEqualsToken',
    'BarEqualsToken',
    'BarBarEqualsToken',
    'AmpersandAmpersandEqualsToken',
    'QuestionQuestionEqualsToken',
    'CaretEqualsToken',
    'Identifier',
    'PrivateIdentifier',
    'InKeyword',
    'InstanceOfKeyword',
    'ThisKeyword',
    'SuperKeyword',
    'NullKeyword',
    'TrueKeyword',
    'FalseKeyword',
    'ImportKeyword',
    'NewKeyword',
    'ExportKeyword',
    'DefaultKeyword',
    'DeclareKeyword',
    'AsyncKeyword',
    'StaticKeyword',
    'PublicKeyword',
    'PrivateKeyword',
    'ProtectedKeyword',
    'ReadonlyKeyword',
    'AbstractKeyword',
    'OverrideKeyword',
    'AccessorKeyword',
    'ConstKeyword',
    'ExtendsKeyword',
    'ImplementsKeyword'
] as const;

/** Node kinds that are not expressions, after the tokens. */
const OTHER_NODE_KINDS = [
    'SourceFile',
    'Block',
    'EmptyStatement',
    'VariableStatement',
    'VariableDeclarationList',
    'VariableDeclaration',
    'ExpressionStatement',
    'IfStatement',
    'DoStatement',
    'WhileStatement',
    'ForStatement',
    'ForInStatement',
    'ForOfStatement',
    'ContinueStatement',
    'BreakStatement',
    'ReturnStatement',
    'WithStatement',
    'SwitchStatement',
    'CaseBlock',
    'CaseClause',
    'DefaultClause',
    'LabeledStatement',
    'ThrowStatement',
    'TryStatement',
    'CatchClause',
    'DebuggerStatement',
    'FunctionDeclaration',
    'ClassDeclaration',
    'InterfaceDeclaration',
    'TypeAliasDeclaration',
    'EnumDeclaration',
    'EnumMember',
    'ModuleDeclaration',
    'ModuleBlock',
    'ImportEqualsDeclaration',
    'ImportDeclaration',
    'ImportClause',
    'NamespaceImport',
    'NamedImports',
    'ImportSpecifier',
    'ExportAssignment',
    'ExportDeclaration',
    'NamedExports',
    'NamespaceExport',
    'ExportSpecifier',
    'NamespaceExportDeclaration',
    'Parameter',
    'Decorator',
    'ObjectBindingPattern',
    'ArrayBindingPattern',
    'BindingElement',
    'PropertyDeclaration',
    'MethodDeclaration',
    'Constructor',
    'GetAccessor',
    'SetAccessor',
    'ClassStaticBlockDeclaration',
    'IndexSignature',
    'HeritageClause',
    'ComputedPropertyName',
    'PropertyAssignment',
    'ShorthandPropertyAssignment',
    'SpreadAssignment',
    'TemplateSpan',
    'JsxAttribute',
    'JsxSpreadAttribute',
    'JsxExpression',
    'JsxNamespacedName'
] as const;

/** Node kinds that are expressions (the compiler's `isExpression`, with the expression tokens below). */
const EXPRESSION_NODE_KINDS = [
    'OmittedExpression',
    'ArrayLiteralExpression',
    'ObjectLiteralExpression',
    'PropertyAccessExpression',
    'ElementAccessExpression',
    'CallExpression',
    'NewExpression',
    'TaggedTemplateExpression',
    'TypeAssertionExpression',
    'ParenthesizedExpression',
    'FunctionExpression',
    'ArrowFunction',
    'DeleteExpression',
    'TypeOfExpression',
    'VoidExpression',
    'AwaitExpression',
    'PrefixUnaryExpression',
    'PostfixUnaryExpression',
    'BinaryExpression',
    'ConditionalExpression',
    'TemplateExpression',
    'YieldExpression',
    'SpreadElement',
    'ClassExpression',
    'AsExpression',
    'NonNullExpression',
    'SatisfiesExpression',
    'MetaProperty',
    'ExpressionWithTypeArguments',
    'JsxElement'
] as const;

const NODE_KINDS = [...OTHER_NODE_KINDS, ...EXPRESSION_NODE_KINDS] as const;

type KindName = (typeof TOKEN_KINDS)[number] | (typeof NODE_KINDS)[number];

export const KIND = {} as Record<KindName, number>;
[...TOKEN_KINDS, ...NODE_KINDS].forEach((name, index) => {
    KIND[name] = index;
});

const SYNTAX_KIND: Record<string, number> = {
    ...KIND,
    FirstAssignment: KIND.EqualsToken,
    LastAssignment: KIND.CaretEqualsToken,
    LastToken: KIND.ImplementsKeyword
};

/** The compiler's `NodeFlags` that the phases read, with the compiler's values. */
export const NODE_FLAGS = { None: 0, Let: 1, Const: 2, Using: 4, AwaitUsing: 6, BlockScoped: 7 } as const;

const EXPRESSION_KINDS = new Set<number>(
    (
        [
            'NumericLiteral',
            'BigIntLiteral',
            'StringLiteral',
            'RegularExpressionLiteral',
            'NoSubstitutionTemplateLiteral',
            'Identifier',
            'PrivateIdentifier',
            'ThisKeyword',
            'SuperKeyword',
            'NullKeyword',
            'TrueKeyword',
            'FalseKeyword',
            'ImportKeyword',
            ...EXPRESSION_NODE_KINDS
        ] as const
    ).map((name) => KIND[name])
);

/** A node as the stand-in reads it: its kind, its children in source order, its modifiers. */
interface StandInNode {
    kind: number;
    kids?: StandInNode[];
    modifiers?: StandInNode[];
}

const is =
    (kind: number) =>
    (node: { kind: number } | undefined): boolean =>
        node?.kind === kind;

/**
 * The part of the compiler's API the phases call, for converted trees: the same names, over `StandInNode`s. A unit
 * parsed by the compiler is analysed with the compiler itself (js/model.ts `useCompiler`).
 */
export const oxcCompiler = {
    SyntaxKind: SYNTAX_KIND,
    NodeFlags: NODE_FLAGS,
    forEachChild<T>(node: { kids?: StandInNode[] }, visit: (child: StandInNode) => T): T | undefined {
        for (const child of node.kids ?? []) {
            const result = visit(child);
            if (result) return result;
        }
        return undefined;
    },
    getModifiers(node: { modifiers?: StandInNode[] }): StandInNode[] | undefined {
        const modifiers = node.modifiers?.filter((m) => m.kind !== KIND.Decorator);
        return modifiers && modifiers.length > 0 ? modifiers : undefined;
    },
    canHaveModifiers: (node: { modifiers?: unknown }): boolean => node.modifiers !== undefined,
    isExpression: (node: { kind: number }): boolean => EXPRESSION_KINDS.has(node.kind),
    isClassLike: (node: { kind: number } | undefined): boolean =>
        node?.kind === KIND.ClassDeclaration || node?.kind === KIND.ClassExpression,
    // No type node is converted (ExpressionWithTypeArguments, which the compiler counts as one, is always
    // excepted where this is asked).
    isTypeNode: (): boolean => false,
    isExternalModule: (sf: { externalModuleIndicator?: unknown }): boolean => sf.externalModuleIndicator !== undefined,
    isIdentifier: is(KIND.Identifier),
    isPrivateIdentifier: is(KIND.PrivateIdentifier),
    isStringLiteral: is(KIND.StringLiteral),
    isNumericLiteral: is(KIND.NumericLiteral),
    isNoSubstitutionTemplateLiteral: is(KIND.NoSubstitutionTemplateLiteral),
    isTemplateExpression: is(KIND.TemplateExpression),
    isPropertyAccessExpression: is(KIND.PropertyAccessExpression),
    isElementAccessExpression: is(KIND.ElementAccessExpression),
    isCallExpression: is(KIND.CallExpression),
    isNewExpression: is(KIND.NewExpression),
    isBinaryExpression: is(KIND.BinaryExpression),
    isPrefixUnaryExpression: is(KIND.PrefixUnaryExpression),
    isConditionalExpression: is(KIND.ConditionalExpression),
    isParenthesizedExpression: is(KIND.ParenthesizedExpression),
    isNonNullExpression: is(KIND.NonNullExpression),
    isAsExpression: is(KIND.AsExpression),
    isTypeAssertionExpression: is(KIND.TypeAssertionExpression),
    isSatisfiesExpression: is(KIND.SatisfiesExpression),
    isAwaitExpression: is(KIND.AwaitExpression),
    isSpreadElement: is(KIND.SpreadElement),
    isObjectLiteralExpression: is(KIND.ObjectLiteralExpression),
    isArrayLiteralExpression: is(KIND.ArrayLiteralExpression),
    isPropertyAssignment: is(KIND.PropertyAssignment),
    isShorthandPropertyAssignment: is(KIND.ShorthandPropertyAssignment),
    isSpreadAssignment: is(KIND.SpreadAssignment),
    isFunctionExpression: is(KIND.FunctionExpression),
    isArrowFunction: is(KIND.ArrowFunction),
    isFunctionDeclaration: is(KIND.FunctionDeclaration),
    isMethodDeclaration: is(KIND.MethodDeclaration),
    isConstructorDeclaration: is(KIND.Constructor),
    isGetAccessorDeclaration: is(KIND.GetAccessor),
    isSetAccessorDeclaration: is(KIND.SetAccessor),
    isPropertyDeclaration: is(KIND.PropertyDeclaration),
    isClassDeclaration: is(KIND.ClassDeclaration),
    isClassExpression: is(KIND.ClassExpression),
    isHeritageClause: is(KIND.HeritageClause),
    isExpressionWithTypeArguments: is(KIND.ExpressionWithTypeArguments),
    isInterfaceDeclaration: is(KIND.InterfaceDeclaration),
    isTypeAliasDeclaration: is(KIND.TypeAliasDeclaration),
    isVariableStatement: is(KIND.VariableStatement),
    isVariableDeclarationList: is(KIND.VariableDeclarationList),
    isVariableDeclaration: is(KIND.VariableDeclaration),
    isParameter: is(KIND.Parameter),
    isBindingElement: is(KIND.BindingElement),
    isObjectBindingPattern: is(KIND.ObjectBindingPattern),
    isExpressionStatement: is(KIND.ExpressionStatement),
    isReturnStatement: is(KIND.ReturnStatement),
    isBlock: is(KIND.Block),
    isCaseBlock: is(KIND.CaseBlock),
    isCatchClause: is(KIND.CatchClause),
    isForStatement: is(KIND.ForStatement),
    isForInStatement: is(KIND.ForInStatement),
    isForOfStatement: is(KIND.ForOfStatement),
    isSourceFile: is(KIND.SourceFile),
    isImportDeclaration: is(KIND.ImportDeclaration),
    isNamespaceImport: is(KIND.NamespaceImport),
    isExportDeclaration: is(KIND.ExportDeclaration),
    isExportAssignment: is(KIND.ExportAssignment),
    isNamespaceExport: is(KIND.NamespaceExport)
};
