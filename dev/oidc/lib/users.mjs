// The user store: users.json (or OIDC_USERS_FILE), an array of
// {"username", "password", "name", "groups"} objects. The username is the
// email and becomes `sub` and `email`.

import * as crypto from 'node:crypto';

import { readJsonFile } from './files.mjs';
import { fail } from './log.mjs';

export function loadUsers(file) {
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

// The accounts the provider and the login form work with.
export function accounts(users) {
  function checkPassword(username, password) {
    const user = users.get(username);
    // Compare digests so the comparison time does not depend on the lengths.
    const want = crypto.createHash('sha256').update(user ? user.password : 'x').digest();
    const got = crypto.createHash('sha256').update(String(password)).digest();
    return Boolean(user) && crypto.timingSafeEqual(want, got) ? user : undefined;
  }

  // oidc-provider's `findAccount`.
  async function findAccount(_ctx, sub) {
    const user = users.get(sub);
    if (!user) return undefined;
    return {
      accountId: user.username,
      // The provider keeps only the claims of the granted scopes (see `claims`
      // in provider.mjs).
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

  return { checkPassword, findAccount };
}
