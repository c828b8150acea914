/** Makes each request's Context: the caller's principal, the request's executor and loaders. */
import type { Context } from "../api/context.js";
import { requestError } from "../api/errors.js";
import { authenticate, type Principal } from "../auth.js";
import type { Config } from "../config.js";
import type { SigningKey } from "../domain/checkpoint.js";
import { DomainError } from "../domain/errors.js";
import type { Executor } from "../store/executor.js";
import { createLoaders } from "../store/loaders.js";
import type { WriteQueue } from "../store/write-queue.js";

export function createContext(
  config: Config,
  shared: Executor,
  writeQueue: WriteQueue,
  signingKey: SigningKey,
  authorization: string | undefined,
  requestId: string,
): Context {
  let principal: Principal;
  try {
    principal = authenticate(config.apiKeys, authorization);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw requestError(error);
  }
  const executor = shared.forRequest();
  return { principal, executor, loaders: createLoaders(executor), writeQueue, config, signingKey, requestId };
}
