import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

export interface ServingCertificate {
  /** PEM of the CA that signed the serving certificate; goes into the kubeconfig. */
  caPem: string;
  certPem: string;
  keyPem: string;
}

/**
 * The embedded cluster serves HTTPS because Kubernetes clients (kubectl among them) do not send
 * bearer tokens over plain HTTP. A private CA is made on first start and kept in the data
 * directory, so kubeconfigs written earlier stay valid after a restart.
 */
export function loadOrCreateServingCertificate(dataDir: string): ServingCertificate {
  const dir = path.join(dataDir, 'pki');
  const files = { caPem: 'ca.crt', certPem: 'serving.crt', keyPem: 'serving.key' } as const;
  const paths = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(dir, f)])) as Record<keyof ServingCertificate, string>;
  if (Object.values(paths).every((file) => existsSync(file))) {
    return { caPem: readFileSync(paths.caPem, 'utf8'), certPem: readFileSync(paths.certPem, 'utf8'), keyPem: readFileSync(paths.keyPem, 'utf8') };
  }
  const created = createCertificates();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const key of Object.keys(files) as (keyof ServingCertificate)[]) writeFileSync(paths[key], created[key], { mode: 0o600 });
  return created;
}

function newKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, privateKey: forge.pki.privateKeyFromPem(privateKey), publicKey: forge.pki.publicKeyFromPem(publicKey) };
}

/**
 * 16 random bytes whose first byte is 0x01–0x7f: a positive DER INTEGER in its shortest form.
 * A leading zero byte (before a byte under 0x80) is "illegal padding" to OpenSSL, which then
 * refuses the certificate; a high bit set would make the serial negative.
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f || 0x01;
  return bytes.toString('hex');
}

function newCertificate(publicKey: forge.pki.PublicKey, years: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = randomSerialNumber();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 3600_000);
  return cert;
}

function createCertificates(): ServingCertificate {
  const caKeys = newKeyPair();
  const ca = newCertificate(caKeys.publicKey, 10);
  const caName = [{ name: 'commonName', value: 'fleet-deck-embedded-ca' }];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const servingKeys = newKeyPair();
  const serving = newCertificate(servingKeys.publicKey, 10);
  serving.setSubject([{ name: 'commonName', value: 'fleet-deck-embedded-apiserver' }]);
  serving.setIssuer(caName);
  serving.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
  ]);
  serving.sign(caKeys.privateKey, forge.md.sha256.create());

  return { caPem: forge.pki.certificateToPem(ca), certPem: forge.pki.certificateToPem(serving), keyPem: servingKeys.privateKeyPem };
}
