// ESLint 9 flat config: typescript-eslint's type-aware rules on every TypeScript file (the same
// tsconfig as `tsc`), Mozilla's no-unsanitized rules on the extension's own code, and the plain
// JavaScript rules (no type information) on the build scripts.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import tseslint from 'typescript-eslint';

/** Node's globals, for the build and bench scripts (.mjs). */
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'performance', 'structuredClone', 'TextEncoder', 'TextDecoder', 'fetch', 'AbortController', 'globalThis', 'queueMicrotask'].map((name) => [name, 'readonly']),
);

/** What page functions passed to a browser's evaluate() use. */
const browserGlobals = Object.fromEntries(
  ['window', 'document', 'CSS', 'Highlight', 'NodeFilter', 'Range', 'Node', 'addEventListener', 'chrome', 'innerHeight', 'innerWidth', 'requestAnimationFrame', 'requestIdleCallback', 'getComputedStyle', 'location', 'navigator', 'getSelection'].map((name) => [name, 'readonly']),
);

export default defineConfig(
  {
    ignores: ['dist/**', 'dist-test/**', 'node_modules/**', 'artifacts/**', 'store/**', 'coverage/**', '.tmp/**'],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // `for (const _ of steps);` drains a generator of time-slicing steps: the name is never read.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Code that runs in the extension (content script, options, popup, background): page text
    // must never reach innerHTML, insertAdjacentHTML, document.write and the like.
    files: ['src/**/*.ts'],
    plugins: { 'no-unsanitized': noUnsanitized },
    rules: {
      'no-unsanitized/property': 'error',
      'no-unsanitized/method': 'error',
    },
  },
  {
    // Tests read untyped JSON (CLI output, browser replies, storage), drive browsers through
    // callbacks typed loosely by their libraries, and rethrow whatever a failed launch threw.
    files: ['tests/**/*.ts', 'vitest*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
  {
    // Scripts that drive a browser pass functions to evaluate(): those run in the page.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: browserGlobals },
  },
);
