import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'src/backend/bindings.ts'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
  {
    rules: {
      // The UI talks to the backend only through src/backend/ (index.ts, and call.ts that the
      // generated client calls).
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@tauri-apps/api/core', message: 'Call the backend through src/backend/index.ts.' }] },
      ],
      // User text is never rendered as HTML.
      'svelte/no-at-html-tags': 'error',
    },
  },
  {
    files: ['src/backend/call.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
