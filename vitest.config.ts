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
    globalSetup: ["test/global-setup.ts"],
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
