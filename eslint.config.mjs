import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'static/**/dist/**',
      'coverage/**',
      'test-output/**',
      'tools/**',
      '.local/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // src/domain is pure: same input, same output. What it may import is checked by
    // dependency-cruiser (.dependency-cruiser.cjs, rule domain-is-pure); here, that it never reads
    // the clock or a random source: "now" and randomness come in as arguments (Clock, a seed).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message:
            'src/domain is pure: take the instant as an argument (asOf, a Clock) instead of Date.now().',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message:
            'src/domain is pure: take the instant as an argument (asOf, a Clock) instead of new Date().',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'src/domain is pure: Date() reads the clock; take the instant as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'src/domain is pure: take a seeded generator as an argument instead of Math.random().',
        },
      ],
      'no-console': 'error',
    },
  },
);
