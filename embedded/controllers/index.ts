import type { Registry } from '../apiserver/registry';
import { ControllerClient } from './client';
import { registerFleetControllers, type FleetControllersOptions } from './fleet';
import { createGitJobController } from './gitjob';
import { createWebhookHandler } from './gitjob/webhook';
import { ControllerManager } from './runtime';

export interface ControllersOptions {
  dataDir: string;
  agents?: FleetControllersOptions['agents'];
  /** What registration tokens tell agents to connect to. */
  registration?: FleetControllersOptions['registration'];
  log?: (line: string) => void;
}

export interface RunningControllers {
  client: ControllerClient;
  manager: ControllerManager;
  /** Receives GitHub/GitLab push webhooks (served unauthenticated at `/webhooks/git`). */
  webhook: ReturnType<typeof createWebhookHandler>;
  stop(): void;
}

/** Every controller of the embedded cluster on one manager: the git side and the Fleet side. */
export function startControllers(registry: Registry, options: ControllersOptions): RunningControllers {
  const client = new ControllerClient(registry);
  const manager = new ControllerManager(client, options.log);
  manager.register(createGitJobController(client, { dataDir: options.dataDir, log: options.log }));
  const fleet = registerFleetControllers(manager, { agents: options.agents, registration: options.registration, log: options.log });
  manager.start();
  return {
    client,
    manager,
    webhook: createWebhookHandler(client, { log: options.log }),
    stop() {
      manager.stop();
      fleet.stop();
    },
  };
}
