import { compactVerify, errors as joseErrors, type CompactJWSHeaderParameters } from 'jose';
import { type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A signed payload that is not Apple's: bad JWS, wrong algorithm, or a certificate chain that does not lead to the root. */
export class AppleSignatureRefused extends Error {}

/**
 * The marker extensions Apple's own App Store Server Library requires, as DER (tag, length, OID): the leaf certificate
 * that signs App Store data carries 1.2.840.113635.100.6.11.1, its intermediate (Apple Worldwide Developer Relations)
 * 1.2.840.113635.100.6.2.1. Without them any certificate the Apple root issued (an Apple Pay merchant's) would do.
 */
const LEAF_MARKER = Buffer.from('060a2a864886f76364060b01', 'hex');
const INTERMEDIATE_MARKER = Buffer.from('060a2a864886f76364060201', 'hex');

function refuse(reason: string): never {
  throw new AppleSignatureRefused(reason);
}

function validAt(certificate: X509Certificate, now: Date): boolean {
  return new Date(certificate.validFrom) <= now && now <= new Date(certificate.validTo);
}

/** The root certificate from APPLE_ROOT_CERT_PATH (PEM or DER). */
export function loadAppleRoot(path: string): X509Certificate {
  return new X509Certificate(readFileSync(path));
}

/**
 * Verifies App Store signed data (JWS Compact, ES256, as signed transactions, renewal info and server notifications
 * are): the `x5c` header must hold the leaf, the intermediate and the root certificate; the root must be the
 * configured Apple root; each certificate must be issued and signed by the next (the intermediate by the configured
 * root), be valid now and carry Apple's marker; then the JWS is verified with the leaf's key.
 */
export class AppleSignedDataVerifier {
  constructor(
    private readonly root: X509Certificate,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async verify<T extends object>(jws: string): Promise<T> {
    try {
      const { payload } = await compactVerify(jws, (header) => this.leafKey(header), { algorithms: ['ES256'] });
      const decoded: unknown = JSON.parse(new TextDecoder().decode(payload));
      if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) refuse('The signed payload is not a JSON object.');
      return decoded as T;
    } catch (error) {
      if (error instanceof AppleSignatureRefused) throw error;
      if (error instanceof joseErrors.JOSEError) refuse(`The signature is not valid (${error.code}).`);
      if (error instanceof SyntaxError) refuse('The signed payload is not JSON.');
      throw error;
    }
  }

  private leafKey(header: CompactJWSHeaderParameters): KeyObject {
    const x5c = header.x5c;
    if (!Array.isArray(x5c) || x5c.length !== 3 || !x5c.every((entry) => typeof entry === 'string')) {
      refuse('The x5c header must hold the leaf, intermediate and root certificates.');
    }
    let certificates: X509Certificate[];
    try {
      certificates = x5c.map((entry) => new X509Certificate(Buffer.from(entry, 'base64')));
    } catch {
      refuse('A certificate of the x5c header cannot be read.');
    }
    const [leaf, intermediate, root] = certificates;
    if (root.fingerprint256 !== this.root.fingerprint256) refuse('The certificate chain does not end at the configured Apple root.');
    const now = this.now();
    if (![leaf, intermediate, this.root].every((certificate) => validAt(certificate, now))) {
      refuse('A certificate of the chain is expired or not yet valid.');
    }
    if (!intermediate.ca || !intermediate.checkIssued(this.root) || !intermediate.verify(this.root.publicKey)) {
      refuse('The intermediate certificate was not issued by the Apple root.');
    }
    if (!leaf.checkIssued(intermediate) || !leaf.verify(intermediate.publicKey)) {
      refuse('The signing certificate was not issued by the intermediate.');
    }
    if (!intermediate.raw.includes(INTERMEDIATE_MARKER) || !leaf.raw.includes(LEAF_MARKER)) {
      refuse('The certificates are not the ones Apple signs App Store data with.');
    }
    return leaf.publicKey;
  }
}
