// ESLint for the scanner workspace: typescript-eslint's type-aware rules on the sources, its plain recommended
// rules on tests (type-aware linting of every test file doubles the lint time for little gain), ESLint's
// recommended rules on the JavaScript entry point. Fixtures are scanner input (some deliberately broken): not linted.
import eslintJs from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['test/fixtures/**', 'coverage/**', 'node_modules/**', 'dist/**'] },
    {
        files: ['src/**/*.ts', 'bench/**/*.ts'],
        extends: [eslintJs.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
        languageOptions: {
            parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
            globals: globals.node
        },
        rules: {
            '@typescript-eslint/consistent-type-imports': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
            '@typescript-eslint/no-non-null-assertion': 'off'
        }
    },
    {
        files: ['test/**/*.ts'],
        extends: [eslintJs.configs.recommended, ...tseslint.configs.recommended],
        languageOptions: { globals: globals.node },
        rules: {
            '@typescript-eslint/consistent-type-imports': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
        }
    },
    {
        files: ['**/*.js'],
        extends: [eslintJs.configs.recommended],
        languageOptions: { globals: globals.node, sourceType: 'module' }
    }
);
