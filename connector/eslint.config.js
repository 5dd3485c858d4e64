// ESLint 9 flat config for this workspace: the shared TypeScript workspace rules (../eslint.workspace.mjs), plus the
// static side of the duplicate-event guard.
import { workspaceConfig } from '../eslint.workspace.mjs';

export default workspaceConfig(import.meta.dirname, [
    // Static side of the duplicate-event guard: the library is reached only through src/sdk.ts, and its
    // publishEvent only from src/publisher.ts, the connector's single guarded publish path.
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
    // publishEvent and publishError are named in one file besides the binding: src/publisher.ts, the single path.
    {
        files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
        ignores: ['src/sdk.ts', 'src/publisher.ts'],
        rules: {
            'no-restricted-syntax': [
                'error',
                {
                    selector:
                        'MemberExpression[property.name=/^publish(Event|Error)$/], ImportSpecifier[imported.name=/^publish(Event|Error)$/]',
                    message:
                        'Publish only through src/publisher.ts (Publisher#publish): the guarded single path to Salesforce.'
                }
            ]
        }
    }
]);
