import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadOrCreateServingCertificate, randomSerialNumber } from './tls';

describe('serving certificate', () => {
  it('serial numbers are positive DER integers in their shortest form', () => {
    for (let i = 0; i < 2_000; i++) {
      const first = parseInt(randomSerialNumber().slice(0, 2), 16);
      // 0x00 first would be padding (OpenSSL refuses the certificate); 0x80 and up, negative.
      expect(first).toBeGreaterThanOrEqual(0x01);
      expect(first).toBeLessThanOrEqual(0x7f);
    }
  });

  it('is created once, parses with OpenSSL, and is read back unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-deck-tls-'));
    try {
      const created = loadOrCreateServingCertificate(dir);
      const serving = new X509Certificate(created.certPem);
      expect(serving.verify(new X509Certificate(created.caPem).publicKey)).toBe(true);
      expect(serving.checkIP('127.0.0.1')).toBe('127.0.0.1');
      expect(loadOrCreateServingCertificate(dir)).toEqual(created);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
