// Our own routes, mounted in front of the provider's router: GET /healthz,
// GET /favicon.ico (204: the browser asks on every page, and a 404 is a console error
// in the browser tests), the interaction (login form) routes, and optional request logging
// (OIDC_LOG_REQUESTS=1: `METHOD path -> status (N ms)`, no query strings).

import { interactions } from './interaction.mjs';
import { log } from './log.mjs';

function healthz(ctx) {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') ctx.throw(405);
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'text/plain';
  ctx.body = 'ok\n';
}

export function installRoutes(provider, { checkPassword, logRequests }) {
  const interaction = interactions(provider, checkPassword);

  async function handle(ctx, next) {
    if (ctx.path === '/healthz') {
      healthz(ctx);
      return;
    }
    if (ctx.path === '/favicon.ico') {
      ctx.set('Cache-Control', 'max-age=86400');
      ctx.status = 204;
      return;
    }
    const m = interaction.match(ctx.path);
    if (!m) {
      await next();
      return;
    }
    await interaction.handle(ctx, ...m);
  }

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
}
