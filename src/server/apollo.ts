/** The Apollo instance: schema, error boundary, and the request plugins. */
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { FastifyBaseLogger } from "fastify";
import { classify, formatError } from "../api/errors.js";
import type { Config } from "../config.js";
import type { Context } from "../api/context.js";
import { limits } from "./limits.js";

/**
 * Logs unexpected errors with the request id; gives a request error (an answer without `data`)
 * the classified HTTP status; adds round-trip counts under PROVGRAPH_DEBUG.
 */
function requestPlugin(config: Config, log: FastifyBaseLogger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!classify(error).expected)
              log.error({ err: error.originalError ?? error, requestId: contextValue.requestId }, "unexpected error");
          }
        },
        async willSendResponse({ response, contextValue, errors }) {
          if (response.body.kind === "single" && response.body.singleResult.data === undefined && errors?.[0]) {
            response.http.status = classify(errors[0]).httpStatus;
          }
          if (config.debug && response.body.kind === "single") {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              roundTrips: contextValue.executor.roundTrips,
            };
          }
        },
      };
    },
  };
}

export function createApollo(
  schema: GraphQLSchema,
  config: Config,
  log: FastifyBaseLogger,
  plugins: ApolloServerPlugin<Context>[] = [],
): ApolloServer<Context> {
  const guard = limits(config.limits, config.production);
  return new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    validationRules: guard.validationRules,
    // No HTTP caching of a changing record; the plugin would also wrap every field resolver.
    plugins: [ApolloServerPluginCacheControlDisabled(), requestPlugin(config, log), ...guard.plugins, ...plugins],
  });
}
