import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import root from '../../eslint.config.js';

// ESLint uses the config nearest to each file, so this one extends the root's with the browser and React rules.
export default [
  ...root,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
];
