/**
 * Loads our own JSON termbase format (schemas/termbase.schema.json).
 * Uses jsonc-parser for a syntax tree with offsets, so that every problem names
 * file:line:col, and a broken entry never stops the valid ones from loading.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { emptyConcept, positionOf, type Concept, type TermbaseFile, type TermbaseProblem } from './model';

const CONCEPT_FIELDS = new Set([
  'id', 'zh', 'zhTraditional', 'pinyin', 'en', 'admitted', 'deprecated', 'acronym',
  'definition', 'note', 'source', 'caseSensitive',
]);
const TOP_FIELDS = new Set(['$schema', 'name', 'description', 'source', 'concepts']);

export function parseJsonTermbase(text: string, file: string): TermbaseFile {
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
