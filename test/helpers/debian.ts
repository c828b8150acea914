/**
 * A Debian package a test needs (Prometheus): `.ci/run` installs it; on a machine without it
 * the test installs it itself with apt-get (as root, like CI), and fails if it cannot.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export function ensureDebianPackage(binary: string, name: string): string {
  if (existsSync(binary)) return binary;
  const install = () =>
    spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", name], {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      encoding: "utf8",
    });
  let result = install();
  if (result.status !== 0) {
    spawnSync("apt-get", ["update", "-qq"], { encoding: "utf8" });
    result = install();
  }
  if (result.status !== 0 || !existsSync(binary))
    throw new Error(`this test needs Debian's ${name} package (${binary}) and could not install it: ${result.stderr || result.error}`);
  return binary;
}
