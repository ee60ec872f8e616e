// Signing keys (RS256, RSA 2048) and cookie signing keys, generated once in
// OIDC_STATE_DIR and persisted so that restarts keep verifying previously
// issued tokens.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { readJsonFile, writeFileExclusive } from './files.mjs';
import { fail, log } from './log.mjs';

export function loadKeys(stateDir) {
  try {
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    fail(`OIDC_STATE_DIR: cannot create ${stateDir}: ${err.code || err.message}`);
  }

  const jwksFile = path.join(stateDir, 'jwks.json');
  if (!fs.existsSync(jwksFile)) {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    // RFC 7638 thumbprint as the key id.
    const kid = crypto.createHash('sha256')
      .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
      .digest('base64url');
    const doc = { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
    if (writeFileExclusive(jwksFile, `${JSON.stringify(doc, null, 2)}\n`)) {
      log(`generated new RS256 signing key ${kid} in ${jwksFile}`);
    }
  }
  const jwks = readJsonFile(jwksFile, 'signing keys');
  if (!jwks || !Array.isArray(jwks.keys) || !jwks.keys.some((k) => k && k.kty === 'RSA' && k.d)) {
    fail(`${jwksFile} does not contain a private RSA JWK; delete it to have a new one generated`);
  }

  const cookieKeysFile = path.join(stateDir, 'cookie-keys.json');
  if (!fs.existsSync(cookieKeysFile)) {
    const doc = { keys: [crypto.randomBytes(32).toString('base64url')] };
    writeFileExclusive(cookieKeysFile, `${JSON.stringify(doc, null, 2)}\n`);
  }
  const cookieKeys = readJsonFile(cookieKeysFile, 'cookie keys');
  if (!cookieKeys || !Array.isArray(cookieKeys.keys) || cookieKeys.keys.length === 0
    || !cookieKeys.keys.every((k) => typeof k === 'string' && k.length >= 16)) {
    fail(`${cookieKeysFile} is malformed; delete it to have a new one generated`);
  }
  return { jwks, cookieKeys: cookieKeys.keys };
}
