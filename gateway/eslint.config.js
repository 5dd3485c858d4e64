// ESLint 9 flat config for this workspace: the shared TypeScript workspace rules (../eslint.workspace.mjs).
import tseslint from 'typescript-eslint';
import { workspaceConfig } from '../eslint.workspace.mjs';

export default workspaceConfig(import.meta.dirname, [
    // The worker bootstrap is plain JavaScript by necessity (it registers the TypeScript loader): linted untyped.
    { files: ['src/**/*.mjs'], ...tseslint.configs.disableTypeChecked }
]);
