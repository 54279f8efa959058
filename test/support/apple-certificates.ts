import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompactSign, importPKCS8 } from 'jose';

/** Apple's marker extensions (see src/modules/subscriptions/adapters/apple-signed-data.ts). */
const LEAF_MARKER = '1.2.840.113635.100.6.11.1';
const INTERMEDIATE_MARKER = '1.2.840.113635.100.6.2.1';

export interface AppleChain {
  /** The root certificate as PEM and as DER (what APPLE_ROOT_CERT_PATH names), and its key. */
  rootPemPath: string;
  rootDerPath: string;
  rootKeyPath: string;
  /** The `x5c` header: leaf, intermediate, root (base64 DER). */
  x5c: string[];
  /** The leaf's private key (PKCS#8 PEM), which signs the JWS. */
  leafKeyPem: string;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function derBase64(pemPath: string): string {
  return readFileSync(pemPath, 'utf8')
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
}

/**
 * A certificate chain shaped like the App Store's, made with the openssl CLI in `dir` (EC P-256 throughout): a
 * self-signed root CA (or the root of `options.root`), an intermediate CA it issued, and a leaf the intermediate
 * issued, the last two with Apple's marker extensions unless `markers` is false (certificates the root issued for
 * something else, such as Apple Pay).
 */
export function createAppleChain(dir: string, name: string, options: { markers?: boolean; root?: AppleChain } = {}): AppleChain {
  const markers = options.markers ?? true;
  const file = (suffix: string) => join(dir, `${name}-${suffix}`);
  const newKey = (part: string) =>
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file(`${part}.key`)]);
  if (options.root) {
    copyFileSync(options.root.rootPemPath, file('root.pem'));
    copyFileSync(options.root.rootKeyPath, file('root.key'));
  } else {
    newKey('root');
    openssl([
      ...['req', '-new', '-x509', '-key', file('root.key'), '-days', '3650', '-out', file('root.pem')],
      ...['-subj', `/CN=${name} Root CA - G3/O=Test Apple Inc./C=US`],
      ...['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    ]);
  }
  openssl(['x509', '-in', file('root.pem'), '-outform', 'DER', '-out', file('root.der')]);

  const issue = (part: string, issuer: string, subject: string, extensions: string[], serial: string) => {
    newKey(part);
    writeFileSync(file(`${part}.ext`), `${extensions.join('\n')}\n`);
    openssl(['req', '-new', '-key', file(`${part}.key`), '-subj', subject, '-out', file(`${part}.csr`)]);
    openssl([
      ...['x509', '-req', '-in', file(`${part}.csr`), '-CA', file(`${issuer}.pem`), '-CAkey', file(`${issuer}.key`)],
      ...['-set_serial', serial, '-days', '1825', '-extfile', file(`${part}.ext`), '-out', file(`${part}.pem`)],
    ]);
  };
  issue(
    'intermediate',
    'root',
    `/CN=${name} Worldwide Developer Relations Certification Authority/OU=G6/O=Test Apple Inc./C=US`,
    [
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      'keyUsage=critical,keyCertSign,cRLSign',
      ...(markers ? [`${INTERMEDIATE_MARKER}=ASN1:NULL`] : []),
    ],
    String(Date.now()),
  );
  issue(
    'leaf',
    'intermediate',
    `/CN=${name} Prod ECC Mac App Store and iTunes Store Receipt Signing/O=Test Apple Inc./C=US`,
    ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', ...(markers ? [`${LEAF_MARKER}=ASN1:NULL`] : [])],
    String(Date.now() + 1),
  );
  return {
    rootPemPath: file('root.pem'),
    rootDerPath: file('root.der'),
    rootKeyPath: file('root.key'),
    x5c: ['leaf', 'intermediate', 'root'].map((part) => derBase64(file(`${part}.pem`))),
    leafKeyPem: readFileSync(file('leaf.key'), 'utf8'),
  };
}

/** A JWS (Compact, ES256) of `payload` signed with the chain's leaf, the chain in its `x5c` header, as the App Store signs. */
export async function signAppleJws(chain: AppleChain, payload: object, x5c: string[] = chain.x5c): Promise<string> {
  const key = await importPKCS8(chain.leafKeyPem, 'ES256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'ES256', x5c }).sign(key);
}
