/**
 * PROVGRAPH_EXPLORER=graphiql: GET /graphql in a browser is GraphiQL, served from the server's
 * own files (the graphiql and react packages' browser builds under /graphiql/), so it works on
 * a network with no way out; Apollo Sandbox, the default, loads from Apollo's servers. An API
 * key field above the editor sends `Authorization: Bearer <key>` with every request; the key is
 * kept in the tab's sessionStorage only.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FastifyInstance } from "fastify";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The files the page loads, by the name it loads them under. */
const ASSETS: Record<string, { file: string; type: string }> = {
  "react.js": { file: join(packageDir("react"), "umd", "react.production.min.js"), type: "text/javascript" },
  "react-dom.js": { file: join(packageDir("react-dom"), "umd", "react-dom.production.min.js"), type: "text/javascript" },
  "graphiql.js": { file: join(packageDir("graphiql"), "graphiql.min.js"), type: "text/javascript" },
  "graphiql.css": { file: join(packageDir("graphiql"), "graphiql.min.css"), type: "text/css" },
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>provgraph · GraphiQL</title>
<link rel="stylesheet" href="/graphiql/graphiql.css">
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
  #key { display: flex; gap: .5em; align-items: center; padding: .4em .8em; border-bottom: 1px solid #ddd; }
  #key input { flex: 0 1 28em; font-family: monospace; }
  #graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<label id="key">API key <input id="api-key" type="password" autocomplete="off" placeholder="sent as Authorization: Bearer &lt;key&gt;"></label>
<div id="graphiql"></div>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script>
  const input = document.getElementById("api-key");
  input.value = sessionStorage.getItem("provgraph-api-key") ?? "";
  input.addEventListener("input", () => sessionStorage.setItem("provgraph-api-key", input.value));
  const base = GraphiQL.createFetcher({ url: location.pathname });
  const fetcher = (params, options) => {
    const key = input.value.trim();
    return base(params, { ...options, headers: { ...options?.headers, ...(key ? { authorization: "Bearer " + key } : {}) } });
  };
  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }));
</script>
</body>
</html>
`;

/** The landing page Apollo renders for a browser's GET /graphql. */
export function graphiqlLandingPage(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: PAGE };
        },
      };
    },
  };
}

export function explorerRoutes(fastify: FastifyInstance): void {
  const cache = new Map<string, Buffer>();
  fastify.get<{ Params: { name: string } }>("/graphiql/:name", async (request, reply) => {
    const asset = ASSETS[request.params.name];
    if (!asset) return reply.code(404).send({ error: { code: "NOT_FOUND", message: `no explorer file '${request.params.name}'` } });
    let body = cache.get(request.params.name);
    if (!body) cache.set(request.params.name, (body = readFileSync(asset.file)));
    return reply.type(asset.type).header("cache-control", "public, max-age=3600").send(body);
  });
}
