// ESLint 9 flat config for the whole repository.
// - LWC JavaScript and TypeScript: Salesforce's LWC rules (@salesforce/eslint-config-lwc).
// - LWC TypeScript additionally: typescript-eslint's type-aware rules, through its parser.
// - Generated .js beside a .ts is not linted: the .ts is the source a person edits.
// - Node tooling (tools/, scripts/, config files): ESLint's recommended rules with Node globals.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const lwcConfig = require('@salesforce/eslint-config-lwc');
const tseslint = require('typescript-eslint');
const eslintJs = require('@eslint/js');
const globals = require('globals');

const LWC_JS = ['**/lwc/**/*.js', 'jest-mocks/**/*.js'];
const LWC_TS = ['**/lwc/**/*.ts'];
const TESTS = ['**/__tests__/**/*.{js,ts}', 'jest-mocks/**/*.js'];
const NODE_FILES = ['tools/**/*.{js,mjs,cjs}', 'scripts/**/*.{js,mjs,cjs}', '*.{js,mjs,cjs}'];

/** Every `x.js` that has a sibling `x.ts` under an lwc folder: compiler output, ignored. */
function generatedJavaScript(root) {
    const found = [];
    const walk = (dir) => {
        let entries;
        try {
            entries = fs.readdirSync(dir, { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) {
            if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (
                entry.name.endsWith('.ts') &&
                !entry.name.endsWith('.d.ts') &&
                full.includes(`${path.sep}lwc${path.sep}`)
            ) {
                found.push(path.relative(root, full.replace(/\.ts$/, '.js')).split(path.sep).join('/'));
            }
        }
    };
    walk(path.join(root, 'force-app'));
    return found;
}

const withFiles = (configs, files) => configs.map((config) => ({ ...config, files }));

/** The configuration for a project rooted at `root` (this repository, or a gate test fixture). */
function forProject(root) {
    return [
        {
            ignores: [
                '**/node_modules/**',
                '**/dist/**',
                'coverage/**',
                '.sf/**',
                '.sfdx/**',
                'tools/gate/test/fixtures/**',
                'tools/gate/test/.work/**',
                ...generatedJavaScript(root)
            ]
        },

        // LWC JavaScript (hand-written components, jest tests, jest mocks)
        ...withFiles(lwcConfig.configs.recommended, LWC_JS),

        // LWC TypeScript: the LWC rules, parsed by typescript-eslint so its type-aware rules can run
        ...withFiles(lwcConfig.configs.recommended, LWC_TS),
        ...withFiles(tseslint.configs.recommendedTypeChecked, LWC_TS),
        {
            files: LWC_TS,
            languageOptions: {
                parser: tseslint.parser,
                parserOptions: { project: './tsconfig.json', tsconfigRootDir: root }
            },
            rules: {
                // The TypeScript compiler reports these with full type information.
                'no-undef': 'off',
                'no-unused-vars': 'off',
                'no-shadow': 'off',
                'no-use-before-define': 'off',
                'import/named': 'off',
                'import/namespace': 'off',
                'import/default': 'off',
                'import/no-unresolved': 'off',
                '@typescript-eslint/no-shadow': 'error',
                '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
                '@typescript-eslint/consistent-type-imports': 'error',
                '@typescript-eslint/explicit-module-boundary-types': 'error'
            }
        },

        // Layout is Prettier's job; this stylistic rule contradicts how Prettier breaks long arrow functions.
        { files: [...LWC_JS, ...LWC_TS], rules: { 'no-confusing-arrow': 'off' } },

        // Tests and mocks run under jest, in Node
        {
            files: TESTS,
            languageOptions: { globals: { ...globals.node, ...globals.jest } },
            rules: {
                '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
                // tests flush the microtask queue with setTimeout and replay events one after another on purpose
                '@lwc/lwc/no-async-operation': 'off',
                'no-await-in-loop': 'off'
            }
        },

        // Node tooling
        { ...eslintJs.configs.recommended, files: NODE_FILES },
        {
            files: NODE_FILES,
            languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
            rules: {
                'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
                eqeqeq: ['error', 'smart']
            }
        },
        {
            files: ['*.js', '**/*.cjs'],
            languageOptions: { sourceType: 'commonjs' }
        }
    ];
}

module.exports = forProject(__dirname);
module.exports.forProject = forProject;
