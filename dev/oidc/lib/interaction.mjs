// The interaction routes the provider redirects to: /interaction/<uid> shows
// and checks the login form (or silently approves a consent prompt), and
// /interaction/<uid>/abort sends access_denied back to the client.

import { loginPage, staleInteractionPage } from './html.mjs';
import { log } from './log.mjs';

const MAX_FORM_BYTES = 16 * 1024;
const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)(\/abort)?$/;

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

function staleInteraction(ctx) {
  ctx.status = 400;
  ctx.type = 'html';
  ctx.body = staleInteractionPage();
}

// Returns a Koa handler for interaction paths, or undefined from match() for
// any other path. `checkPassword` comes from accounts().
export function interactions(provider, checkPassword) {
  async function interactionOrNull(ctx, uid) {
    try {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      return details.uid === uid ? details : null;
    } catch {
      return null;
    }
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

  async function handle(ctx, uid, abort) {
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

  return {
    // [uid, abort] for an interaction path, or null.
    match(path) {
      const m = INTERACTION_PATH.exec(path);
      return m ? [m[1], m[2]] : null;
    },
    handle,
  };
}
