/** OpenLineage from tests: raw posts to /api/v1/lineage, and the Python producers of test/python. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { venvBin } from "../../scripts/python-env.js";
import { ROOT } from "../../src/paths.js";
import type { TestApi } from "./api.js";

export const PYTHON_DIR = join(ROOT, "test", "python");

/** The server's base URL (the API's URL without /graphql). */
export const baseOf = (api: TestApi) => api.url.replace(/\/graphql$/, "");

/** POSTs a body (an object as JSON, a string as it is) and returns the status and the JSON answer. */
export async function postLineage(api: TestApi, body: unknown, key?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseOf(api)}/api/v1/lineage`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Runs an executable of the test venv; rejects with its stderr when it fails. */
export async function runTool(
  name: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(venvBin(name), [...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 600_000,
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${name} ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

/** Runs one of the scripts in test/python with the venv's python; returns its stdout parsed as JSON. */
export async function runScript<T = any>(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<T> {
  const out = await runTool("python", [join(PYTHON_DIR, script), ...args], options);
  return JSON.parse(out.trim().split("\n").at(-1)!) as T;
}
