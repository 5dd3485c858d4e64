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
    // Static side of the duplicate-event guard: the library is reached only through src/sdk.ts, and its
    // publishEvent only from the connector's single guarded publish path.
    {
        files: ['src/**/*.ts'],
        ignores: ['src/sdk.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    paths: [
                        {
                            name: '@salesforce/scv-connector-base',
                            message:
                                'Import from src/sdk.ts, the one typed binding (a 4.x move then touches one module).'
                        }
                    ]
                }
            ]
        }
    },
    {
        files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
        ignores: ['src/sdk.ts'],
        rules: {
            'no-restricted-syntax': [
                'error',
                {
                    selector:
                        "MemberExpression[property.name='publishEvent'], ImportSpecifier[imported.name='publishEvent']",
                    message: 'Publish only through SwitchboardConnector#publish: the guarded single path to Salesforce.'
                }
            ]
        }
    },
    // node:test's describe/it return promises the runner itself awaits.
    { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-floating-promises': 'off' } },
    { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked }
);
