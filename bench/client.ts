/** A GraphQL-over-HTTP client for the benchmark, its statistics, and the servers it talks to. */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../src/paths.js";

/** Starts `script` as its own Node process (as deployed) and waits until it prints `ready`. */
export async function serve(script: string, env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, script)], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
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
    const response = await fetch(this.url, { method: "POST", headers: { "content-type": "application/json", ...this.headers }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as Response<T>;
  }

  async ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = await this.call<T>(query, variables);
    if (body.errors?.length) throw new Error(`${body.errors[0]!.extensions?.code}: ${body.errors[0]!.message}`);
    return body.data!;
  }

  /**
   * `clients` loops for `ms`: 80% reads (lineage, composition, a page of samples), 20% ingests
   * of 1,000 new samples. Returns every latency and the number of failed requests.
   */
  async concurrent(clients: number, ms: number, picks: readonly string[], id: (i: number) => string) {
    const latencies: number[] = [];
    let errors = 0;
    let batch = 0;
    const end = Date.now() + ms;
    const worker = async (w: number) => {
      for (let k = 0; Date.now() < end; k++) {
        const pick = picks[(w * 31 + k) % picks.length]!;
        const roll = (w + k * 7) % 10;
        const [query, variables] =
          roll < 2
            ? [`mutation($s: [SampleInput!]!) { ingestSamples(samples: $s) { created } }`, { s: Array.from({ length: 1000 }, (_, i) => ({ id: `c${batch}-${w}-${i}`, origin: "REAL", derivedFromIds: [pick] })) }]
            : roll < 5
              ? [`query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 5) { nodes { id } } }`, { id: pick }]
              : roll < 8
                ? [`{ composition(of: "v-all") { total syntheticRatio } }`, {}]
                : [`query($a: String) { samples(first: 100, after: $a) { edges { node { id generationRun { id } } } } }`, { a: null }];
        if (roll < 2) batch++;
        const start = performance.now();
        try {
          const body = await this.call(query, variables as Record<string, unknown>);
          if (body.errors?.length) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - start);
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, w) => worker(w)));
    return { latencies, errors, id };
  }
}

export const round = (x: number) => Math.round(x * 100) / 100;

export async function repeat(n: number, f: () => Promise<number>): Promise<number[]> {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}
