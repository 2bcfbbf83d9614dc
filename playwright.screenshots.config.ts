import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defineConfig, devices } from '@playwright/test';

import { freePortSync } from './e2e/support/ports';

/**
 * `npm run screenshots`: every page in light and dark, as PNGs in screenshots/ (git-ignored).
 * Starts its own `npm start` (fresh embedded cluster, demo data seeded by the spec) unless
 * PLAYWRIGHT_BASE_URL points at a running app (then set FLEET_DECK_E2E_KUBECONFIG for seeding).
 * FLEET_DECK_DIST_DIR picks the build, as for `npm start`.
 */
function once(name: string, pick: () => string): string {
  const existing = process.env[name];
  if (existing) return existing;
  const value = pick();
  process.env[name] = value;
  return value;
}

const externalBaseURL = process.env.PLAYWRIGHT_BASE_URL;
const port = once('FLEET_DECK_SHOTS_PORT', () => String(freePortSync()));
const workDir = once('FLEET_DECK_E2E_DIR', () => mkdtempSync(join(tmpdir(), 'fleet-deck-shots-')));
const baseURL = externalBaseURL ?? `http://127.0.0.1:${port}`;

const chromium = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1440, height: 900 },
  launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] },
};

export default defineConfig({
  testDir: 'e2e/screenshots',
  testMatch: /\.shot\.ts$/,
  outputDir: 'test-results/screenshots',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: { baseURL, trace: 'off' },
  projects: [
    { name: 'light', use: { ...chromium, colorScheme: 'light' } },
    { name: 'dark', use: { ...chromium, colorScheme: 'dark' } },
  ],
  webServer: externalBaseURL
    ? undefined
    : {
        command: 'npm start',
        url: `${baseURL}/api/readyz`,
        timeout: 240_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
        env: {
          PORT: port,
          HOST: '127.0.0.1',
          FLEET_DECK_DATA_DIR: join(workDir, 'data'),
          FLEET_DECK_CLUSTER_PORT: '0',
          FLEET_DECK_KUBECONFIG: '',
          KUBECONFIG: '',
          KUBERNETES_SERVICE_HOST: '',
          NEXT_TELEMETRY_DISABLED: '1',
        },
      },
});
