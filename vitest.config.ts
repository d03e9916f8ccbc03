import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'e2e/**', '.astro/**'],
    testTimeout: 20_000,
  },
})
