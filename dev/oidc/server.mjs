// Lanthorn local development OpenID Connect provider.
//
// Built on the `oidc-provider` package (v9). Development use only: users and
// passwords come from a JSON file, all grants/sessions/tokens live in memory
// (a restart logs everybody out and invalidates refresh tokens; the signing
// keys survive restarts because they are persisted in OIDC_STATE_DIR).
//
// Configured only through environment variables; see README.md next to this
// file for the full contract. Listens on 127.0.0.1 only, over HTTPS.
//
// The pieces live in lib/: config.mjs (environment), users.mjs (users.json),
// keys.mjs (signing and cookie keys), provider.mjs (client, scopes, claims,
// TTLs), routes.mjs and interaction.mjs (/healthz and the login form),
// html.mjs (the pages), serve.mjs (HTTPS, listen, shutdown).

import { loadConfig } from './lib/config.mjs';
import { loadKeys } from './lib/keys.mjs';
import { createProvider } from './lib/provider.mjs';
import { installRoutes } from './lib/routes.mjs';
import { serve } from './lib/serve.mjs';
import { accounts, loadUsers } from './lib/users.mjs';

const config = loadConfig();
const { checkPassword, findAccount } = accounts(loadUsers(config.usersFile));
const keys = loadKeys(config.stateDir);

const provider = createProvider(config, keys, findAccount);
installRoutes(provider, { checkPassword, logRequests: config.logRequests });
serve(provider, config);
