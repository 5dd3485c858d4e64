// Apex reserved keywords: "can only be used as keywords" (Apex Developer Guide, Reserved Keywords,
// https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_reserved_words.htm). The parsers the
// gate uses accept some of them as names (`String number`, `Rule any`); the Apex compiler rejects them with
// "Identifier name is reserved". after, before, count, excludes, first, includes, last, order, sharing and with are
// keywords that may be used as names, so they are not listed.
const RESERVED = new Set(
    `abstract activate and any array as asc autonomous begin bigdecimal blob boolean break bulk by byte case cast catch
    char class collect commit const continue currency date datetime decimal default delete desc do double else end enum
    exception exit export extends false final finally float for from global goto group having hint if implements import
    in inner insert instanceof int integer interface into join like limit list long loop map merge new not null nulls
    number object of on or outer override package parallel pragma private protected public retrieve return rollback
    select set short sobject sort static string super switch synchronized system testmethod then this throw time
    transaction trigger true try undelete update upsert using virtual void webservice when where while`
        .split(/\s+/)
        .filter(Boolean)
);

/**
 * Reserved words the compiler accepts in some declarations, with the evidence. `exception` names global methods of
 * Nebula Logger (Logger.exception(...), core package 4.19), a published package that deploys.
 */
const ACCEPTED_AS = { exception: new Set(['MethodDeclarationContext']) };

/** Declarations whose name is the IdContext child: variables, parameters, fields, properties, methods, classes. */
const DECLARATIONS = new Set([
    'VariableDeclaratorContext',
    'FormalParameterContext',
    'EnhancedForControlContext',
    'PropertyDeclarationContext',
    'MethodDeclarationContext',
    'ClassDeclarationContext',
    'InterfaceDeclarationContext',
    'EnumDeclarationContext'
]);

/**
 * Names declared with a reserved keyword in a parsed Apex file.
 * @param {any} tree the parse tree of parseApexFile
 * @returns {{ line: number, column: number, name: string }[]}
 */
export function reservedNames(tree) {
    const found = [];
    const visit = (node) => {
        for (const child of node?.children ?? []) {
            if (DECLARATIONS.has(child.constructor?.name)) {
                const id = (child.children ?? []).find((c) => c.constructor?.name === 'IdContext');
                const name = id?.getText() ?? '';
                const word = name.toLowerCase();
                if (RESERVED.has(word) && !ACCEPTED_AS[word]?.has(child.constructor.name))
                    found.push({ line: id.start.line, column: id.start.column + 1, name });
            }
            visit(child);
        }
    };
    visit(tree);
    return found;
}
