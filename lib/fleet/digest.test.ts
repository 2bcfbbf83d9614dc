import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Hex, sha256Hex, utf8Bytes } from './digest';

describe('md5Hex', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    [
      '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
      '57edf4a22be3c955ac49da2e2107b67a',
    ],
  ])('RFC 1321 vector %j', (input, digest) => {
    expect(md5Hex(input)).toBe(digest);
  });
});

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('FIPS 180 vector %j', (input, digest) => {
    expect(sha256Hex(input)).toBe(digest);
  });

  it('hashes one million "a"', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });
});

describe('against node:crypto', () => {
  // Every padding boundary (55/56/63/64/119/120 bytes) plus multi-byte UTF-8 and binary input.
  const inputs: (string | Uint8Array)[] = [
    ...Array.from({ length: 130 }, (_, n) => 'x'.repeat(n)),
    'héllo wörld ☃ 𝄞',
    'fleet-local::local',
    new Uint8Array([0, 255, 128, 1, 2, 3]),
  ];

  it('agrees on every padding boundary, multi-byte UTF-8 and binary input', () => {
    for (const input of inputs) {
      expect(md5Hex(input)).toBe(createHash('md5').update(input).digest('hex'));
      expect(sha256Hex(input)).toBe(createHash('sha256').update(input).digest('hex'));
    }
  });
});

describe('utf8Bytes', () => {
  it('encodes like Go []byte(s)', () => {
    expect(Array.from(utf8Bytes('é☃'))).toEqual([0xc3, 0xa9, 0xe2, 0x98, 0x83]);
  });
});
