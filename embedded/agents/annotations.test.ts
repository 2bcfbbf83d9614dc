import { describe, expect, it } from 'vitest';
import { NO_SIMULATION, parseObjectRefs, SIMULATE_ANNOTATIONS, simulationOf, simulationSignature } from './annotations';

describe('parseObjectRefs', () => {
  it('reads kind/name, kind/namespace/name, bundle prefixes and wildcards', () => {
    expect(parseObjectRefs('Deployment/web, configmap/apps/settings ,app-one:service/web,*,app-two:*')).toEqual([
      { bundle: undefined, kind: 'deployment', name: 'web' },
      { bundle: undefined, kind: 'configmap', namespace: 'apps', name: 'settings' },
      { bundle: 'app-one', kind: 'service', name: 'web' },
      { bundle: undefined, kind: '*', name: '*' },
      { bundle: 'app-two', kind: '*', name: '*' },
    ]);
  });

  it('treats "true" as a wildcard and skips malformed entries', () => {
    expect(parseObjectRefs('true')).toEqual([{ bundle: undefined, kind: '*', name: '*' }]);
    expect(parseObjectRefs('deployment,/x,a/b/c/d,')).toEqual([]);
    expect(parseObjectRefs(undefined)).toEqual([]);
  });
});

describe('simulationOf', () => {
  it('is the shared no-op simulation without annotations', () => {
    expect(simulationOf(undefined)).toBe(NO_SIMULATION);
    expect(simulationOf({ unrelated: 'x' })).toBe(NO_SIMULATION);
  });

  it('reads every simulate annotation', () => {
    const simulation = simulationOf({
      [SIMULATE_ANNOTATIONS.offline]: 'true',
      [SIMULATE_ANNOTATIONS.applyError]: 'helm: boom',
      [SIMULATE_ANNOTATIONS.drift]: 'deployment/web',
      [SIMULATE_ANNOTATIONS.notReady]: 'service/web',
      [SIMULATE_ANNOTATIONS.missing]: 'configmap/settings',
      [SIMULATE_ANNOTATIONS.extra]: 'configmap/leftover',
    });
    expect(simulation.offline).toBe(true);
    expect(simulation.applyError).toBe('helm: boom');
    expect(simulation.drift).toEqual([{ bundle: undefined, kind: 'deployment', name: 'web' }]);
    expect(simulation.notReady[0]?.kind).toBe('service');
    expect(simulation.missing[0]?.name).toBe('settings');
    expect(simulation.extra[0]?.name).toBe('leftover');
  });

  it('does not go offline for "false" or an empty value', () => {
    expect(simulationOf({ [SIMULATE_ANNOTATIONS.offline]: 'false' }).offline).toBe(false);
    expect(simulationOf({ [SIMULATE_ANNOTATIONS.offline]: '' }).offline).toBe(false);
  });

  it('has a signature that changes with the annotations', () => {
    const a = simulationSignature({ [SIMULATE_ANNOTATIONS.drift]: 'deployment/web' });
    const b = simulationSignature({ [SIMULATE_ANNOTATIONS.drift]: 'deployment/api' });
    expect(a).not.toBe(b);
    expect(simulationSignature({ other: 'x' })).toBe(simulationSignature({}));
  });
});
