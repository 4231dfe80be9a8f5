/**
 * Debian's Chromium driven by playwright-core. Never downloads a browser: when /usr/bin/chromium is missing
 * the suite fails in CI (which installs it with apt) and is skipped with a notice on a developer machine.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export const chromiumAvailable = existsSync(CHROMIUM);
export const inCI = Boolean(process.env.CI);

if (!chromiumAvailable && !inCI) {
  console.warn(
    `[web e2e] skipping the browser tests: ${CHROMIUM} is missing. Install it with \`apt-get install -y chromium\`.`,
  );
}

export function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable) {
    throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium package (apt-get install -y chromium).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
