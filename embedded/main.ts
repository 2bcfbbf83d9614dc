import { parseArgs } from 'node:util';
import { startEmbeddedCluster } from './cluster';

const USAGE = 'usage: npm run cluster -- --port <port> --data-dir <dir> [--write-kubeconfig <file>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'write-kubeconfig': { type: 'string' },
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

  const cluster = await startEmbeddedCluster({ port, dataDir: values['data-dir'], kubeconfigPath: values['write-kubeconfig'] });
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
