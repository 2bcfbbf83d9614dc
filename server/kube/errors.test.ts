import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { ApiException } = await import('@kubernetes/client-node');
const { KubeConfigError } = await import('./config');
const { KubeTimeoutError, errorBody, toKubeFailure, withTimeout } = await import('./errors');

describe('toKubeFailure', () => {
  it('uses the reason and message of a Kubernetes Status body', () => {
    const body = JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403, message: 'no access' });
    expect(toKubeFailure(new ApiException(403, 'Unknown API Status Code!', body, {}))).toEqual({
      status: 403,
      code: 'Forbidden',
      message: 'no access',
    });
  });

  it('falls back to the HTTP status when the body is not a Status', () => {
    expect(toKubeFailure(new ApiException(404, 'x', '', {}), 'https://k:6443')).toEqual({
      status: 404,
      code: 'NotFound',
      message: 'The Kubernetes API at https://k:6443 answered HTTP 404.',
    });
    expect(toKubeFailure(new ApiException(401, 'Unauthorized', undefined, {})).message).toMatch(/rejected the credentials/);
  });

  it('maps connection errors, also when wrapped in a cause', () => {
    const refused = Object.assign(new Error('request failed'), { type: 'system', code: 'ECONNREFUSED' });
    expect(toKubeFailure(refused, 'https://127.0.0.1:1')).toEqual({
      status: 503,
      code: 'ClusterUnreachable',
      message: 'Cannot reach the Kubernetes API at https://127.0.0.1:1: connection refused.',
    });
    const wrapped = new Error('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) });
    expect(toKubeFailure(wrapped).message).toContain('host not found');
  });

  it('maps configuration problems and timeouts', () => {
    expect(toKubeFailure(new KubeConfigError('NoClusterConfigured', 'nothing'))).toEqual({
      status: 503,
      code: 'NoClusterConfigured',
      message: 'nothing',
    });
    expect(toKubeFailure(new KubeTimeoutError(50)).code).toBe('Timeout');
  });

  it('never leaks the text of unknown errors', () => {
    const failure = toKubeFailure(new Error('secret token abc123 at /etc/foo.ts:1:2'));
    expect(failure).toEqual({ status: 500, code: 'InternalError', message: expect.any(String) });
    expect(failure.message).not.toContain('abc123');
  });

  it('wraps a failure in the one error shape', () => {
    expect(errorBody({ status: 503, code: 'C', message: 'M' })).toEqual({ error: { code: 'C', message: 'M' } });
  });
});

describe('withTimeout', () => {
  it('passes through a quick answer', async () => {
    await expect(withTimeout(Promise.resolve(7), 1_000)).resolves.toBe(7);
  });
  it('rejects a slow one', async () => {
    await expect(withTimeout(new Promise(() => {}), 10)).rejects.toBeInstanceOf(KubeTimeoutError);
  });
});
