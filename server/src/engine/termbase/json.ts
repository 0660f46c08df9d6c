/**
 * Loads our own JSON termbase format (schemas/termbase.schema.json).
 * Uses jsonc-parser for a syntax tree with offsets, so that every problem names
 * file:line:col, and a broken entry never stops the valid ones from loading.
 */
import { parseTree, printParseErrorCode, visit, type Node, type ParseError } from 'jsonc-parser';
import { emptyConcept, positionOf, type Concept, type TermbaseFile, type TermbaseProblem } from './model';

const CONCEPT_FIELDS = new Set([
  'id', 'zh', 'zhTraditional', 'pinyin', 'en', 'admitted', 'deprecated', 'acronym',
  'definition', 'note', 'source', 'caseSensitive',
]);
const TOP_FIELDS = new Set(['$schema', 'name', 'description', 'source', 'concepts']);

export function parseJsonTermbase(text: string, file: string): TermbaseFile {
  return parseCleanJsonTermbase(text, file) ?? parseJsonTermbaseTree(text, file);
}

/**
 * The fast way for a termbase without a single problem, which is most of them:
 * the native JSON.parse, and one scan for where each entry starts. Anything
 * unusual (a comment, a trailing comma, an unknown field, a bad value, a
 * duplicate id) returns undefined, and the syntax tree reads the file again to
 * report it at its line and column. A 10,000-concept file built a tree of
 * hundreds of thousands of nodes only to find nothing wrong.
 */
