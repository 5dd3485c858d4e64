// The RSA key that signs the gateway's Telephony Integration API JWTs, and the X.509 certificate an admin pastes on
// the contact center (import-XML item `reqTelephonyIntegrationCertificate`). Reference: voice-platform.md §6.2 —
// RSA 1024/2048/4096 (2048 recommended), a self-signed certificate made with OpenSSL.
//
// Node has no API that makes certificates, so development keys come from the `openssl` binary when it is there;
// without it a bare key pair is made with node:crypto and the caller is told how to make the certificate.
// Nothing here logs or returns key material in text: the private key leaves this module as a KeyObject only.
import { execFile } from 'node:child_process';
import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPair } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { access, chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const generateKeyPairAsync = promisify(generateKeyPair);

export const DEV_PRIVATE_KEY_FILE = 'telephony-private-key.pem';
export const DEV_CERTIFICATE_FILE = 'telephony-certificate.pem';
export const DEV_PUBLIC_KEY_FILE = 'telephony-public-key.pem';

/** Smallest key the reference allows; anything smaller is refused. */
const MIN_MODULUS_BITS = 1024;
/** Below this a key works but is weak: the reference recommends 2048. */
const RECOMMENDED_MODULUS_BITS = 2048;

/** Key material is wrong or unreadable; the message says which file and what to do. */
export class KeyMaterialError extends Error {
    override readonly name = 'KeyMaterialError';
}

export interface TelephonyKeyPair {
    /** Signs the JWTs. Never serialise it. */
    privateKey: KeyObject;
    publicKey: KeyObject;
    /** SPKI PEM of the public key (public: fine to show, e.g. to an emulator). */
    publicKeyPem: string;
    /** Self-signed certificate PEM for the contact center; absent when it could not be made. */
    certificatePem?: string;
    modulusLength: number;
    privateKeyPath: string;
    certificatePath?: string;
    /** Things that work but deserve attention (a 1024-bit key, an expired certificate). */
    warnings: string[];
}

export interface DevKeyPair extends TelephonyKeyPair {
    /** True when this call made the key (first run). */
    created: boolean;
    /** What the developer still has to do, e.g. make the certificate when openssl was missing. */
    note?: string;
}

export interface DevKeyOptions {
    /** The openssl binary; `false` to act as if it were missing (tests). Default `openssl` from PATH. */
    openssl?: string | false;
    /** Certificate subject common name. */
    commonName?: string;
    /** Certificate validity in days. */
    days?: number;
}

/**
 * Loads the development key pair from `dir`, making it on first run: an RSA 2048 key (file mode 0600) and a
 * self-signed certificate when openssl is available, otherwise the key and its public key PEM with a `note`.
 * `dir` must be git-ignored (the gateway uses `.switchboard/`). An existing key is never overwritten: if only the
 * certificate is missing, it is made from the existing key.
 */
export async function loadOrCreateDevKeyPair(dir: string, options: DevKeyOptions = {}): Promise<DevKeyPair> {
    const openssl = options.openssl ?? 'openssl';
    const subject = `/CN=${options.commonName ?? 'switchboard-dev'}`;
    const days = String(options.days ?? 365);
    const keyPath = join(dir, DEV_PRIVATE_KEY_FILE);
    const certPath = join(dir, DEV_CERTIFICATE_FILE);
    const publicKeyPath = join(dir, DEV_PUBLIC_KEY_FILE);
    // 0700: the directory holds a private key; mkdir leaves an existing directory's mode alone.
    await mkdir(dir, { recursive: true, mode: 0o700 });

    const keyExists = await exists(keyPath);
    if (keyExists && (await exists(certPath))) {
        return { ...(await loadKeyPair(keyPath, certPath)), created: false };
    }

    let created = false;
    if (!keyExists) {
        created = true;
        // Written under a temporary name and renamed, so a crash never leaves a half-written key to be loaded.
        const partialKeyPath = `${keyPath}.${process.pid}.partial`;
        const partialCertPath = `${certPath}.${process.pid}.partial`;
        try {
            const madeByOpenssl =
                openssl !== false &&
                (await runOpenssl(openssl, [
                    'req',
                    '-x509',
                    '-newkey',
                    'rsa:2048',
                    '-nodes',
                    '-sha256',
                    '-keyout',
                    partialKeyPath,
                    '-out',
                    partialCertPath,
                    '-days',
                    days,
                    '-subj',
                    subject
                ]));
            if (madeByOpenssl) {
                await chmod(partialKeyPath, 0o600);
                await rename(partialKeyPath, keyPath);
                await rename(partialCertPath, certPath);
                return { ...(await loadKeyPair(keyPath, certPath)), created };
            }
            const pair = await generateKeyPairAsync('rsa', { modulusLength: RECOMMENDED_MODULUS_BITS });
            const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'pem' });
            await writeFile(partialKeyPath, pkcs8, { mode: 0o600 });
            await rename(partialKeyPath, keyPath);
        } finally {
            await rm(partialKeyPath, { force: true });
            await rm(partialCertPath, { force: true });
        }
    }

    // The key exists and the certificate does not: make it from the key when openssl can.
    const certArgs = ['req', '-x509', '-key', keyPath, '-sha256', '-out', certPath, '-days', days, '-subj', subject];
    if (openssl !== false && (await runOpenssl(openssl, certArgs))) {
        return { ...(await loadKeyPair(keyPath, certPath)), created };
    }
    const keyOnly = await loadPrivateKey(keyPath);
    await writeFile(publicKeyPath, keyOnly.publicKeyPem, { mode: 0o644 });
    return {
        ...keyOnly,
        created,
        note:
            `openssl was not found, so no certificate was made. The public key is in ${publicKeyPath} (enough for ` +
            `the emulator). A real org needs the certificate on the contact center: run ` +
            `\`openssl ${certArgs.join(' ')}\` and paste ${certPath} into reqTelephonyIntegrationCertificate.`
    };
}

