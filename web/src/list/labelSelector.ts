/**
 * Label selectors as kube-apiserver reads them (`app=web,tier!=db`, `env in (a,b)`,
 * `!canary`), checked in the browser so a mistake is explained next to the field in words
 * instead of coming back as an empty list or the API server's parser message.
 */

const NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** What is wrong with a key, or null. */
function keyProblem(key: string): string | null {
  if (key === '') return 'a requirement has no label key';
  const slash = key.indexOf('/');
  const [prefix, name] = slash === -1 ? [null, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== null && (prefix.length > 253 || !PREFIX.test(prefix))) {
    return `the key prefix "${prefix}" is not a DNS subdomain (lowercase letters, digits, '-' and '.')`;
  }
  if (!NAME.test(name)) {
    return `the label key "${key}" is not valid: a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  }
  return null;
}

/** What is wrong with a value, or null (values may be empty). */
function valueProblem(value: string, key: string): string | null {
  if (value === '' || NAME.test(value)) return null;
  return `the value "${value}" for ${key} is not a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
}

/** Splits at commas that are not inside `( … )`. */
function requirements(selector: string): string[] | string {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i += 1) {
    const c = selector[i];
    if (c === '(') depth += 1;
    if (c === ')') depth -= 1;
    if (depth < 0) return 'a ")" has no "(" before it';
    if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (depth !== 0) return 'a "(" is not closed';
  parts.push(selector.slice(start).trim());
  return parts;
}

/**
 * Why `selector` is not a label selector the API server accepts, in words, or null when it
 * is one. An empty selector selects everything and is fine.
 */
export function labelSelectorProblem(selector: string): string | null {
  const text = selector.trim();
  if (text === '') return null;
  const parts = requirements(text);
  if (typeof parts === 'string') return parts;
  for (const part of parts) {
    if (part === '')
      return 'there is an empty requirement (two commas in a row, or one at the end)';
    const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
    if (set !== null) {
      const [, key = '', , list = ''] = set;
      const problem = keyProblem(key);
      if (problem !== null) return problem;
      const values = list.split(',').map((v) => v.trim());
      if (values.length === 1 && values[0] === '') return `the set for ${key} is empty`;
      for (const value of values) {
        const bad = valueProblem(value, key);
        if (bad !== null) return bad;
      }
      continue;
    }
    if (/\s(in|notin)\s/.test(` ${part} `) || /\s(in|notin)$/.test(part)) {
      return `"${part}" needs its values in parentheses, e.g. env in (dev,prod)`;
    }
    const compare = /^([^=!<>\s]+)\s*(==|=|!=|<|>)\s*(.*)$/.exec(part);
    if (compare !== null) {
      const [, key = '', op = '', value = ''] = compare;
      const problem = keyProblem(key);
      if (problem !== null) return problem;
      if (op === '<' || op === '>') {
        if (!/^-?\d+$/.test(value)) return `${key} ${op} needs a whole number, not "${value}"`;
        continue;
      }
      if (/[=!<>]/.test(value)) return `"${part}" has more than one operator`;
      const bad = valueProblem(value, key);
      if (bad !== null) return bad;
      continue;
    }
    const exists = /^(!?)\s*(\S+)$/.exec(part);
    if (exists !== null) {
      const problem = keyProblem(exists[2] ?? '');
      if (problem !== null) return problem;
      continue;
    }
    return `"${part}" is not a requirement: write key=value, key!=value, key in (a,b), key notin (a,b), key or !key`;
  }
  return null;
}
