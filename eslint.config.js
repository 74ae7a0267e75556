// ESLint for the browser modules (npm run lint / make lint). Recommended rules, modern syntax.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["site_overrides/assets/km/**/*.js", "site_overrides/assets/km/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.worker },
    },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
      "prefer-const": "error",
      "no-var": "error",
    },
  },
  {
    // The service worker template (a classic script: Workbox is loaded with importScripts).
    files: ["handbook/serviceworker/sw.js"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "script",
      globals: { ...globals.serviceworker },
    },
    rules: { eqeqeq: ["error", "always"], "prefer-const": "error", "no-var": "error" },
  },
  {
    files: ["tests/**/*.mjs", "scripts/**/*.mjs", "handbook/serviceworker/*.mjs"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: globals.node },
  },
];
