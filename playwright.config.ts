import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defineConfig, devices } from '@playwright/test';

import { freePortSync } from './e2e/support/ports';

/**
 * The config is evaluated again in every worker process; values picked here are kept in the
 * environment so that workers (which inherit it) agree with the main process.
 */
function once(name: string, pick: () => string): string {
  const existing = process.env[name];
  if (existing) return existing;
  const value = pick();
  process.env[name] = value;
  return value;
}

const externalBaseURL = process.env.PLAYWRIGHT_BASE_URL;
const port = once('FLEET_DECK_E2E_PORT', () => String(freePortSync()));
const workDir = once('FLEET_DECK_E2E_DIR', () => mkdtempSync(join(tmpdir(), 'fleet-deck-e2e-')));
const baseURL = externalBaseURL ?? `http://127.0.0.1:${port}`;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: process.env.CI ? 1 : undefined,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'api',
      testMatch: /api\/.*\.spec\.ts$/,
    },
    {
      name: 'ui',
      testIgnore: /api\/.*\.spec\.ts$/,
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: externalBaseURL
    ? undefined
    : {
        name: 'npm start',
        command: 'npm start',
        url: `${baseURL}/api/readyz`,
        // Covers a first `next build` when no build exists yet.
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
          // Always test against a fresh embedded cluster, whatever the shell points at.
          FLEET_DECK_KUBECONFIG: '',
          KUBECONFIG: '',
          KUBERNETES_SERVICE_HOST: '',
          NEXT_TELEMETRY_DISABLED: '1',
          // The suites seed the exact objects and statuses they assert on, so the shared app runs
          // over the API server alone. Fleet's pipeline is tested in the integration suites, and the
          // specs that need live controllers start their own cluster (e2e/support/processes.ts).
          FLEET_DECK_CONTROLLERS: '0',
          FLEET_DECK_DEMO: '0',
        },
      },
});