/**
 * Loads production key material: a PEM private key (RSA, at least 1024 bits; 1024 gives a warning) and the
 * certificate configured on the contact center, which must carry the same public key.
 */
export async function loadKeyPair(privateKeyPath: string, certificatePath: string): Promise<TelephonyKeyPair> {
    const keyOnly = await loadPrivateKey(privateKeyPath);
    const certText = await readText(certificatePath, 'certificate');
    if (!certText.includes('-----BEGIN CERTIFICATE-----')) {
        throw new KeyMaterialError(`${certificatePath} is not a PEM certificate (no "BEGIN CERTIFICATE" line)`);
    }
    let certificate: X509Certificate;
    try {
        certificate = new X509Certificate(certText);
    } catch (error) {
        throw new KeyMaterialError(`${certificatePath} is not a readable X.509 certificate: ${describe(error)}`);
    }
    const spki = (key: KeyObject): string => key.export({ type: 'spki', format: 'der' }).toString('base64');
    if (spki(certificate.publicKey) !== spki(keyOnly.publicKey)) {
        throw new KeyMaterialError(
            `${certificatePath} does not belong to ${privateKeyPath}: Salesforce would reject every JWT. ` +
                `Make the certificate from this key (openssl req -x509 -key ...) or configure the matching key.`
        );
    }
    const warnings = [...keyOnly.warnings];
    if (Date.parse(certificate.validTo) < Date.now()) {
        warnings.push(`The certificate ${certificatePath} expired on ${certificate.validTo}.`);
    }
    return { ...keyOnly, warnings, certificatePem: certText, certificatePath };
}

async function loadPrivateKey(privateKeyPath: string): Promise<TelephonyKeyPair> {
    const text = await readText(privateKeyPath, 'private key');
    if (!/-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----/.test(text)) {
        throw new KeyMaterialError(`${privateKeyPath} is not a PEM private key (no "BEGIN PRIVATE KEY" line)`);
    }
    if (text.includes('ENCRYPTED PRIVATE KEY') || text.includes('Proc-Type: 4,ENCRYPTED')) {
        throw new KeyMaterialError(`${privateKeyPath} is encrypted; the gateway needs an unencrypted key file`);
    }
    let privateKey: KeyObject;
    try {
        privateKey = createPrivateKey(text);
    } catch (error) {
        throw new KeyMaterialError(`${privateKeyPath} is not a readable PEM private key: ${describe(error)}`);
    }
    if (privateKey.asymmetricKeyType !== 'rsa') {
        throw new KeyMaterialError(
            `${privateKeyPath} is a ${privateKey.asymmetricKeyType ?? 'non-asymmetric'} key; RS256 needs an RSA key`
        );
    }
    const modulusLength = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
    if (modulusLength < MIN_MODULUS_BITS) {
        throw new KeyMaterialError(
            `${privateKeyPath} is a ${modulusLength}-bit RSA key; Salesforce accepts 1024, 2048 or 4096 bits (2048 recommended)`
        );
    }
    const warnings: string[] = [];
    if (modulusLength < RECOMMENDED_MODULUS_BITS) {
        warnings.push(`${privateKeyPath} is a ${modulusLength}-bit RSA key; 2048 bits is recommended.`);
    }
    const publicKey = createPublicKey(privateKey);
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    return { privateKey, publicKey, publicKeyPem, modulusLength, privateKeyPath, warnings };
}

async function readText(path: string, what: string): Promise<string> {
    try {
        return await readFile(path, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new KeyMaterialError(`The ${what} file ${path} does not exist`);
        if (code === 'EACCES') throw new KeyMaterialError(`The ${what} file ${path} is not readable by this user`);
        throw new KeyMaterialError(`The ${what} file ${path} could not be read: ${describe(error)}`);
    }
}

/** Runs openssl; false when it is not installed. Other failures throw, with openssl's own message. */
async function runOpenssl(openssl: string, args: string[]): Promise<boolean> {
    try {
        await execFileAsync(openssl, args, { timeout: 60_000 });
        return true;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        // stderr carries openssl's diagnostics (its progress dots and errors), never key material.
        const stderr = (error as { stderr?: unknown }).stderr;
        const detail = typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim() : describe(error);
        throw new KeyMaterialError(`openssl ${args[0] ?? ''} failed: ${detail}`);
    }
}

async function exists(path: string): Promise<boolean> {
    try {
        await access(path);
        return true;
    } catch {
        return false;
    }
}

function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
