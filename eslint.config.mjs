/**
 * ESLint (flat config): the rules of the JupyterLab extension template, typescript-eslint,
 * the rules of hooks, and no `any`. Formatting is prettier's (`jlpm lint:check` runs both).
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'lib/**',
      'dist/**',
      'coverage/**',
      'jupyter_smstudio/**',
      'ui-tests/test-results/**',
      'ui-tests/playwright-report/**',
      '.venv/**',
      // generated from the Python models by `jlpm gen:types`
      'src/core/generated/**'
    ]
  },
  {
    files: ['src/**/*.{ts,tsx}', 'ui-tests/tests/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended, prettier],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      '@typescript-eslint/naming-convention': [
        'error',
        {
          selector: 'interface',
          format: ['PascalCase'],
          custom: { regex: '^I[A-Z]', match: true }
        }
      ],
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-use-before-define': 'off',
      curly: ['error', 'all'],
      eqeqeq: 'error',
      'prefer-arrow-callback': 'error',
      'react-hooks/rules-of-hooks': 'error',
      // `usePlot(plot, deps)` takes its dependencies the way useEffect does
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^usePlot$' }]
    }
  }
);
