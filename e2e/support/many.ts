import { createObject } from './kube';

/** Runs `work` over `items`, `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

export const ENVS = ['prod', 'staging', 'dev'] as const;
export const REGIONS = ['eu-west', 'us-east', 'ap-south', 'sa-east'] as const;

/** `c-00042`: names that sort the way their numbers do. */
export const clusterName = (i: number) => `c-${String(i).padStart(5, '0')}`;

/** Labels of the i-th seeded cluster: env cycles every 3, region every 4, and a team of 10. */
export const clusterLabels = (i: number) => ({ env: ENVS[i % 3]!, region: REGIONS[i % 4]!, team: `team-${i % 10}` });

/**
 * `count` Clusters with labels, created with client-node (32 requests in flight), the way a big
 * fleet looks to the dashboard: 1,200 take a few seconds.
 */
export async function seedClusters(ws: string, count: number, concurrency = 32): Promise<void> {
  await inParallel(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    (i) =>
      createObject('clusters', ws, { name: clusterName(i), labels: clusterLabels(i) }, {}).catch((error: any) => {
        if (error?.code !== 409) throw error;
      }),
  );
}
