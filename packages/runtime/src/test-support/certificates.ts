// Generates a throwaway PKI with the real `openssl` for TLS and X.509 tests against Mosquitto: a root CA,
// a server certificate for 127.0.0.1/::1/localhost, client certificates (one signed by the root, one by an
// intermediate CA) and an unrelated CA that must not be trusted. Keys are EC P-256 and unencrypted.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = process.env.OPENSSL_BIN ?? '/usr/bin/openssl';

/** Paths of a PEM certificate and its PEM private key. */
export interface KeyPair {
  readonly cert: string;
  readonly key: string;
}

export interface TestCertificates {
  readonly dir: string;
  /** The root CA the server and the broker trust. */
  readonly ca: KeyPair;
  /** Server certificate (signed by `ca`) for IP 127.0.0.1, IP ::1 and DNS localhost. */
  readonly server: KeyPair;
  /** Client certificate signed by `ca`, common name `clientCommonName`. */
  readonly client: KeyPair;
  readonly clientCommonName: string;
  /** An intermediate CA signed by `ca`. */
  readonly intermediate: KeyPair;
  /** Client certificate signed by `intermediate`: verifies only when the intermediate is sent along. */
  readonly chainedClient: KeyPair;
  readonly chainedClientCommonName: string;
  /** A self-signed CA unrelated to everything else (a wrong trust bundle). */
  readonly otherCa: KeyPair;
  remove(): Promise<void>;
}

const CA_EXTENSIONS = [
  'basicConstraints = critical, CA:TRUE',
  'keyUsage = critical, keyCertSign, cRLSign',
  'subjectKeyIdentifier = hash',
];

export async function generateCertificates(
  options: { readonly clientCommonName?: string; readonly chainedClientCommonName?: string } = {},
): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'flowplane-pki-'));
  const clientCommonName = options.clientCommonName ?? 'flowplane-client';
  const chainedClientCommonName = options.chainedClientCommonName ?? 'flowplane-chained-client';
  try {
    const ca = await selfSigned(dir, 'ca', 'Flowplane Test Root CA');
    const otherCa = await selfSigned(dir, 'other-ca', 'Flowplane Untrusted CA');
    const server = await issue(dir, 'server', 'localhost', ca, [
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = serverAuth',
      'subjectAltName = IP:127.0.0.1, IP:0:0:0:0:0:0:0:1, DNS:localhost',
    ]);
    const clientExtensions = [
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = clientAuth',
    ];
    const client = await issue(dir, 'client', clientCommonName, ca, clientExtensions);
    const intermediate = await issue(dir, 'intermediate', 'Flowplane Test Intermediate CA', ca, [
      'basicConstraints = critical, CA:TRUE, pathlen:0',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
    ]);
    const chainedClient = await issue(
      dir,
      'chained-client',
      chainedClientCommonName,
      intermediate,
      clientExtensions,
    );
    return {
      dir,
      ca,
      server,
      client,
      clientCommonName,
      intermediate,
      chainedClient,
      chainedClientCommonName,
      otherCa,
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function newKey(dir: string, name: string): Promise<string> {
  const key = join(dir, `${name}.key`);
  await openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key);
  return key;
}

/** A config file with the extensions, so results never depend on the system's openssl.cnf. */
async function config(dir: string, name: string, extensions: readonly string[]): Promise<string> {
  const file = join(dir, `${name}.cnf`);
  await writeFile(
    file,
    ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', '[ext]', ...extensions, ''].join('\n'),
  );
  return file;
}

async function selfSigned(dir: string, name: string, commonName: string): Promise<KeyPair> {
  const key = await newKey(dir, name);
  const cert = join(dir, `${name}.crt`);
  const cnf = await config(dir, name, CA_EXTENSIONS);
  await openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    key,
    '-sha256',
    '-days',
    '2',
    '-subj',
    `/CN=${commonName}`,
    '-config',
    cnf,
    '-extensions',
    'ext',
    '-out',
    cert,
  );
  return { cert, key };
}

async function issue(
  dir: string,
  name: string,
  commonName: string,
  issuer: KeyPair,
  extensions: readonly string[],
): Promise<KeyPair> {
  const key = await newKey(dir, name);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.crt`);
  const cnf = await config(dir, name, extensions);
  await openssl('req', '-new', '-key', key, '-subj', `/CN=${commonName}`, '-config', cnf, '-out', csr);
  await openssl(
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    issuer.cert,
    '-CAkey',
    issuer.key,
    '-set_serial',
    `0x${randomBytes(8).toString('hex')}`,
    '-sha256',
    '-days',
    '2',
    '-extfile',
    cnf,
    '-extensions',
    'ext',
    '-out',
    cert,
  );
  return { cert, key };
}

async function openssl(...args: string[]): Promise<void> {
  try {
    await run(OPENSSL, args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(error)}`, { cause: error });
  }
}
