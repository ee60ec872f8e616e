// Configuration from environment variables (the contract is in README.md).
// loadConfig() validates everything and exits with `oidc-provider: error: ...`
// on the first problem, in the same order as the variables are listed below.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { fail, log } from './log.mjs';

// dev/oidc, where server.mjs and the default users.json live.
const OIDC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const DEFAULT_REDIRECT_URIS = [
  'http://localhost:4466/oidc-callback',
  'http://127.0.0.1:4466/oidc-callback',
];
const DEFAULT_POST_LOGOUT_REDIRECT_URIS = [
  'http://localhost:4466/',
  'http://127.0.0.1:4466/',
];
export const LISTEN_HOST = '127.0.0.1';

const REQUIRED_ENV = ['OIDC_ISSUER', 'OIDC_TLS_CERT', 'OIDC_TLS_KEY', 'OIDC_STATE_DIR', 'OIDC_CLIENT_SECRET'];

function requireEnv(name) {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    fail(`required environment variable ${name} is not set`);
  }
  return value.trim();
}

function optionalEnv(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    return fallback;
  }
  return value.trim();
}

function parseBool(name, fallback) {
  const raw = optionalEnv(name, undefined);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  return fail(`${name} must be 1 or 0 (got ${JSON.stringify(raw)})`);
}

function parseUriList(name, fallback) {
  const raw = optionalEnv(name, undefined);
  const list = raw === undefined
    ? fallback
    : raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) {
    fail(`${name} must list at least one URI`);
  }
  for (const uri of list) {
    let parsed;
    try {
      parsed = new URL(uri);
    } catch {
      fail(`${name}: ${JSON.stringify(uri)} is not an absolute URI`);
    }
    if (parsed.hash) {
      fail(`${name}: ${JSON.stringify(uri)} must not contain a fragment`);
    }
  }
  return list;
}

function readPem(name) {
  const file = requireEnv(name);
  try {
    return fs.readFileSync(file);
  } catch (err) {
    return fail(`${name}: cannot read ${file}: ${err.code || err.message}`);
  }
}

function parseIssuer() {
  const issuer = requireEnv('OIDC_ISSUER');
  let url;
  try {
    url = new URL(issuer);
  } catch {
    fail(`OIDC_ISSUER ${JSON.stringify(issuer)} is not an absolute URL`);
  }
  if (url.protocol !== 'https:') {
    fail(`OIDC_ISSUER must be an https:// URL (got ${JSON.stringify(issuer)})`);
  }
  if (url.username || url.password || url.search || url.hash || issuer.endsWith('?') || issuer.endsWith('#')) {
    fail(`OIDC_ISSUER must not contain credentials, a query or a fragment (got ${JSON.stringify(issuer)})`);
  }
  // The issuer string is published verbatim as `iss` and in discovery; relying
  // parties (kube-apiserver in particular) compare it byte for byte. Accept
  // only the bare origin form, e.g. https://127.0.0.1:5556 (no trailing slash,
  // no path), so there is exactly one spelling.
  if (url.pathname !== '/' || issuer.endsWith('/')) {
    fail(`OIDC_ISSUER must be a bare origin like https://127.0.0.1:5556 without a path or trailing slash (got ${JSON.stringify(issuer)})`);
  }
  if (issuer !== url.origin) {
    // e.g. upper-case host or an explicit default port: would not round-trip.
    fail(`OIDC_ISSUER must be written in normalised form ${JSON.stringify(url.origin)} (got ${JSON.stringify(issuer)})`);
  }
  const port = url.port === '' ? 443 : Number(url.port);
  if (!['127.0.0.1', 'localhost'].includes(url.hostname)) {
    log(`warning: OIDC_ISSUER host ${url.hostname} is not a loopback name; the server still listens on ${LISTEN_HOST} only`);
  }
  return { issuer, port };
}

function parseTtl() {
  const raw = optionalEnv('OIDC_ID_TOKEN_TTL', '600');
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1 || Number(raw) > 30 * 24 * 3600) {
    fail(`OIDC_ID_TOKEN_TTL must be a whole number of seconds between 1 and 2592000 (got ${JSON.stringify(raw)})`);
  }
  return Number(raw);
}

export function loadConfig() {
  const missing = REQUIRED_ENV.filter((name) => !process.env[name] || process.env[name].trim() === '');
  if (missing.length) {
    fail(`required environment variable${missing.length > 1 ? 's' : ''} not set: ${missing.join(', ')}`);
  }
  const { issuer, port } = parseIssuer();
  const tls = { cert: readPem('OIDC_TLS_CERT'), key: readPem('OIDC_TLS_KEY') };
  const stateDir = path.resolve(requireEnv('OIDC_STATE_DIR'));
  // Used verbatim (not trimmed); never logged.
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  const clientId = optionalEnv('OIDC_CLIENT_ID', 'lanthorn');
  const redirectUris = parseUriList('OIDC_REDIRECT_URIS', DEFAULT_REDIRECT_URIS);
  const postLogoutRedirectUris = parseUriList('OIDC_POST_LOGOUT_REDIRECT_URIS', DEFAULT_POST_LOGOUT_REDIRECT_URIS);
  const requirePkce = parseBool('OIDC_REQUIRE_PKCE', false);
  const tokenTtl = parseTtl();
  const logRequests = parseBool('OIDC_LOG_REQUESTS', false);
  const usersFile = optionalEnv('OIDC_USERS_FILE', path.join(OIDC_DIR, 'users.json'));
  return {
    issuer,
    port,
    tls,
    stateDir,
    clientSecret,
    clientId,
    redirectUris,
    postLogoutRedirectUris,
    requirePkce,
    tokenTtl,
    logRequests,
    usersFile,
  };
}
