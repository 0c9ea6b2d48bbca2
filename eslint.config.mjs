// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/dist-firefox/**', '**/artifacts/**', '**/node_modules/**', 'coverage/**', 'bench/**', '**/*.d.ts', 'eslint.config.mjs', 'jest.config.js', 'backend/scripts/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      // The contract's build leaves its specs out; they are checked in the default project.
      parserOptions: { projectService: { allowDefaultProject: ['shared/src/*.spec.ts'], defaultProject: 'tsconfig.base.json' }, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest modules are classes with decorators and no members.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // Controllers return plain objects typed by their response DTO classes, which exist for Swagger.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // `() => void promise` and `(x) => set(x)` callbacks read better than blocks.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidOperator: true }],
    },
  },
  {
    // The contract imports nothing of either side.
    files: ['shared/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/backend/**', '**/extension/**', '@nestjs/*'] }] },
  },
  {
    // The browser facade knows nothing of the worker.
    files: ['extension/src/platform/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/background/**'] }] },
  },
  {
    // Chromium and Firefox differ only inside the platform facade; nothing else names a browser's API.
    files: ['extension/src/**'],
    ignores: ['extension/src/platform/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'Call extension APIs through extension/src/platform.' },
        { name: 'browser', message: 'Call extension APIs through extension/src/platform.' },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'webextension-polyfill', message: 'Call extension APIs through extension/src/platform.' }] },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: {
      // Tests read JSON answers and assert on them; their shape is the assertion, not a type.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
