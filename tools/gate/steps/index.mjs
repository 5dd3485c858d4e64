// The gate's steps, in the order the README describes them. `validate` runs all but the last.
// Titles live here so the runner prints them without loading a step (each pulls in heavy tools: ESLint, Prettier,
// source-deploy-retrieve...). `load` is a literal import() per step, so editors and bundlers can follow it; only
// step.mjs calls it, in the step's own process.
// `cached: true`: a passing result is reused while nothing in the repository changed (step.mjs); the unit tests are
// not, since they also depend on what is outside the tree (browsers, a database, timing) and cache their parts.
export const STEPS = [
    {
        id: 'types',
        number: 1,
        title: 'TypeScript type-check, build check, LWC compile',
        cached: true,
        load: () => import('./types.mjs')
    },
    { id: 'lint', number: 2, title: 'ESLint (LWC + TypeScript rules)', cached: true, load: () => import('./lint.mjs') },
    {
        id: 'format',
        number: 3,
        title: 'Prettier (Apex, XML, LWC HTML, TS/JS)',
        cached: true,
        load: () => import('./format.mjs')
    },
    {
        id: 'apex',
        number: 4,
        title: 'Apex syntax and semantics (apex-parser, apex-ls)',
        cached: true,
        load: () => import('./apex.mjs')
    },
    {
        id: 'xml',
        number: 5,
        title: 'Metadata XML against the Metadata API XSD (xmllint)',
        cached: true,
        load: () => import('./xml.mjs')
    },
    {
        id: 'source',
        number: 6,
        title: 'Source resolves to metadata (source-deploy-retrieve), project config',
        cached: true,
        load: () => import('./source.mjs')
    },
    {
        id: 'schema',
        number: 7,
        title: 'References (objects, fields, components exist), platform fidelity',
        cached: true,
        load: () => import('./schema.mjs')
    },
    {
        id: 'analyze',
        number: 8,
        title: 'Code Analyzer (PMD, Flow engine) and Lightning Flow Scanner',
        cached: true,
        load: () => import('./analyze.mjs')
    },
    {
        id: 'unit',
        number: 9,
        title: 'Unit tests (Jest for LWC, workspaces, gate self-tests)',
        cached: false,
        load: () => import('./unit.mjs')
    }
];
export const VALIDATE_STEPS = STEPS.filter((s) => s.id !== 'unit').map((s) => s.id);
