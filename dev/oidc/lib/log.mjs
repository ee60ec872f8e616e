// Logging for the dev OIDC provider. Everything goes to stderr with an
// `oidc-provider:` prefix; the only stdout line is the readiness line written
// by serve.mjs.

export function log(message) {
  process.stderr.write(`oidc-provider: ${message}\n`);
}

// Start-up and fatal errors: print `oidc-provider: error: ...` and exit 1.
export function fail(message) {
  process.stderr.write(`oidc-provider: error: ${message}\n`);
  process.exit(1);
}
