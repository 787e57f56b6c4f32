// Debian's Chromium (apt `chromium`), driven by Playwright without a browser download of its own.
import { existsSync } from 'node:fs';

/** FLOWPLANE_CHROMIUM overrides the path, for a machine whose Chromium lives elsewhere. */
export const CHROMIUM_EXECUTABLE = process.env.FLOWPLANE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless, and quiet: no sandbox (the tests run as root), no GPU, and none of the background traffic
 * (updates, sync, QUIC probes) that would add noise to timings or reach for the network.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_EXECUTABLE)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_EXECUTABLE}: apt-get install chromium (or set FLOWPLANE_CHROMIUM to its path).`,
    );
  }
}
