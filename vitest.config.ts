import { defineConfig } from 'vitest/config';

const unitInclude = [
  'electron/**/*.test.ts',
  'shared/**/*.test.ts',
  'renderer/**/*.test.{ts,tsx}',
  'scripts/**/*.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: unitInclude,
          exclude: ['**/*.keychain.test.ts', 'node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'keychain',
          include: ['electron/**/*.keychain.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
    ],
  },
});
