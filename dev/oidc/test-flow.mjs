// Self-check for the Lanthorn dev OIDC provider: performs the authorization
// code flow (with PKCE) the way a non-browser client would, then refreshes,
// revokes and signs out. Node built-ins only.
//
// Input (environment):
//   OIDC_ISSUER         issuer URL, e.g. https://127.0.0.1:5556      (required)
//   OIDC_CA_FILE        PEM CA bundle that signed the provider cert  (required)
//   OIDC_CLIENT_SECRET  client secret                                (required)
//   OIDC_USER           username (email) to sign in as               (required)
//   OIDC_PASSWORD       password                                     (required)
//   OIDC_CLIENT_ID      default lanthorn
//   OIDC_REDIRECT_URI   default http://127.0.0.1:4466/oidc-callback
//   OIDC_POST_LOGOUT_REDIRECT_URI  default http://127.0.0.1:4466/
//   OIDC_SCOPE          default "openid email profile groups"
//   OIDC_PKCE           default 1; 0 sends the request without code_challenge
//   OIDC_AUTH_PARAMS    extra authorization request parameters, URL-encoded
//                       (e.g. "prompt=consent&login_hint=a%40b"), default none
//
// Output: the ID token claims as one JSON document on stdout; progress on
// stderr. Tokens, codes and secrets are never printed. Exit status 0 on
// success, 1 on any failure (with a message on stderr).

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';

class FlowError extends Error {}

function die(message) {
  process.stderr.write(`test-flow: FAIL: ${message}\n`);
  process.exit(1);
}

function step(message) {
  process.stderr.write(`test-flow: ${message}\n`);
}

function env(name, fallback) {
  const v = process.env[name];
  if (v === undefined || v === '') {
    if (fallback === undefined) die(`required environment variable ${name} is not set`);
    return fallback;
  }
  return v;
}

const issuer = env('OIDC_ISSUER');
const caFile = env('OIDC_CA_FILE');
const clientId = env('OIDC_CLIENT_ID', 'lanthorn');
const clientSecret = env('OIDC_CLIENT_SECRET');
const user = env('OIDC_USER');
const password = env('OIDC_PASSWORD');
const redirectUri = env('OIDC_REDIRECT_URI', 'http://127.0.0.1:4466/oidc-callback');
const postLogoutRedirectUri = env('OIDC_POST_LOGOUT_REDIRECT_URI', 'http://127.0.0.1:4466/');
const scope = env('OIDC_SCOPE', 'openid email profile groups');
const usePkce = !/^(0|false|no|off)$/i.test(env('OIDC_PKCE', '1'));
const extraAuthParams = new URLSearchParams(env('OIDC_AUTH_PARAMS', ''));

let ca;
try {
  ca = fs.readFileSync(caFile);
} catch (err) {
  die(`cannot read OIDC_CA_FILE ${caFile}: ${err.code || err.message}`);
}
const agent = new https.Agent({ ca, keepAlive: false });

// ---------------------------------------------------------------- HTTP + cookies

// Minimal cookie jar: name/value per host with Path, enough for the provider.
const jar = [];

function storeCookies(url, setCookie) {
  for (const header of setCookie || []) {
    const [pair, ...attrs] = header.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    if (eq < 1) continue;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let cookiePath = '/';
    let expired = false;
    for (const attr of attrs) {
      const [k, v = ''] = attr.split('=');
      const key = k.toLowerCase();
      if (key === 'path' && v.startsWith('/')) cookiePath = v;
      if (key === 'expires' && Date.parse(v) <= Date.now()) expired = true;
      if (key === 'max-age' && Number(v) <= 0) expired = true;
    }
    const host = url.host;
    const i = jar.findIndex((c) => c.host === host && c.name === name && c.path === cookiePath);
    if (i !== -1) jar.splice(i, 1);
    if (!expired && value !== '') jar.push({ host, name, value, path: cookiePath });
  }
}

function cookieHeader(url) {
  const matches = jar.filter((c) => c.host === url.host
    && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)));
  return matches.map((c) => `${c.name}=${c.value}`).join('; ');
}

