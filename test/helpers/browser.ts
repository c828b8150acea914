/**
 * Debian's headless Chromium for the browser tests: CI installs it (.ci/run) and a test that
 * needs it fails there without it; elsewhere such a test is skipped when it is missing.
 */
import { existsSync } from "node:fs";
import { chromium as playwright, type Browser } from "playwright-core";

export const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
export const BROWSER_REQUIRED = process.env.CI === "true";

export function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error("CI needs Debian's chromium package (.ci/run installs it)");
  return playwright.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
