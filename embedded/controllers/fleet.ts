/**
 * Wiring of the Fleet controllers of the embedded cluster (everything but the git side): one
 * shared index/context, the bundle, cluster, status and registration controllers on a
 * ControllerManager, the workspace bootstrap, and the simulated agents.
 */
import { startAgents, type AgentOptions, type Agents } from '../agents/agents';
import { createBundleController, createBundleDeploymentController, type BundleControllerOptions } from './bundle-controller';
import type { ControllerClient } from './client';
import { createClusterController, type ClusterControllerOptions } from './cluster-controller';
import { createContentGcController } from './content-gc';
import { FleetContext } from './fleet-context';
import { createRegistrationControllers, type RegistrationOptions } from './registration';
import { ControllerManager } from './runtime';
import { createStatusControllers, type StatusControllersOptions } from './status';
import { bootstrapWorkspaces } from './workspace-bootstrap';

export interface FleetControllersOptions {
  /** Create `fleet-local`'s `local` cluster and `default` group (default true). */
  bootstrap?: boolean;
  bundle?: Omit<BundleControllerOptions, 'context'>;
  cluster?: ClusterControllerOptions;
  status?: Omit<StatusControllersOptions, 'context'>;
  registration?: RegistrationOptions;
  /** Options of the simulated agents, or `false` for none (e.g. against real agents). */
  agents?: Omit<AgentOptions, 'index'> | false;
  log?: (line: string) => void;
}

export interface FleetControllers {
  context: FleetContext;
  agents?: Agents;
  /** Stops the agents and releases the shared index (the manager is stopped by its owner). */
  stop(): void;
}

/**
 * Registers the Fleet controllers on `manager` (call before `manager.start()`), runs the
 * workspace bootstrap and starts the simulated agents.
 */
export function registerFleetControllers(manager: ControllerManager, options: FleetControllersOptions = {}): FleetControllers {
  const client = manager.client;
  const context = new FleetContext(client);
  context.connect(manager);
  if (options.bootstrap ?? true) bootstrapWorkspaces(client);
  manager.register(createBundleController(client, { ...options.bundle, context, log: options.bundle?.log ?? options.log }));
  manager.register(createBundleDeploymentController(client));
  manager.register(createContentGcController({ context }));
  manager.register(createClusterController(client, options.cluster));
  for (const controller of createStatusControllers(client, { ...options.status, context })) manager.register(controller);
  for (const controller of createRegistrationControllers(client, options.registration)) manager.register(controller);
  const agents = options.agents === false ? undefined : startAgents(client, { ...options.agents, index: context.index, log: options.agents?.log ?? options.log });
  return {
    context,
    agents,
    stop() {
      agents?.();
      context.close();
    },
  };
}

/** A manager with the Fleet controllers registered and started; `stop()` stops everything. */
export function startFleetControllers(
  client: ControllerClient,
  options: FleetControllersOptions = {},
): FleetControllers & { manager: ControllerManager } {
  const manager = new ControllerManager(client, options.log);
  const fleet = registerFleetControllers(manager, options);
  manager.start();
  return {
    ...fleet,
    manager,
    stop() {
      manager.stop();
      fleet.stop();
    },
  };
}