function request(method, target, { headers = {}, form, cookies = true } = {}) {
  const url = new URL(target);
  if (url.protocol !== 'https:') {
    throw new FlowError(`refusing to send a request to non-https URL ${url.origin}${url.pathname}`);
  }
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const h = { accept: '*/*', ...headers };
  if (body !== undefined) {
    h['content-type'] = 'application/x-www-form-urlencoded';
    h['content-length'] = Buffer.byteLength(body);
  }
  if (cookies) {
    const c = cookieHeader(url);
    if (c) h.cookie = c;
  }
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers: h, agent }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        if (cookies) storeCookies(url, res.headers['set-cookie']);
        resolve({
          url,
          status: res.statusCode,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', reject);
    });
    req.on('error', (err) => reject(new FlowError(`${method} ${url.origin}${url.pathname}: ${err.message}`)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function json(res, what) {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new FlowError(`${what}: HTTP ${res.status}, body is not JSON`);
  }
}

// Follow redirects within the provider (GET after 302/303), stop as soon as a
// Location points at the client's redirect URI (nothing listens there).
async function follow(res, stopPrefix) {
  for (let hops = 0; hops < 15; hops += 1) {
    if (![301, 302, 303, 307, 308].includes(res.status)) return { res };
    const location = new URL(res.headers.location, res.url).href;
    if (location.startsWith(stopPrefix)) return { location };
    res = await request('GET', location);
  }
  throw new FlowError('too many redirects');
}

// ---------------------------------------------------------------- HTML forms

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|#39|apos);/gi, (m, e) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
    if (l.startsWith('#')) return String.fromCodePoint(parseInt(l.slice(1), 10));
    return m;
  });
}

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

// Returns [{ action, method, fields: [{tag, name, value, type}] }]
function parseForms(html, baseUrl) {
  const forms = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const a = attrs(m[1]);
    const fields = [];
    for (const f of m[2].matchAll(/<(input|button)\b([^>]*)>/gi)) {
      const fa = attrs(f[2]);
      fields.push({ tag: f[1].toLowerCase(), ...fa });
    }
    forms.push({
      action: new URL(a.action || baseUrl.href, baseUrl).href,
      method: (a.method || 'get').toLowerCase(),
      fields,
    });
  }
  return forms;
}

function decodeJwtPart(part, what) {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new FlowError(`${what} is not a valid JWT`);
  }
}

// Decode and verify an RS256 ID token against the provider's JWKS.
function verifyIdToken(idToken, jwks, { nonce } = {}) {
  const parts = String(idToken).split('.');
  if (parts.length !== 3) throw new FlowError('id_token is not a compact JWS');
  const header = decodeJwtPart(parts[0], 'id_token header');
  const claims = decodeJwtPart(parts[1], 'id_token payload');
  if (header.alg !== 'RS256') throw new FlowError(`id_token alg is ${header.alg}, expected RS256`);
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new FlowError(`id_token kid ${header.kid} not in the provider JWKS`);
  const ok = crypto.verify(
    'sha256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    crypto.createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(parts[2], 'base64url'),
  );
  if (!ok) throw new FlowError('id_token signature does not verify');
  if (claims.iss !== issuer) throw new FlowError(`id_token iss ${JSON.stringify(claims.iss)} != OIDC_ISSUER ${JSON.stringify(issuer)}`);
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(clientId)) throw new FlowError(`id_token aud ${JSON.stringify(claims.aud)} does not contain ${clientId}`);
  const now = Math.floor(Date.now() / 1000);
  if (!(claims.exp > now)) throw new FlowError('id_token is already expired');
  if (nonce !== undefined && claims.nonce !== nonce) throw new FlowError('id_token nonce mismatch');
  return claims;
}

