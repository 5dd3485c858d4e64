// ESLint 9 flat config for this workspace: the shared TypeScript workspace rules (../eslint.workspace.mjs).
import { workspaceConfig } from '../eslint.workspace.mjs';

export default workspaceConfig(import.meta.dirname);
