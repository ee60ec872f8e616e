import { parseAllDocuments, parseDocument, stringify } from 'yaml';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions, ToStringOptions } from 'yaml';
import type { KubeObject } from '@/api/kube';

/**
 * YAML as kubectl reads it: YAML 1.1 (so `0755` is octal and `yes` a boolean), but with dates
 * left as strings, as Kubernetes' own YAML decoder leaves them.
 */
const schema: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags) =>
    tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp'),
};

const output: ToStringOptions = { lineWidth: 0 };

/** A YAML text that could not be read, with where it went wrong (1-based, when known). */
export interface YamlProblem {
  message: string;
  line?: number;
  column?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: YamlProblem };

/** A copy of an object without the fields nobody edits by hand. */
export function withoutNoise(
  object: KubeObject,
  drop: { resourceVersion?: boolean } = {},
): KubeObject {
  const copy = structuredClone(object);
  const metadata: KubeObject['metadata'] & { managedFields?: unknown } = { ...copy.metadata };
  delete metadata.managedFields;
  if (drop.resourceVersion === true) {
    delete metadata.resourceVersion;
  }
  return { ...copy, metadata };
}

/** An object as YAML, without managedFields (and without resourceVersion when asked). */
export function objectToYaml(object: KubeObject, drop: { resourceVersion?: boolean } = {}): string {
  return anyToYaml(withoutNoise(object, drop));
}

/** Any JSON-like value as YAML, quoted so that kubectl would read it back the same. */
export function anyToYaml(value: unknown): string {
  return stringify(value, { ...schema, ...output });
}

/** The first line of a parser's message, without the position it repeats. */
function shortMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

function problemOf(document: Document.Parsed): YamlProblem | undefined {
  const error = document.errors[0];
  if (error === undefined) {
    return undefined;
  }
  const at = error.linePos?.[0];
  return at === undefined
    ? { message: shortMessage(error.message) }
    : { message: shortMessage(error.message), line: at.line, column: at.col };
}

/** "line 3, column 4: message", or the message alone. */
export function describeProblem(problem: YamlProblem): string {
  if (problem.line === undefined) {
    return problem.message;
  }
  const column = problem.column === undefined ? '' : `, column ${problem.column}`;
  return `Line ${problem.line}${column}: ${problem.message}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks that a parsed value looks like a Kubernetes object: a mapping with apiVersion and kind. */
export function asKubeObject(value: unknown): Parsed<KubeObject> {
  if (!isRecord(value)) {
    return {
      ok: false,
      problem: { message: 'expected a mapping with apiVersion, kind and metadata' },
    };
  }
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof value[field] !== 'string' || value[field] === '') {
      return { ok: false, problem: { message: `${field} is missing` } };
    }
  }
  const metadata = value['metadata'] ?? {};
  if (!isRecord(metadata)) {
    return { ok: false, problem: { message: 'metadata must be a mapping' } };
  }
  return { ok: true, value: { ...value, metadata } as unknown as KubeObject };
}

/** Reads one YAML document holding one Kubernetes object. */
export function yamlToObject(text: string): Parsed<KubeObject> {
  const documents = parseAllDocuments(text, schema);
  if (!Array.isArray(documents)) {
    return { ok: false, problem: { message: 'the text is empty' } };
  }
  const nonEmpty = documents.filter(
    (document) => document.errors.length > 0 || (document.toJS() ?? null) !== null,
  );
  if (nonEmpty.length > 1) {
    return { ok: false, problem: { message: 'expected one document, found several' } };
  }
  const document = nonEmpty[0];
  if (document === undefined) {
    return { ok: false, problem: { message: 'the text is empty' } };
  }
  const problem = problemOf(document);
  if (problem !== undefined) {
    return { ok: false, problem };
  }
  return asKubeObject(document.toJS());
}

/** One document of a multi-document text: its object, or why it could not be read. */
export interface YamlDocument {
  /** 1-based position among the non-empty documents. */
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  parsed: Parsed<KubeObject>;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
    }
  }
  return line;
}

/**
 * Splits a text into its `---`-separated documents, skipping empty ones. A `kind: List`
 * document stands for its items.
 */
export function splitDocuments(text: string): YamlDocument[] {
  const parsedAll = parseAllDocuments(text, schema);
  const documents = Array.isArray(parsedAll) ? parsedAll : [];
  const result: YamlDocument[] = [];
  for (const document of documents) {
    const start = document.contents?.range?.[0] ?? document.range[0];
    const line = lineAt(text, start);
    const problem = problemOf(document);
    if (problem !== undefined) {
      result.push({ index: result.length + 1, line, parsed: { ok: false, problem } });
      continue;
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) {
      continue;
    }
    if (isRecord(value) && value['kind'] === 'List' && Array.isArray(value['items'])) {
      for (const item of value['items'] as unknown[]) {
        result.push({ index: result.length + 1, line, parsed: asKubeObject(item) });
      }
      continue;
    }
    result.push({ index: result.length + 1, line, parsed: asKubeObject(value) });
  }
  return result;
}

/** Sets metadata.resourceVersion in a YAML text, keeping the rest of the text as written. */
export function setResourceVersion(text: string, resourceVersion: string): string {
  const document = parseDocument(text, schema);
  if (document.errors.length > 0) {
    return text;
  }
  document.setIn(['metadata', 'resourceVersion'], resourceVersion);
  return document.toString(output);
}
