// Import cycles in web/src, at two levels:
//   - folders: src/A imports (directly or through other folders) from src/B and B from A;
//   - files: a module that, following its imports, reaches itself.
// Every import counts: static, type-only, re-exports and dynamic import(). Test files
// (*.test.ts, *.test.tsx) count too; a file at the top of src/ (App.tsx, routes.ts…) is its
// own node among the folders. Only "@/…" and relative specifiers are followed.
//
// `node scripts/cycles.mjs` prints the cycles and exits 1 when there is one;
// src/cycles.test.ts runs the same check under `npm test`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx'];

/** Every .ts/.tsx file under `dir`, as absolute paths (declaration files left out). */
function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.endsWith('.d.ts'))
      out.push(path);
  }
  return out;
}

/** The module specifiers one file imports: import/export … from, import(), import x = require(). */
export function importSpecifiers(text, fileName = 'file.tsx') {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found = [];
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal))
        found.push(arg.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a specifier names, or undefined when it is a package or names no file of src. */
function resolveSpecifier(specifier, fromFile, srcDir, known) {
  let base;
  if (specifier.startsWith('@/')) base = join(srcDir, specifier.slice(2));
  else if (specifier.startsWith('./') || specifier.startsWith('../'))
    base = resolve(dirname(fromFile), specifier);
  else return undefined;
  const candidates = [
    base,
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.map((ext) => join(base, 'index' + ext)),
  ];
  // "./x.js" written for "./x.ts"
  if (/\.[cm]?js$/.test(base)) {
    const stem = base.replace(/\.[cm]?js$/, '');
    candidates.push(...EXTENSIONS.map((ext) => stem + ext));
  }
  return candidates.find((path) => known.has(path));
}

/** The folder node of a file: its first folder under src, or the file itself at the top. */
function folderOf(file, srcDir) {
  const parts = relative(srcDir, file).split(sep);
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.tsx?$/, '');
}

/**
 * Strongly connected components with more than one node, or a node importing itself
 * (Tarjan's algorithm, iterative so deep graphs do not overflow the stack).
 */
function cyclicComponents(graph) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work = [[root, [...(graph.get(root) ?? [])], 0]];
    index.set(root, next);
    low.set(root, next);
    next += 1;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, edges] = frame;
      if (frame[2] < edges.length) {
        const to = edges[frame[2]];
        frame[2] += 1;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next);
          next += 1;
          stack.push(to);
          onStack.add(to);
          work.push([to, [...(graph.get(to) ?? [])], 0]);
        } else if (onStack.has(to)) {
          low.set(node, Math.min(low.get(node), index.get(to)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || (graph.get(node) ?? new Set()).has(node))
          components.push(component.sort());
      }
    }
  }
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** One shortest path of edges from `from` back to itself inside `members`, for the report. */
function shortestLoop(graph, from, members) {
  const inside = new Set(members);
  const previous = new Map();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const node = queue.shift();
    for (const to of graph.get(node) ?? []) {
      if (!inside.has(to)) continue;
      if (to === from) {
        const path = [from];
        for (let at = node; at !== from; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, from];
      }
      if (!seen.has(to)) {
        seen.add(to);
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [from, from];
}

/**
 * The pairs of distinct folders that reach each other through imports: each is one
 * "folder-level cycle" (A → … → B and B → … → A), with an example of the edges that make it.
 */
function folderPairs(graph, components, edgeExample) {
  const pairs = [];
  for (const members of components) {
    for (let i = 0; i < members.length; i += 1)
      for (let j = i + 1; j < members.length; j += 1) {
        const [a, b] = [members[i], members[j]];
        const there = pathWithin(graph, a, b, members);
        const back = pathWithin(graph, b, a, members);
        pairs.push({
          folders: [a, b],
          loop: [...there, ...back.slice(1)],
          edges: [...pathEdges(there), ...pathEdges(back)].map(([x, y]) => edgeExample(x, y)),
        });
      }
  }
  return pairs;
}

function pathWithin(graph, from, to, members) {
  const inside = new Set(members);
  const previous = new Map([[from, undefined]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === to) break;
    for (const next of graph.get(node) ?? [])
      if (inside.has(next) && !previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
  }
  const path = [];
  for (let at = to; at !== undefined; at = previous.get(at)) path.unshift(at);
  return path;
}

function pathEdges(path) {
  const edges = [];
  for (let i = 0; i + 1 < path.length; i += 1) edges.push([path[i], path[i + 1]]);
  return edges;
}

/**
 * The import graph of `srcDir` and its cycles.
 * Returns { folderCycles: [{ folders, loop, edges }], fileCycles: [{ files, loop }] } with
 * paths relative to srcDir.
 */
export function findCycles(srcDir) {
  const files = sourceFiles(srcDir);
  const known = new Set(files);
  const fileGraph = new Map();
  const folderGraph = new Map();
  // "A → B" folder edge → one file import that makes it, for the report.
  const folderEdgeFiles = new Map();
  for (const file of files) {
    const from = relative(srcDir, file).split(sep).join('/');
    const targets = new Set();
    const fromFolder = folderOf(file, srcDir);
    if (!folderGraph.has(fromFolder)) folderGraph.set(fromFolder, new Set());
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'), file)) {
      const target = resolveSpecifier(specifier, file, srcDir, known);
      if (!target) continue;
      const to = relative(srcDir, target).split(sep).join('/');
      targets.add(to);
      const toFolder = folderOf(target, srcDir);
      if (toFolder !== fromFolder) {
        folderGraph.get(fromFolder).add(toFolder);
        const key = `${fromFolder}\0${toFolder}`;
        if (!folderEdgeFiles.has(key)) folderEdgeFiles.set(key, `${from} → ${to}`);
      }
    }
    fileGraph.set(from, targets);
  }
  const folderCycles = folderPairs(
    folderGraph,
    cyclicComponents(folderGraph),
    (a, b) => folderEdgeFiles.get(`${a}\0${b}`) ?? `${a} → ${b}`,
  );
  const fileCycles = cyclicComponents(fileGraph).map((members) => ({
    files: members,
    loop: shortestLoop(fileGraph, members[0], members),
  }));
  return { folderCycles, fileCycles };
}

/** The report `node scripts/cycles.mjs` prints. */
export function describeCycles({ folderCycles, fileCycles }) {
  const lines = [];
  lines.push(`${folderCycles.length} folder-level import cycle(s)`);
  for (const { loop, edges } of folderCycles) {
    lines.push(`  ${loop.join(' → ')}`);
    for (const edge of edges) lines.push(`      ${edge}`);
  }
  lines.push(`${fileCycles.length} file-level import cycle(s)`);
  for (const { files, loop } of fileCycles)
    lines.push(
      `  ${loop.join(' → ')}${files.length > loop.length - 1 ? ` (${files.length} files in all)` : ''}`,
    );
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const cycles = findCycles(srcDir);
  console.log(describeCycles(cycles));
  process.exit(cycles.folderCycles.length + cycles.fileCycles.length > 0 ? 1 : 0);
}
