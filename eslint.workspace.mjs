// The ESLint setup of a TypeScript workspace (connector, contracts...): typescript-eslint's type-aware rules on
// source and tests, with the project's conventions. A workspace's eslint.config.js calls it with its own folder and
// adds what is special to it.
import tseslint from 'typescript-eslint';

/**
 * @param {string} dir the workspace folder (import.meta.dirname of its eslint.config.js)
 * @param {import('typescript-eslint').ConfigArray} [extra] workspace-specific blocks
 */
export function workspaceConfig(dir, extra = []) {
    return tseslint.config(
        { ignores: ['node_modules/**', 'coverage/**', 'dist/**'] },
        ...tseslint.configs.recommendedTypeChecked,
        {
            languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dir } },
            rules: {
                '@typescript-eslint/consistent-type-imports': 'error',
                '@typescript-eslint/explicit-module-boundary-types': 'error',
                '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
                eqeqeq: ['error', 'smart']
            }
        },
        ...extra,
        // node:test's describe/it return promises the runner itself awaits.
        { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-floating-promises': 'off' } },
        { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked }
    );
}
