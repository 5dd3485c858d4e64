// ESLint for the subscriber: plain ES modules on Node, ESLint's recommended rules.
import eslintJs from '@eslint/js';
import globals from 'globals';

export default [
    { ignores: ['node_modules/**', 'coverage/**'] },
    {
        ...eslintJs.configs.recommended,
        languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: globals.node },
        rules: {
            ...eslintJs.configs.recommended.rules,
            'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
            eqeqeq: ['error', 'smart']
        }
    }
];
