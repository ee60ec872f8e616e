// Fails when an installed package says it needs a Node.js this machine does not run.
// npm only warns (EBADENGINE), and such a package may then break in a way that hides
// the real failure (vitest 5 on Node 20 crashed while printing which test had failed).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const root = new URL('../node_modules/', import.meta.url).pathname;
const running = process.versions.node;

function packageDirs(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (name.startsWith('@')) found.push(...packageDirs(path));
    else if (existsSync(join(path, 'package.json'))) {
      found.push(path);
      const nested = join(path, 'node_modules');
      if (existsSync(nested)) found.push(...packageDirs(nested));
    }
  }
  return found;
}

const refused = [];
for (const dir of packageDirs(root)) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const wanted = manifest.engines?.node;
  if (typeof wanted !== 'string' || semver.validRange(wanted) === null) continue;
  if (!semver.satisfies(running, wanted, { includePrerelease: true })) {
    refused.push(`${manifest.name}@${manifest.version} needs Node.js ${wanted}`);
  }
}

if (refused.length > 0) {
  console.error(`Packages that do not support this Node.js (${running}):`);
  for (const line of refused) console.error(`  ${line}`);
  console.error('Pin a version that supports it (npm view <package>@<version> engines).');
  process.exit(1);
}
console.log(`every package's engines accept Node.js ${running}`);
