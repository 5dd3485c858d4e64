// ESLint for the scanner workspace: typescript-eslint's type-aware rules on TypeScript, ESLint's recommended rules
// on the JavaScript entry point. Fixtures are scanner input (some deliberately broken) and are not linted.
import eslintJs from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['test/fixtures/**', 'coverage/**', 'node_modules/**'] },
    {
        files: ['**/*.ts'],
        extends: [eslintJs.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
            globals: globals.node
        },
        rules: {
            '@typescript-eslint/consistent-type-imports': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
            '@typescript-eslint/no-non-null-assertion': 'off'
        }
    },
    {
        // node:test's describe/it return promises the runner awaits itself.
        files: ['test/**/*.ts'],
        rules: { '@typescript-eslint/no-floating-promises': 'off' }
    },
    {
        files: ['**/*.js'],
        extends: [eslintJs.configs.recommended],
        languageOptions: { globals: globals.node, sourceType: 'module' }
    }
);
