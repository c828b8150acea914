/** What every resolver receives: who asks, and the request's own executor and loaders. */
import { requestError } from "../api/errors.js";
import type { Config } from "../config.js";
import { DomainError } from "../domain/errors.js";
import type { Executor } from "../store/executor.js";
import { createLoaders, type Loaders } from "../store/loaders.js";
import { authenticate, type Principal } from "./auth.js";
import type { SigningKey } from "./signing-key.js";

export interface Context {
  principal: Principal;
  /** This request's executor: it counts the request's database round trips. */
  executor: Executor;
  loaders: Loaders;
  config: Config;
  signingKey: SigningKey;
  requestId: string;
}

export function createContext(config: Config, shared: Executor, signingKey: SigningKey, authorization: string | undefined, requestId: string): Context {
  let principal: Principal;
  try {
    principal = authenticate(config.apiKeys, authorization);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw requestError(error);
  }
  const executor = shared.forRequest();
  return { principal, executor, loaders: createLoaders(executor), config, signingKey, requestId };
}
