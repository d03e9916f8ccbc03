// Lint TypeScript in api/, server/, src/, scripts/, e2e/, bench/ and sandboxes/; Astro files are type-checked by `astro check`.
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-sandbox/**',
      'dist-test/**',
      'dist-test-sandbox/**',
      '**/*-sandbox/vendor/**',
      '.astro/**/*.js',
      'node_modules/**',
      '.astro/**',
      '**/node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
)
