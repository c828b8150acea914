/**
 * The Python virtual environment the tests drive real tools from (openlineage-python, dbt-ol,
 * Feast, MLflow, Great Expectations, prov, mlcroissant, pytest, mypy): created with `python3 -m
 * venv` from the pinned `clients/python/requirements-test.txt`, with the client package of
 * `clients/python` installed on top (editable), and reused while those two files are unchanged. Its place is
 * `.venv/` (git-ignored) unless PROVGRAPH_TEST_VENV names another folder.
 *
 * Run directly (`tsx scripts/python-env.ts`) it builds the environment and prints its path.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REQUIREMENTS = join(ROOT, "clients/python/requirements-test.txt");
const CLIENT = join(ROOT, "clients/python");

export const VENV = resolve(ROOT, process.env.PROVGRAPH_TEST_VENV || ".venv");
/** An executable of the environment: `venvBin("python")`, `venvBin("dbt-ol")`. */
export const venvBin = (name: string) => join(VENV, "bin", name);

const pip = (args: string[]) =>
  execFileSync(venvBin("python"), ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...args], {
    stdio: ["ignore", "ignore", "inherit"],
  });

/** Whether `stamp` holds `want`; if not, runs `build` and writes it. */
function stamped(stamp: string, want: string, build: () => void): void {
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === want) return;
  build();
  writeFileSync(stamp, want);
}

/**
 * Builds the environment when it is missing or its requirements or the client's pyproject.toml
 * changed, and installs this checkout's client into it when another checkout's is installed
 * there (an environment named by PROVGRAPH_TEST_VENV may serve several); returns its path.
 */
export function ensurePythonEnv(log: (msg: string) => void = () => {}): string {
  const pyproject = join(CLIENT, "pyproject.toml");
  const requirements = createHash("sha256").update(readFileSync(REQUIREMENTS)).update(readFileSync(pyproject)).digest("hex");
  stamped(join(VENV, ".requirements-sha256"), requirements, () => {
    log(`building the Python test environment in ${VENV} (pinned packages from PyPI; a minute or more the first time)`);
    rmSync(VENV, { recursive: true, force: true });
    execFileSync("python3", ["-m", "venv", VENV], { stdio: ["ignore", "ignore", "inherit"] });
    pip(["-r", REQUIREMENTS]);
  });
  const client = createHash("sha256").update(CLIENT).update(readFileSync(pyproject)).digest("hex");
  stamped(join(VENV, ".client-sha256"), client, () => pip(["--no-deps", "-e", CLIENT]));
  return VENV;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(ensurePythonEnv((msg) => console.error(`python-env: ${msg}`)));
}
