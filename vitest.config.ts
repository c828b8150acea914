import { createRequire } from "node:module";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// esbuild (vitest's default transform) drops decorator metadata, which type-graphql needs.
export default defineConfig({
  plugins: [swc.vite({ module: { type: "es6" } })],
  // One graphql realm: Node loads graphql's CJS entry for the packages in node_modules, so the
  // project's own imports must get that same module, not the ESM build Vite would pick.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    setupFiles: ["reflect-metadata"],
    testTimeout: 60_000,
    projects: [
      // The pure rules and the checks that need no database: no global setup, no Neo4j (`npm run test:unit`).
      { extends: true, test: { name: "unit", include: ["src/**/*.test.ts", "test/unit/**/*.test.ts"] } },
      // Through the real HTTP server against the one Neo4j the global setup starts, one file at a time.
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
