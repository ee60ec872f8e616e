// Small file helpers shared by the user store and the key store.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';

import { fail } from './log.mjs';

// Write `data` to `file` only if it does not exist yet (safe against two
// instances racing on the same state dir). Returns false if it already existed.
export function writeFileExclusive(file, data) {
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

export function readJsonFile(file, what) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return fail(`cannot load ${what} from ${file}: ${err.code || err.message}`);
  }
}
