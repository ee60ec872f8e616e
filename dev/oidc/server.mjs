// Lanthorn local development OpenID Connect provider.
//
// Built on the `oidc-provider` package (v9). Development use only: users and
// passwords come from a JSON file, all grants/sessions/tokens live in memory
// (a restart logs everybody out and invalidates refresh tokens; the signing
// keys survive restarts because they are persisted in OIDC_STATE_DIR).
//
// Configured only through environment variables; see README.md next to this
// file for the full contract. Listens on 127.0.0.1 only, over HTTPS.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import Provider from 'oidc-provider';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const DEFAULT_REDIRECT_URIS = [
  'http://localhost:4466/oidc-callback',
  'http://127.0.0.1:4466/oidc-callback',
];
const DEFAULT_POST_LOGOUT_REDIRECT_URIS = [
  'http://localhost:4466/',
  'http://127.0.0.1:4466/',
];
const LISTEN_HOST = '127.0.0.1';
const MAX_FORM_BYTES = 16 * 1024;

// --------------------------------------------------------------------------
// small helpers

function fail(message) {
  process.stderr.write(`oidc-provider: error: ${message}\n`);
  process.exit(1);
}

function log(message) {
  process.stderr.write(`oidc-provider: ${message}\n`);
}

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

function htmlEscape(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Write `data` to `file` only if it does not exist yet (safe against two
// instances racing on the same state dir). Returns false if it already existed.
function writeFileExclusive(file, data) {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if (err.code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readJsonFile(file, what) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return fail(`cannot load ${what} from ${file}: ${err.code || err.message}`);
  }
}

// --------------------------------------------------------------------------
// configuration from the environment

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

function loadUsers() {
  const file = optionalEnv('OIDC_USERS_FILE', path.join(HERE, 'users.json'));
  const doc = readJsonFile(file, 'users');
  if (!Array.isArray(doc)) {
    fail(`${file}: expected an array of {"username", "password", "name", "groups"} objects`);
  }
  const users = new Map();
  for (const entry of doc) {
    const username = entry?.username;
    if (typeof username !== 'string' || username === '' || typeof entry.password !== 'string' || entry.password === ''
      || !Array.isArray(entry.groups) || !entry.groups.every((g) => typeof g === 'string')) {
      fail(`${file}: every user needs a non-empty "username" and "password" and a "groups" array of strings (bad entry: ${JSON.stringify(username ?? null)})`);
    }
    if (users.has(username)) {
      fail(`${file}: user ${JSON.stringify(username)} is listed twice`);
    }
    users.set(username, {
      username,
      password: entry.password,
      name: typeof entry.name === 'string' ? entry.name : username,
      groups: [...entry.groups],
    });
  }
  if (users.size === 0) {
    fail(`${file}: no users defined`);
  }
  return users;
}

// Signing keys (RS256, RSA 2048) and cookie signing keys, generated once and
// persisted so that restarts keep verifying previously issued tokens.
function loadState(stateDir) {
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

const REQUIRED_ENV = ['OIDC_ISSUER', 'OIDC_TLS_CERT', 'OIDC_TLS_KEY', 'OIDC_STATE_DIR', 'OIDC_CLIENT_SECRET'];
{
  const missing = REQUIRED_ENV.filter((name) => !process.env[name] || process.env[name].trim() === '');
  if (missing.length) {
    fail(`required environment variable${missing.length > 1 ? 's' : ''} not set: ${missing.join(', ')}`);
  }
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
const users = loadUsers();
const { jwks, cookieKeys } = loadState(stateDir);

// --------------------------------------------------------------------------
// accounts

function checkPassword(username, password) {
  const user = users.get(username);
  // Compare digests so the comparison time does not depend on the lengths.
  const want = crypto.createHash('sha256').update(user ? user.password : 'x').digest();
  const got = crypto.createHash('sha256').update(String(password)).digest();
  return Boolean(user) && crypto.timingSafeEqual(want, got) ? user : undefined;
}

async function findAccount(_ctx, sub) {
  const user = users.get(sub);
  if (!user) return undefined;
  return {
    accountId: user.username,
    // The provider keeps only the claims of the granted scopes (see `claims`).
    async claims() {
      return {
        sub: user.username,
        email: user.username,
        email_verified: true,
        name: user.name,
        groups: [...user.groups],
      };
    },
  };
}

// --------------------------------------------------------------------------
// HTML

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlEscape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f4f5;margin:0;padding:40px 16px}
main{max-width:360px;margin:0 auto;background:#fff;border-radius:6px;padding:24px 28px;box-shadow:0 1px 3px rgba(0,0,0,.2)}
h1{font-size:1.3em;margin-top:0}
label{display:block;margin:12px 0 4px}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:8px;font-size:1em}
button{margin-top:16px;padding:8px 14px;font-size:1em}
.error{color:#b00020;background:#fdecea;border-radius:4px;padding:8px}
.hint{color:#555;font-size:.85em}
pre{white-space:pre-wrap;word-break:break-word}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function loginPage({ uid, username, error, clientName, scope }) {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  // The error is repeated in <title> so it shows up in the first few hundred
  // bytes of the response (what test harnesses usually print on failure).
  return page(error ? `Sign-in failed: ${error}` : 'Sign in - Lanthorn dev OIDC', `<h1>Sign in</h1>
<p class="hint">Lanthorn development identity provider${clientName ? ` &middot; client <b>${htmlEscape(clientName)}</b>` : ''}${scope ? ` &middot; scope <code>${htmlEscape(scope)}</code>` : ''}</p>
${error ? `<p class="error" role="alert" id="login-error">${htmlEscape(error)}</p>\n` : ''}<form method="post" action="${htmlEscape(action)}" enctype="application/x-www-form-urlencoded">
<label for="username">Email</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" value="${htmlEscape(username)}" required${username ? '' : ' autofocus'}>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${username ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
<form method="post" action="${htmlEscape(`${action}/abort`)}">
<button type="submit">Cancel</button>
</form>`);
}

function messagePage(title, text) {
  return page(title, `<h1>${htmlEscape(title)}</h1>\n<p>${htmlEscape(text)}</p>`);
}

// --------------------------------------------------------------------------
// the provider

const ALL_SCOPES = ['openid', 'offline_access', 'email', 'profile', 'groups'];

async function loadExistingGrant(ctx) {
  const { oidc } = ctx;
  const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
  let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  if (oidc.client.clientId !== clientId) {
    return grant;
  }
  // First-party client: grant whatever supported scopes/claims it asks for,
  // so the consent prompt never triggers on its own.
  if (!grant) {
    grant = new oidc.provider.Grant({ accountId: oidc.session.accountId, clientId: oidc.client.clientId });
  }
  const scopes = [...oidc.requestParamOIDCScopes];
  if (scopes.length) grant.addOIDCScope(scopes.join(' '));
  const claims = [...oidc.requestParamClaims];
  if (claims.length) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

const configuration = {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    client_name: 'Lanthorn',
    application_type: 'web',
    redirect_uris: redirectUris,
    post_logout_redirect_uris: postLogoutRedirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // oidc-provider accepts both client_secret_basic and client_secret_post
    // from a client registered with either of the two.
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks,
  cookies: {
    keys: cookieKeys,
    names: {
      session: '_lanthorn_op_session',
      interaction: '_lanthorn_op_interaction',
      resume: '_lanthorn_op_resume',
    },
    long: { httpOnly: true, sameSite: 'lax', secure: true },
    short: { httpOnly: true, sameSite: 'lax', secure: true },
  },
  scopes: ALL_SCOPES,
  responseTypes: ['code'],
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
  claims: {
    acr: null,
    auth_time: null,
    iss: null,
    sid: null,
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  // Put scope claims (email, name, groups) into the ID token itself.
  conformIdTokenClaims: false,
  findAccount,
  loadExistingGrant,
  // Refresh tokens for every code exchange, no offline_access needed.
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  pkce: { required: () => requirePkce },
  interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    revocation: {
      enabled: true,
      allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
    },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        // `form` is the provider's <form id="op.logoutForm" ...><input name="xsrf"></form>;
        // put the buttons inside it so a plain form post (no form= attribute,
        // no JavaScript) works.
        const withButtons = form.replace('</form>', '<button type="submit" name="logout" value="yes" autofocus>Yes, sign me out</button>\n<button type="submit">No, stay signed in</button></form>');
        ctx.type = 'html';
        ctx.body = page('Sign out - Lanthorn dev OIDC', `<h1>Sign out of the Lanthorn dev identity provider?</h1>\n${withButtons}`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.type = 'html';
        ctx.body = messagePage('Signed out', 'You have been signed out of the Lanthorn development identity provider.');
      },
    },
    userinfo: { enabled: true },
    resourceIndicators: { enabled: false },
  },
  enabledJWA: {
    idTokenSigningAlgValues: ['RS256'],
    userinfoSigningAlgValues: ['RS256'],
  },
  ttl: {
    AccessToken: tokenTtl,
    IdToken: tokenTtl,
    AuthorizationCode: 60,
    RefreshToken: 14 * 24 * 3600,
    Interaction: 3600,
    Session: 14 * 24 * 3600,
    Grant: 14 * 24 * 3600,
  },
  clientBasedCORS: () => false,
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    const lines = Object.entries(out).map(([k, v]) => `${k}: ${v}`).join('\n');
    ctx.body = page(`Error: ${out.error}${out.error_description ? ` - ${out.error_description}` : ''}`, `<h1>Something went wrong</h1>\n<pre>${htmlEscape(lines)}</pre>`);
  },
};

let provider;
try {
  provider = new Provider(issuer, configuration);
} catch (err) {
  fail(`invalid provider configuration: ${err.message}`);
}

// Errors the provider returns to clients: log the OAuth error code, its
// description and the server-side-only detail (e.g. "invalid secret provided",
// "refresh token already used"); these never contain token or secret values.
for (const event of ['authorization.error', 'grant.error', 'end_session.error', 'end_session_confirm.error', 'revocation.error', 'userinfo.error', 'discovery.error', 'jwks.error']) {
  provider.on(event, (_ctx, err) => {
    const parts = [err.error || err.name];
    if (err.error_description) parts.push(`description: ${err.error_description}`);
    if (err.error_detail) parts.push(`detail: ${err.error_detail}`);
    log(`${event}: ${parts.join('; ')}`);
  });
}
// Revocation (RFC 7009) destroys the refresh token: say for whom, never the token, so
// tests can see a relying party's sign-out reach the provider.
provider.on('refresh_token.destroyed', (token) => {
  log(`refresh token revoked for ${token.accountId}`);
});
provider.on('server_error', (_ctx, err) => {
  log(`server_error: ${err.stack || err.message}`);
});

async function readForm(ctx) {
  const type = String(ctx.get('content-type') || '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    ctx.throw(415, 'expected an application/x-www-form-urlencoded body');
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) ctx.throw(413, 'form body too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function interactionOrNull(ctx, uid) {
  try {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    return details.uid === uid ? details : null;
  } catch {
    return null;
  }
}

function staleInteraction(ctx) {
  ctx.status = 400;
  ctx.type = 'html';
  ctx.body = messagePage('Sign-in expired', 'This sign-in page is no longer valid (expired, already used, or opened without the provider cookies). Start the sign-in again from the application.');
}

async function finishConsent(ctx, details) {
  // No consent screen: approve whatever the prompt says is missing.
  const { prompt: { details: missing }, grantId, session, params } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  if (missing.missingResourceScopes) {
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes)) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
  }
  const savedGrantId = await grant.save();
  const returnTo = await provider.interactionResult(
    ctx.req,
    ctx.res,
    { consent: { grantId: savedGrantId } },
    { mergeWithLastSubmission: true },
  );
  ctx.status = 303;
  ctx.redirect(returnTo);
}

async function renderLogin(ctx, details, { username = '', error } = {}) {
  const client = await provider.Client.find(details.params.client_id);
  ctx.type = 'html';
  ctx.body = loginPage({
    uid: details.uid,
    username: username || details.params.login_hint || '',
    error,
    clientName: client?.clientName || details.params.client_id,
    scope: details.params.scope,
  });
}

// Our own routes run before the provider's router.
provider.use(async (ctx, next) => {
  const started = Date.now();
  try {
    await handle(ctx, next);
  } finally {
    if (logRequests) {
      log(`${ctx.method} ${ctx.path} -> ${ctx.status} (${Date.now() - started} ms)`);
    }
  }
});

async function handle(ctx, next) {
  if (ctx.path === '/healthz') {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') ctx.throw(405);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/plain';
    ctx.body = 'ok\n';
    return;
  }

  const m = /^\/interaction\/([A-Za-z0-9_-]+)(\/abort)?$/.exec(ctx.path);
  if (!m) {
    await next();
    return;
  }
  const [, uid, abort] = m;
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Pragma', 'no-cache');

  const details = await interactionOrNull(ctx, uid);
  if (!details) {
    staleInteraction(ctx);
    return;
  }

  if (abort) {
    if (ctx.method !== 'POST') ctx.throw(405);
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, {
      error: 'access_denied',
      error_description: 'End-User aborted the sign-in',
    }, { mergeWithLastSubmission: false });
    ctx.status = 303;
    ctx.redirect(returnTo);
    return;
  }

  if (details.prompt.name === 'consent') {
    await finishConsent(ctx, details);
    return;
  }
  if (details.prompt.name !== 'login') {
    ctx.throw(501, `unsupported interaction prompt ${details.prompt.name}`);
  }

  if (ctx.method === 'GET' || ctx.method === 'HEAD') {
    await renderLogin(ctx, details);
    return;
  }
  if (ctx.method !== 'POST') ctx.throw(405);

  const form = await readForm(ctx);
  const username = (form.get('username') || '').trim();
  const password = form.get('password') || '';
  const user = username && password ? checkPassword(username, password) : undefined;
  if (!user) {
    log(`login failed for ${JSON.stringify(username)}`);
    ctx.status = 401;
    await renderLogin(ctx, details, {
      username,
      error: username && password ? 'Invalid email or password.' : 'Enter your email and password.',
    });
    return;
  }
  log(`login ok for ${user.username}`);
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, {
    login: { accountId: user.username },
  }, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(returnTo);
}

// --------------------------------------------------------------------------
// serve

let server;
try {
  server = https.createServer({ cert: tls.cert, key: tls.key }, provider.callback());
} catch (err) {
  fail(`cannot use OIDC_TLS_CERT/OIDC_TLS_KEY: ${err.message}`);
}

server.on('error', (err) => {
  if (err.code === 'EADDRINUSE') {
    fail(`port ${port} on ${LISTEN_HOST} is already in use (taken from OIDC_ISSUER ${issuer})`);
  }
  if (err.code === 'EACCES') {
    fail(`not allowed to listen on port ${port} on ${LISTEN_HOST} (taken from OIDC_ISSUER ${issuer})`);
  }
  fail(`cannot listen on ${LISTEN_HOST}:${port}: ${err.message}`);
});

server.listen(port, LISTEN_HOST, () => {
  process.stdout.write(`oidc-provider listening on ${issuer}\n`);
});

function shutdown(signal) {
  log(`received ${signal}, shutting down`);
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
