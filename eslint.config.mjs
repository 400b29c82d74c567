import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      // Only libs/messaging may talk to kafkajs; everything else goes through our interface.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'kafkajs', message: 'Use @samenspel/messaging.' }] },
      ],
    },
  },
  {
    files: ['libs/messaging/**', 'libs/testing/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Domain rules and the contracts know nothing of HTTP: they throw the domain errors of
    // @samenspel/contracts, and libs/http's problem mapper alone turns them into statuses.
    files: ['apps/*/src/domain/**', 'libs/contracts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kafkajs', message: 'Use @samenspel/messaging.' },
            { name: '@samenspel/http', message: 'Throw a DomainError of @samenspel/contracts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
