// The first-load budget: what a browser must fetch before the first page can show, compressed.
// Run after `npm run build`. Reads dist/index.html, takes the entry script, every
// <link rel="modulepreload"> and every stylesheet it names, gzips each (level 9) and prints
// the sum. Exits 1 when the sum is above the budget, 2 when the build is missing.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 300 * 1024;

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(web, 'dist');
const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.error(`first-load: ${indexPath} is missing; run \`npm run build\` first`);
  process.exit(2);
}
const html = readFileSync(indexPath, 'utf8');

/** The value of attribute `name` in one tag's text, or undefined. */
function attribute(tag, name) {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

const files = new Set();
for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
  const src = attribute(tag, 'src');
  if (src && (attribute(tag, 'type') ?? '').toLowerCase() === 'module') files.add(src);
}
for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
  const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
  const href = attribute(tag, 'href');
  if (href && (rel.includes('modulepreload') || rel.includes('stylesheet'))) files.add(href);
}
if (files.size === 0) {
  console.error('first-load: dist/index.html names no script or stylesheet');
  process.exit(2);
}

let total = 0;
const rows = [];
for (const href of files) {
  // Vite writes paths relative to <base href> ("./assets/…"); strip the leading "./" or "/".
  const path = join(dist, href.replace(/^\.?\//, ''));
  if (!existsSync(path)) {
    console.error(`first-load: ${href} is named in index.html but ${path} is missing`);
    process.exit(2);
  }
  const size = gzipSync(readFileSync(path), { level: 9 }).length;
  total += size;
  rows.push([href, size]);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
for (const [href, size] of rows) console.log(`${kb(size).padStart(10)}  ${href}`);
console.log(`${kb(total).padStart(10)}  first load (gzip -9), budget ${kb(BUDGET_BYTES)}`);
if (total > BUDGET_BYTES) {
  console.error(`first-load: ${kb(total)} is over the ${kb(BUDGET_BYTES)} budget`);
  process.exit(1);
}