function basicAuth() {
  // RFC 6749 2.3.1: form-encode id and secret before base64.
  const enc = (s) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString('base64')}`;
}

function oauthError(res, what) {
  let detail = '';
  try {
    const body = JSON.parse(res.text);
    detail = `${body.error}${body.error_description ? `: ${body.error_description}` : ''}`;
  } catch {
    detail = res.text.slice(0, 200);
  }
  return new FlowError(`${what} failed: HTTP ${res.status} ${detail}`);
}

// ---------------------------------------------------------------- the flow

async function main() {
  // 1. discovery
  const discoRes = await request('GET', `${issuer}/.well-known/openid-configuration`, { cookies: false });
  if (discoRes.status !== 200) throw new FlowError(`discovery: HTTP ${discoRes.status}`);
  const disco = json(discoRes, 'discovery');
  if (disco.issuer !== issuer) {
    throw new FlowError(`discovery issuer ${JSON.stringify(disco.issuer)} != OIDC_ISSUER ${JSON.stringify(issuer)} (must match exactly)`);
  }
  for (const k of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'revocation_endpoint', 'end_session_endpoint']) {
    if (!disco[k]) throw new FlowError(`discovery lacks ${k}`);
  }
  const jwks = json(await request('GET', disco.jwks_uri, { cookies: false }), 'jwks');
  step(`discovery ok (issuer ${disco.issuer}, ${jwks.keys.length} signing key(s))`);

  // 2. authorization request
  const state = crypto.randomBytes(16).toString('base64url');
  const nonce = crypto.randomBytes(16).toString('base64url');
  const verifier = crypto.randomBytes(32).toString('base64url');
  const authUrl = new URL(disco.authorization_endpoint);
  authUrl.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope,
    state,
    nonce,
    ...(usePkce ? {
      code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    } : {}),
  });
  for (const [k, v] of extraAuthParams) authUrl.searchParams.set(k, v);
  let r = await follow(await request('GET', authUrl.href), redirectUri);

  // 3. login form (skipped if a session already exists)
  if (!r.location) {
    const page = r.res;
    if (page.status !== 200) throw new FlowError(`authorization: HTTP ${page.status} instead of a login form: ${page.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`);
    const form = parseForms(page.text, page.url).find((f) => f.fields.some((x) => x.name === 'password'));
    if (!form) throw new FlowError('no login form with a password input on the interaction page');
    if (form.method !== 'post') throw new FlowError(`login form method is ${form.method}, expected post`);
    for (const name of ['username', 'password']) {
      if (!form.fields.some((x) => x.tag === 'input' && x.name === name)) throw new FlowError(`login form has no input named ${name}`);
    }
    step(`login form at ${new URL(page.url).pathname}, posting to ${new URL(form.action).pathname}`);
    const fields = {};
    for (const f of form.fields) {
      if (f.tag === 'input' && f.name && f.type === 'hidden') fields[f.name] = f.value || '';
    }
    fields.username = user;
    fields.password = password;
    const posted = await request('POST', form.action, { form: fields });
    if (posted.status === 401 || posted.status === 200) {
      const msg = /<p class="error"[^>]*>([\s\S]*?)<\/p>/.exec(posted.text);
      throw new FlowError(`login rejected (HTTP ${posted.status}): ${msg ? decodeEntities(msg[1]) : 'no error message found'}`);
    }
    r = await follow(posted, redirectUri);
    if (!r.location) throw new FlowError(`after login: HTTP ${r.res.status} instead of a redirect to ${redirectUri}`);
  }

  // 4. the code, from the redirect Location (not followed)
  const cb = new URL(r.location);
  const q = cb.searchParams;
  if (q.get('error')) {
    throw new FlowError(`authorization error returned to the client: ${q.get('error')}${q.get('error_description') ? `: ${q.get('error_description')}` : ''}`);
  }
  if (q.get('state') !== state) throw new FlowError('state mismatch in the authorization response');
  if (q.has('iss') && q.get('iss') !== issuer) throw new FlowError(`iss in the authorization response is ${q.get('iss')}`);
  const code = q.get('code');
  if (!code) throw new FlowError('no code in the authorization response');
  step(`got an authorization code at ${cb.origin}${cb.pathname}`);

  // 5. code exchange (client_secret_basic)
  const tokenRes = await request('POST', disco.token_endpoint, {
    cookies: false,
    headers: { authorization: basicAuth(), accept: 'application/json' },
    form: {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      ...(usePkce ? { code_verifier: verifier } : {}),
    },
  });
  if (tokenRes.status !== 200) throw oauthError(tokenRes, 'code exchange');
  const tokens = json(tokenRes, 'token response');
  if (!tokens.id_token) throw new FlowError('token response has no id_token');
  if (!tokens.access_token) throw new FlowError('token response has no access_token');
  if (!tokens.refresh_token) throw new FlowError('token response has no refresh_token');
  const claims = verifyIdToken(tokens.id_token, jwks, { nonce });
  step(`code exchange ok (expires_in ${tokens.expires_in}, id_token exp-iat ${claims.exp - claims.iat}, scope "${tokens.scope}")`);

  // 6. userinfo
  const uiRes = await request('GET', disco.userinfo_endpoint, {
    cookies: false,
    headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' },
  });
  if (uiRes.status !== 200) throw oauthError(uiRes, 'userinfo');
  const userinfo = json(uiRes, 'userinfo');
  if (userinfo.sub !== claims.sub) throw new FlowError('userinfo sub differs from id_token sub');
  step(`userinfo ok: ${JSON.stringify(userinfo)}`);

  // 7. refresh once (client_secret_post), expect rotation
  const refreshRes = await request('POST', disco.token_endpoint, {
    cookies: false,
    headers: { accept: 'application/json' },
    form: {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: clientId,
      client_secret: clientSecret,
    },
  });
  if (refreshRes.status !== 200) throw oauthError(refreshRes, 'refresh');
  const refreshed = json(refreshRes, 'refresh response');
  if (!refreshed.refresh_token) throw new FlowError('refresh response has no refresh_token');
  if (refreshed.refresh_token === tokens.refresh_token) throw new FlowError('refresh token was not rotated');
  if (refreshed.id_token) {
    const rc = verifyIdToken(refreshed.id_token, jwks);
    if (rc.sub !== claims.sub) throw new FlowError('refreshed id_token has a different sub');
    for (const k of ['email', 'groups']) {
      if (JSON.stringify(rc[k]) !== JSON.stringify(claims[k])) {
        throw new FlowError(`refreshed id_token ${k} ${JSON.stringify(rc[k])} differs from the original ${JSON.stringify(claims[k])}`);
      }
    }
  }
  step(`refresh ok (rotated refresh token, ${refreshed.id_token ? 'new id_token' : 'no id_token'})`);

  // 8. revoke the current refresh token, then check it no longer works
  const revokeRes = await request('POST', disco.revocation_endpoint, {
    cookies: false,
    headers: { authorization: basicAuth() },
    form: { token: refreshed.refresh_token, token_type_hint: 'refresh_token' },
  });
  if (revokeRes.status !== 200) throw oauthError(revokeRes, 'revocation');
  const after = await request('POST', disco.token_endpoint, {
    cookies: false,
    headers: { authorization: basicAuth(), accept: 'application/json' },
    form: { grant_type: 'refresh_token', refresh_token: refreshed.refresh_token },
  });
  if (after.status !== 400 || json(after, 'refresh after revocation').error !== 'invalid_grant') {
    throw new FlowError(`revoked refresh token still usable (HTTP ${after.status})`);
  }
  step('revocation ok (revoked refresh token is rejected with invalid_grant)');

  // 9. RP-initiated logout with a plain form post
  const endUrl = new URL(disco.end_session_endpoint);
  const logoutState = crypto.randomBytes(8).toString('base64url');
  endUrl.search = new URLSearchParams({
    id_token_hint: tokens.id_token,
    post_logout_redirect_uri: postLogoutRedirectUri,
    state: logoutState,
  }).toString();
  const endPage = await request('GET', endUrl.href);
  if (endPage.status !== 200) throw new FlowError(`end_session: HTTP ${endPage.status}`);
  const logoutForm = parseForms(endPage.text, endPage.url).find((f) => f.method === 'post');
  if (!logoutForm) throw new FlowError('no logout form on the end_session page');
  const logoutFields = {};
  for (const f of logoutForm.fields) {
    if (f.tag === 'input' && f.type === 'hidden' && f.name) logoutFields[f.name] = f.value || '';
  }
  const yes = logoutForm.fields.find((f) => f.tag === 'button' && f.name === 'logout');
  logoutFields.logout = yes ? yes.value : 'yes';
  const logoutRes = await request('POST', logoutForm.action, { form: logoutFields });
  const lr = await follow(logoutRes, postLogoutRedirectUri);
  if (!lr.location) throw new FlowError(`logout: HTTP ${lr.res.status} instead of a redirect to ${postLogoutRedirectUri}`);
  if (new URL(lr.location).searchParams.get('state') !== logoutState) throw new FlowError('logout redirect lost the state');
  step(`logout ok (redirected to ${postLogoutRedirectUri})`);

  process.stdout.write(`${JSON.stringify(claims, null, 2)}\n`);
}

main().catch((err) => {
  if (err instanceof FlowError) die(err.message);
  die(err.stack || String(err));
});
