// Shared by the browser checks: Debian's Chromium through playwright-core, and a problem counter.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

// Headless Chromium with the flags this machine needs (no sandbox as root, no background network).
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

// A problem reporter for the check called `name`: `fail(message)` prints and counts; `count()` tells.
export function reporter(name) {
  let problems = 0;
  return {
    fail(message) {
      problems++;
      console.log(`${name}: ${message}`);
    },
    count: () => problems,
  };
}
