// HTTPS on 127.0.0.1 at the issuer's port, the readiness line on stdout, and
// a clean shutdown on SIGTERM/SIGINT.

import * as https from 'node:https';

import { LISTEN_HOST } from './config.mjs';
import { fail, log } from './log.mjs';

export function serve(provider, { tls, issuer, port }) {
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

  // dev/stack waits for discovery to answer; this line is the documented
  // readiness signal for anything else that starts the provider.
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
}
