// ESLint flat config: typescript-eslint strictTypeChecked + purity guards for the I/O-free cores.
// Import cycles and the layer rules are checked by dependency-cruiser (.dependency-cruiser.mjs,
// `npm run lint:layers`, part of `npm run lint`; docs/adr/013-layer-rules.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Folders that must stay free of I/O (STYLE.md: I/O-free cores). */
const pureFolders = [
  'src/raft/core/**',
  'src/scheduler/**',
  'src/compose/parse/**',
  'src/agent/task-controller*.ts',
  'src/agent/task-config*.ts',
  'src/agent/task-files*.ts',
  'src/manager/stack/**',
  'src/manager/allocator/**',
  'src/manager/orchestrator/**',
  'src/manager/update/**',
  'src/manager/cluster/**',
  'src/net/ipam*.ts',
  'src/net/mesh-rules.ts',
  'src/agent/ingress/plan*.ts',
  'src/image/build/dockerfile*.ts',
  'src/net/lb-rules*.ts',
  'src/agent/lb/plan*.ts',
  'src/agent/dns/records*.ts',
  'src/manager/objects/validate*.ts',
  'src/manager/objects/ingress.ts',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/api/gen/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Type parameters that only type a result, as the store's `checks<T>()`, are intended.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
    },
  },
  {
    files: pureFolders,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Bare built-in names as exact paths: a pattern `net` would also match `../net/`.
          paths: ['fs', 'net', 'child_process', 'os', 'path'].map((name) => ({
            name,
            message: 'Pure core: no I/O modules',
          })),
          patterns: [
            { group: ['node:*'], message: 'Pure core: no I/O modules' },
            { group: ['@grpc/*'], message: 'Pure core: no gRPC' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the injected seeded PRNG' },
        { object: 'Date', property: 'now', message: 'Use the injected clock' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