function parseCleanJsonTermbase(text: string, file: string): TermbaseFile | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(root) || Object.keys(root).some((key) => !TOP_FIELDS.has(key)) || !Array.isArray(root.concepts)) return undefined;
  const defaultSource = root.source;
  if (defaultSource !== undefined && typeof defaultSource !== 'string') return undefined;
  const starts = conceptStarts(text);
  if (starts.length !== root.concepts.length) return undefined;
  const concepts: Concept[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < root.concepts.length; i++) {
    const concept = cleanConcept(root.concepts[i]);
    if (!concept || ids.has(concept.id)) return undefined;
    ids.add(concept.id);
    concept.source ??= defaultSource;
    concept.origin = positionOf(text, starts[i]!, file);
    concepts.push(concept);
  }
  return { file, concepts, problems: [] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Offsets of the entries of the top-level "concepts" array, by a scan that builds no tree. */
function conceptStarts(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let topKey: string | undefined;
  let isInConcepts = false;
  const enter = (offset: number) => {
    if (isInConcepts && depth === 2) starts.push(offset);
    depth++;
  };
  visit(text, {
    onObjectProperty: (property) => {
      if (depth === 1) topKey = property;
    },
    onObjectBegin: enter,
    onArrayBegin: (offset) => {
      if (depth === 1 && topKey === 'concepts') isInConcepts = true;
      enter(offset);
    },
    onObjectEnd: () => void depth--,
    onArrayEnd: () => {
      depth--;
      if (depth === 1) isInConcepts = false;
    },
    onLiteralValue: (_value, offset) => {
      if (isInConcepts && depth === 2) starts.push(offset);
    },
  });
  return starts;
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** A concept exactly as the tree reader would read it, or undefined if the tree reader would report anything. */
function cleanConcept(entry: unknown): Concept | undefined {
  if (!isPlainObject(entry)) return undefined;
  for (const key in entry) if (!CONCEPT_FIELDS.has(key)) return undefined;
  const { id, en, caseSensitive } = entry;
  if (!isNonEmptyString(id) || !isNonEmptyString(en)) return undefined;
  const strings: Partial<Record<'pinyin' | 'acronym' | 'definition' | 'note' | 'source', string>> = {};
  for (const key of ['pinyin', 'acronym', 'definition', 'note', 'source'] as const) {
    const value = entry[key];
    if (value === undefined) continue;
    if (!isNonEmptyString(value)) return undefined;
    strings[key] = value.trim();
  }
  const lists: Partial<Record<'zh' | 'zhTraditional' | 'admitted' | 'deprecated', string[]>> = {};
  for (const key of ['zh', 'zhTraditional', 'admitted', 'deprecated'] as const) {
    const value = entry[key];
    if (value === undefined) continue;
    if (typeof value === 'string') lists[key] = value.trim() ? [value.trim()] : [];
    else if (Array.isArray(value) && value.every(isNonEmptyString)) lists[key] = value.map((item) => item.trim());
    else return undefined;
  }
  if (caseSensitive !== undefined && typeof caseSensitive !== 'boolean') return undefined;
  const concept = emptyConcept(id.trim(), en.trim());
  concept.zh = lists.zh ?? [];
  concept.zhTraditional = lists.zhTraditional ?? [];
  concept.admitted = lists.admitted ?? [];
  concept.deprecated = lists.deprecated ?? [];
  concept.pinyin = strings.pinyin;
  concept.acronym = strings.acronym;
  concept.definition = strings.definition;
  concept.note = strings.note;
  concept.source = strings.source;
  if (caseSensitive !== undefined) concept.caseSensitive = caseSensitive;
  return concept;
}

/** Reads the file through jsonc-parser's syntax tree: comments and trailing commas allowed, every problem at file:line:col. */
function parseJsonTermbaseTree(text: string, file: string): TermbaseFile {
  const problems: TermbaseProblem[] = [];
  const report = (offset: number, message: string, severity: 'error' | 'warning' = 'error') =>
    problems.push({ ...positionOf(text, offset, file), severity, message });

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  // Later syntax errors are mostly echoes of the first one.
  for (const error of errors.slice(0, 1)) {
    report(error.offset, `JSON syntax error: ${describeParseError(printParseErrorCode(error.error))}`);
  }
  if (!root || root.type !== 'object') {
    if (errors.length === 0) report(0, 'a termbase must be a JSON object with a "concepts" array');
    return { file, concepts: [], problems, isUnusable: true };
  }

  let defaultSource: string | undefined;
  let conceptsNode: Node | undefined;
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    if (!TOP_FIELDS.has(key)) report(keyNode.offset, `unknown field "${key}" (expected one of ${[...TOP_FIELDS].join(', ')})`, 'warning');
    if (key === 'concepts') conceptsNode = valueNode;
    if (key === 'source' && valueNode.type === 'string') defaultSource = String(valueNode.value);
  }
  if (!conceptsNode || conceptsNode.type !== 'array') {
    report(conceptsNode?.offset ?? root.offset, 'a termbase needs a "concepts" array');
    return { file, concepts: [], problems, isUnusable: errors.length > 0 };
  }

  const concepts: Concept[] = [];
  const seenIds = new Map<string, number>();
  for (const entry of conceptsNode.children ?? []) {
    const concept = readConcept(entry, text, file, report);
    if (!concept) continue;
    const previous = seenIds.get(concept.id);
    if (previous !== undefined) {
      report(entry.offset, `duplicate id "${concept.id}" (first used at line ${positionOf(text, previous, file).line}); entry skipped`);
      continue;
    }
    seenIds.set(concept.id, entry.offset);
    concept.source ??= defaultSource;
    concepts.push(concept);
  }
  return { file, concepts, problems };
}

function readConcept(
  entry: Node,
  text: string,
  file: string,
  report: (offset: number, message: string, severity?: 'error' | 'warning') => void,
): Concept | undefined {
  if (entry.type !== 'object') {
    report(entry.offset, 'a concept must be a JSON object; entry skipped');
    return undefined;
  }
  const fields = new Map<string, Node>();
  for (const property of entry.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    if (!CONCEPT_FIELDS.has(key)) {
      report(keyNode.offset, `unknown field "${key}" in a concept (ignored)`, 'warning');
      continue;
    }
    fields.set(key, valueNode);
  }
  let isValid = true;
  const readString = (key: string): string | undefined => {
    const node = fields.get(key);
    if (!node) return undefined;
    if (node.type !== 'string' || String(node.value).trim() === '') {
      report(node.offset, `"${key}" must be a non-empty string`);
      isValid = false;
      return undefined;
    }
    return String(node.value).trim();
  };
  const readList = (key: string): string[] => {
    const node = fields.get(key);
    if (!node) return [];
    if (node.type === 'string') return String(node.value).trim() ? [String(node.value).trim()] : [];
    if (node.type !== 'array') {
      report(node.offset, `"${key}" must be a string or a list of strings`);
      return [];
    }
    const values: string[] = [];
    for (const item of node.children ?? []) {
      if (item.type === 'string' && String(item.value).trim() !== '') values.push(String(item.value).trim());
      else report(item.offset, `every item of "${key}" must be a non-empty string (item ignored)`, 'warning');
    }
    return values;
  };

  const id = readString('id');
  const preferred = readString('en');
  if (!fields.has('id')) report(entry.offset, 'concept has no "id"; entry skipped');
  if (!fields.has('en')) report(entry.offset, `concept ${id ? `"${id}" ` : ''}has no preferred English term ("en"); entry skipped`);
  if (!id || !preferred || !isValid) return undefined;

  const concept = emptyConcept(id, preferred);
  concept.zh = readList('zh');
  concept.zhTraditional = readList('zhTraditional');
  concept.admitted = readList('admitted');
  concept.deprecated = readList('deprecated');
  concept.pinyin = readString('pinyin');
  concept.acronym = readString('acronym');
  concept.definition = readString('definition');
  concept.note = readString('note');
  concept.source = readString('source');
  const caseNode = fields.get('caseSensitive');
  if (caseNode) {
    if (caseNode.type === 'boolean') concept.caseSensitive = Boolean(caseNode.value);
    else report(caseNode.offset, '"caseSensitive" must be true or false', 'warning');
  }
  concept.origin = positionOf(text, entry.offset, file);
  return concept;
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: 'expected ":"',
    CommaExpected: 'expected ","',
    CloseBraceExpected: 'expected "}"',
    CloseBracketExpected: 'expected "]"',
    EndOfFileExpected: 'unexpected text after the end',
    InvalidCommentToken: 'invalid comment',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in a string',
  };
  return words[code] ?? code;
}
