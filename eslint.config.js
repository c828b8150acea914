// typescript-eslint's recommended rules over the TypeScript sources; formatting is prettier's.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "neo4j-embedded/", "clients/", ".provgraph/", ".venv/", "bench/results/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  // Tests read GraphQL answers, loosely typed JSON, as `any`.
  { files: ["test/**/*.ts", "**/*.test.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        Buffer: "readonly",
        crypto: "readonly",
        setTimeout: "readonly",
        setImmediate: "readonly",
        clearTimeout: "readonly",
        fetch: "readonly",
        performance: "readonly",
        URL: "readonly",
      },
    },
  },
);
