import { parseArgs } from 'node:util';
import { startEmbeddedCluster } from './cluster';

const USAGE =
  'usage: npm run cluster -- --port <port> --data-dir <dir> [--write-kubeconfig <file>] [--demo] [--simulate-clusters <n>] [--no-controllers] [--token-auth-file <csv>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'write-kubeconfig': { type: 'string' },
      demo: { type: 'boolean', default: false },
      'simulate-clusters': { type: 'string' },
      'no-controllers': { type: 'boolean', default: false },
      'token-auth-file': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535 (${USAGE})`);
  if (!values['data-dir']) throw new Error(`--data-dir is required (${USAGE})`);

  const simulateClusters = values['simulate-clusters'] === undefined ? undefined : Number(values['simulate-clusters']);
  if (simulateClusters !== undefined && (!Number.isInteger(simulateClusters) || simulateClusters < 0)) {
    throw new Error(`--simulate-clusters must be a whole number (${USAGE})`);
  }
  const cluster = await startEmbeddedCluster({
    port,
    dataDir: values['data-dir'],
    kubeconfigPath: values['write-kubeconfig'],
    controllers: !values['no-controllers'],
    demo: values.demo,
    simulateClusters,
    tokenAuthFile: values['token-auth-file'],
    log: (line) => console.log(line),
  });
  const kubeconfigNote = values['write-kubeconfig'] ? ` (kubeconfig: ${values['write-kubeconfig']})` : '';
  console.log(`Fleet Deck embedded cluster listening on ${cluster.url}${kubeconfigNote}`);

  const shutdown = (signal: string) => {
    console.log(`Received ${signal}, stopping the embedded cluster`);
    cluster.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`Fleet Deck embedded cluster failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
