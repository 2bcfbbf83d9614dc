import { ObjectStore } from '../embedded/apiserver/object-store';
import { Registry } from '../embedded/apiserver/registry';
import { findResourceType, NAMESPACES } from '../embedded/apiserver/resource-types';
import { mkdtempSync, rmSync } from 'node:fs';
const dir = mkdtempSync('/tmp/cb-');
const store = new ObjectStore({ dataDir: dir });
const registry = new Registry(store);
registry.create(NAMESPACES, undefined, { metadata: { name: 'fleet-default' } });
const CL = findResourceType('fleet.cattle.io', 'v1alpha1', 'clusters')!;
const N = Number(process.argv[2] ?? 100000);
let t = performance.now();
const cpu0 = process.cpuUsage();
for (let i = 0; i < N; i++) {
  const name = `bench-${String(i).padStart(6, '0')}`;
  registry.create(CL, 'fleet-default', JSON.parse(JSON.stringify({ metadata: { name, namespace: 'fleet-default', labels: { env: 'prod', region: 'eu', 'fleet.cattle.io/bench': 'true' }, annotations: { 'fleet.cattle.io/description': `benchmark cluster number ${i}` } }, spec: { kubeConfigSecret: `${name}-kubeconfig`, clientID: `client-${i}`, agentNamespace: 'cattle-fleet-system' } })));
  if ((i + 1) % 10000 === 0) { const now = performance.now(); console.log(`${i + 1}: ${(10000 / ((now - t) / 1000)).toFixed(0)}/s`); t = now; }
}
const cpu = process.cpuUsage(cpu0);
console.log(`cpu user ${(cpu.user / 1e6).toFixed(1)} s sys ${(cpu.system / 1e6).toFixed(1)} s`);
store.close(); rmSync(dir, { recursive: true });
