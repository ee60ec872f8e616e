// The oidc-provider instance: the single client, scopes and claims, cookies,
// token lifetimes, logout and error pages, and logging of provider events.

import Provider from 'oidc-provider';

import { errorPage, logoutPage, signedOutPage } from './html.mjs';
import { fail, log } from './log.mjs';

const ALL_SCOPES = ['openid', 'offline_access', 'email', 'profile', 'groups'];

// Errors the provider returns to clients: log the OAuth error code, its
// description and the server-side-only detail (e.g. "invalid secret provided",
// "refresh token already used"); these never contain token or secret values.
const ERROR_EVENTS = ['authorization.error', 'grant.error', 'end_session.error', 'end_session_confirm.error', 'revocation.error', 'userinfo.error', 'discovery.error', 'jwks.error'];

function grantLoader(clientId) {
  return async function loadExistingGrant(ctx) {
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
  };
}

function configuration(config, { jwks, cookieKeys }, findAccount) {
  const { clientId, clientSecret, redirectUris, postLogoutRedirectUris, requirePkce, tokenTtl } = config;
  return {
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
    loadExistingGrant: grantLoader(clientId),
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
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = signedOutPage();
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
      ctx.body = errorPage(out);
    },
  };
}

// `config` comes from loadConfig(), `keys` from loadKeys(), `findAccount`
// from accounts().
export function createProvider(config, keys, findAccount) {
  let provider;
  try {
    provider = new Provider(config.issuer, configuration(config, keys, findAccount));
  } catch (err) {
    fail(`invalid provider configuration: ${err.message}`);
  }

  for (const event of ERROR_EVENTS) {
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
  return provider;
}
