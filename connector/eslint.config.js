// ESLint 9 flat config for this workspace: the shared TypeScript workspace rules (../eslint.workspace.mjs), plus the
// static side of the duplicate-event guard.
import { workspaceConfig } from '../eslint.workspace.mjs';

export default workspaceConfig(import.meta.dirname, [
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
                                'Import from src/sdk.ts, the one typed binding of the library (its types are fixed there).'
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
    }
]);
