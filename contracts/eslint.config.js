// ESLint 9 flat config for this workspace: typescript-eslint's type-aware rules on source and tests.
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['node_modules/**', 'coverage/**', 'dist/**'] },
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            '@typescript-eslint/consistent-type-imports': 'error',
            '@typescript-eslint/explicit-module-boundary-types': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
            eqeqeq: ['error', 'smart']
        }
    },
    // node:test's describe/it return promises the runner itself awaits.
    { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-floating-promises': 'off' } },
    { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked }
);
