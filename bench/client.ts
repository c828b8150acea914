/** A GraphQL-over-HTTP client for the benchmark, its statistics, and the servers it talks to. */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../src/paths.js";

/** Starts `script` as its own Node process (as deployed) and waits until it prints `ready`. */
export async function serve(script: string, env: Record<string, string>, ready: string, nodeArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", join(ROOT, script)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes(ready)) resolve();
      if (text.includes('"level":50')) process.stderr.write(text); // the server's errors
    });
    child.once("exit", (code) => reject(new Error(`${script} exited (${code})`)));
  });
  return child;
}

/** Polls `url` until it answers 200 (the API's /readyz: its migrations are applied). */
export async function untilReady(url: string): Promise<void> {
  while (
    (await fetch(url).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  )
    await new Promise((resolve) => setTimeout(resolve, 200));
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux architecture Node.js runs on

export const time = async (f: () => Promise<unknown>) => {
  const start = performance.now();
  await f();
  return performance.now() - start;
};

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

interface Response<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  extensions?: Record<string, unknown>;
}

export class Client {
  constructor(
    readonly url: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async call<T>(query: string, variables: Record<string, unknown> = {}): Promise<Response<T>> {
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...this.headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Response<T>;
  }

  async ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = await this.call<T>(query, variables);
    if (body.errors?.length) throw new Error(`${body.errors[0]!.extensions?.code}: ${body.errors[0]!.message}`);
    return body.data!;
  }
}

/** One request of the concurrent mix: 20% ingests of 1,000 new samples deriving from a pick, 80% reads. */
export type MixRequest =
  | { type: "ingest"; samples: Array<{ id: string; origin: "REAL"; derivedFromIds: string[] }> }
  | { type: "lineage"; id: string }
  | { type: "composition" }
  | { type: "page" };

function mixRequest(worker: number, k: number, picks: readonly string[]): MixRequest {
  const pick = picks[(worker * 31 + k) % picks.length]!;
  const roll = (worker + k * 7) % 10;
  if (roll < 2)
    return {
      type: "ingest",
      samples: Array.from({ length: 1000 }, (_, i) => ({ id: `c${worker}-${k}-${i}`, origin: "REAL", derivedFromIds: [pick] })),
    };
  if (roll < 5) return { type: "lineage", id: pick };
  return roll < 8 ? { type: "composition" } : { type: "page" };
}

export interface LoadResult {
  reads: number[];
  writes: number[];
  /** Failed requests by error code. */
  errors: Record<string, number>;
}

/**
 * `clients` loop for `ms`, each sending the mix's next request as soon as the last one is
 * answered; `send` resolves to an error code for a failed request, undefined otherwise.
 */
export async function concurrent(
  clients: number,
  ms: number,
  picks: readonly string[],
  send: (request: MixRequest) => Promise<string | undefined>,
): Promise<LoadResult> {
  const out: LoadResult = { reads: [], writes: [], errors: {} };
  const end = Date.now() + ms;
  const worker = async (w: number) => {
    for (let k = 0; Date.now() < end; k++) {
      const request = mixRequest(w, k, picks);
      const start = performance.now();
      const code = await send(request).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      (request.type === "ingest" ? out.writes : out.reads).push(performance.now() - start);
      if (code !== undefined) out.errors[code] = (out.errors[code] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, w) => worker(w)));
  return out;
}

/**
 * Times `ours` and `theirs` alternately, `n` times each, so both see the same database and JVM
 * state, after as many untimed rounds to warm both (the JVM compiles hot paths late).
 */
export async function interleaved(n: number, ours: (k: number) => Promise<unknown>, theirs: (k: number) => Promise<unknown>) {
  const a: number[] = [];
  const b: number[] = [];
  for (let k = 0; k < 2 * n; k++) {
    const mine = await time(() => ours(k % n));
    const peer = await time(() => theirs(k % n));
    if (k >= n) {
      a.push(mine);
      b.push(peer);
    }
  }
  return [a, b] as const;
}

export const round = (x: number) => Math.round(x * 100) / 100;

export async function repeat(n: number, f: () => Promise<number>): Promise<number[]> {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}
