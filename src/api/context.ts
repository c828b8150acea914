/** What every resolver receives: who asks, and the request's own executor and loaders (made by server/context.ts). */
import type { Principal } from "../auth.js";
import type { Config } from "../config.js";
import type { SigningKey } from "../domain/checkpoint.js";
import type { Executor } from "../store/executor.js";
import type { Loaders } from "../store/loaders.js";
import type { WriteQueue } from "../store/write-queue.js";

export interface Context {
  principal: Principal;
  /** This request's executor: it counts the request's database round trips. */
  executor: Executor;
  loaders: Loaders;
  /** Where this process's writes wait (one per process, shared by every request). */
  writeQueue: WriteQueue;
  config: Config;
  signingKey: SigningKey;
  requestId: string;
}
