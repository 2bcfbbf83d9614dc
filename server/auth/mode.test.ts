import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { authModeFrom } = await import('./mode');

describe('auth mode', () => {
  it('is local by default, team mode in a pod without a kubeconfig, and what FLEET_DECK_AUTH says', () => {
    expect(authModeFrom({})).toBe('none');
    expect(authModeFrom({ KUBERNETES_SERVICE_HOST: '10.0.0.1' })).toBe('token');
    expect(authModeFrom({ KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBECONFIG: '/k' })).toBe('none');
    expect(authModeFrom({ KUBERNETES_SERVICE_HOST: '10.0.0.1', FLEET_DECK_AUTH: 'none' })).toBe('none');
    expect(authModeFrom({ FLEET_DECK_AUTH: 'token' })).toBe('token');
    expect(() => authModeFrom({ FLEET_DECK_AUTH: 'oidc' })).toThrow(/must be "none" or "token"/);
  });
});
