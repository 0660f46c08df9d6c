/**
 * "Add this term to the workspace termbase". The text edits keep the file as
 * the user wrote it: only the new entry is inserted, in the style of the
 * entries before it (indentation, one line or several, line endings). A file
 * with JSON syntax errors is never touched.
 *
 * Which file: the first JSON termbase of `.brieflint.json` inside the
 * workspace, else the first of the `brieflint.termbases` setting, else a new
 * `brieflint.termbase.json` at the workspace root, registered in
 * `.brieflint.json` (created if needed) so that the CLI reads it too.
 */
import * as path from 'node:path';
import { applyEdits, findNodeAtLocation, modify, parseTree, visit, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import { CONFIG_FILE_NAME } from '../engine/config';

export const NEW_TERMBASE_NAME = 'brieflint.termbase.json';

export interface NewConcept {
  zh: string;
  en: string;
  pinyin?: string;
  definition?: string;
  source?: string;
}

function parseObject(text: string, what: string): Node {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || !root || root.type !== 'object') throw new Error(`${what} is not valid JSON; fix it first (nothing was written)`);
  return root;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The indentation unit the file uses (two spaces when it cannot tell). */
function indentUnitOf(text: string): string {
  const match = /\r?\n([ \t]+)\S/.exec(text);
  if (!match) return '  ';
  const indent = match[1]!;
  return indent.startsWith('\t') ? '\t' : indent;
}

function lineIndentAt(text: string, offset: number): { indent: string; isAlone: boolean } {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  const before = text.slice(lineStart, offset);
  return { indent: /^[ \t]*/.exec(before)![0], isAlone: before.trim() === '' };
}

/** JSON on one line, with or without a space after `:` and `,` (as the neighbouring entries are written). */
function inlineJson(value: unknown, isSpaced: boolean): string {
  const [colon, comma] = isSpaced ? [': ', ', '] : [':', ','];
  if (Array.isArray(value)) return `[${value.map((v) => inlineJson(v, isSpaced)).join(comma)}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}${colon}${inlineJson(v, isSpaced)}`).join(comma)}}`;
  }
  return JSON.stringify(value);
}

function stringify(value: unknown, unit: string, indent: string, eol: string, style: 'multiLine' | 'spaced' | 'compact'): string {
  if (style !== 'multiLine') return inlineJson(value, style === 'spaced');
  return JSON.stringify(value, null, unit).split('\n').join(eol + indent);
}

const BOM = '\ufeff';

/** Splits off a byte order mark, which the loaders accept and a JSON parser does not. */
function splitBom(text: string): { bom: string; body: string } {
  return text.startsWith(BOM) ? { bom: BOM, body: text.slice(1) } : { bom: '', body: text };
}

/**
 * Inserts an entry into an empty array. The array may hold comments and
 * blank space: they stay, and the entry goes on its own line after the last
 * comment.
 */
function insertIntoEmptyArray(text: string, array: Node, body: (indent: string) => string, unit: string, eol: string): string {
  const close = array.offset + array.length - 1;
  let contentEnd = array.offset + 1;
  visit(text, {
    onComment: (offset, length) => {
      if (offset > array.offset && offset < close) contentEnd = Math.max(contentEnd, offset + length);
    },
  });
  const { indent } = lineIndentAt(text, array.offset);
  const inner = indent + unit;
  const entry = `${eol}${inner}${body(inner)}`;
  const newline = text.slice(contentEnd, close).search(/\r?\n/);
  // The closing bracket already starts a line of its own: the entry ends the line of the last comment.
  if (newline >= 0) return `${text.slice(0, contentEnd + newline)}${entry}${text.slice(contentEnd + newline)}`;
  return `${text.slice(0, close)}${entry}${eol}${indent}${text.slice(close)}`;
}

/**
 * Appends `value` to the array at `arrayPath`, creating the array when the
 * property is missing. Every byte outside the insertion stays as it was,
 * a byte order mark and comments included.
 */
export function appendToJsonArray(text: string, arrayPath: JSONPath, value: unknown, what: string): string {
  const { bom, body: json } = splitBom(text);
  return bom + appendToJsonArrayBody(json, arrayPath, value, what);
}

function appendToJsonArrayBody(text: string, arrayPath: JSONPath, value: unknown, what: string): string {
  const root = parseObject(text, what);
  const eol = eolOf(text);
  const unit = indentUnitOf(text);
  const array = findNodeAtLocation(root, arrayPath);
  if (!array) {
    const edits = modify(text, arrayPath, [value], { formattingOptions: { insertSpaces: unit !== '\t', tabSize: unit === '\t' ? 1 : unit.length, eol } });
    return applyEdits(text, edits);
  }
  if (array.type !== 'array') throw new Error(`${what}: "${arrayPath.join('.')}" is not a list; nothing was written`);
  const items = array.children ?? [];
  const last = items.at(-1);
  if (!last) return insertIntoEmptyArray(text, array, (inner) => stringify(value, unit, inner, eol, 'multiLine'), unit, eol);
  const { indent, isAlone } = lineIndentAt(text, last.offset);
  const lastText = text.slice(last.offset, last.offset + last.length);
  const style = /\r?\n/.test(lastText) ? 'multiLine' : /[:,] /.test(lastText) || last.type !== 'object' ? 'spaced' : 'compact';
  const at = last.offset + last.length;
  const separator = isAlone ? `,${eol}${indent}` : ', ';
  return `${text.slice(0, at)}${separator}${stringify(value, unit, indent, eol, style)}${text.slice(at)}`;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** Ids and hanzi already in a termbase text (empty for a new or unreadable file). */
function existingEntries(root: Node | undefined): { ids: Set<string>; hanzi: Map<string, string> } {
  const ids = new Set<string>();
  const hanzi = new Map<string, string>();
  const concepts = root ? findNodeAtLocation(root, ['concepts']) : undefined;
  for (const entry of concepts?.type === 'array' ? concepts.children ?? [] : []) {
    const id = findNodeAtLocation(entry, ['id'])?.value;
    if (typeof id === 'string') ids.add(id);
    for (const key of ['zh', 'zhTraditional']) {
      const node = findNodeAtLocation(entry, [key]);
      const values = node?.type === 'array' ? (node.children ?? []).map((c) => c.value) : [node?.value];
      for (const value of values) if (typeof value === 'string') hanzi.set(value.replace(/\s+/g, ''), typeof id === 'string' ? id : '?');
    }
  }
  return { ids, hanzi };
}

export type AddConceptOutcome = { text: string; id: string; isAlreadyPresent: false } | { id: string; isAlreadyPresent: true };

/** Adds a concept to a termbase file's text (undefined or blank: a new file). */
export function addConceptToTermbaseText(text: string | undefined, concept: NewConcept): AddConceptOutcome {
  const isNew = text === undefined || text.trim() === '';
  const root = isNew ? undefined : parseObject(splitBom(text).body, 'the termbase');
  const { ids, hanzi } = existingEntries(root);
  const zh = concept.zh.replace(/\s+/g, '');
  const present = hanzi.get(zh);
  if (present !== undefined) return { id: present, isAlreadyPresent: true };
  const base = slug(concept.en) || `term-${[...zh].map((c) => c.codePointAt(0)!.toString(16)).join('-')}`;
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  const entry = {
    id,
    zh,
    en: concept.en.trim(),
    ...(concept.pinyin?.trim() ? { pinyin: concept.pinyin.trim() } : {}),
    ...(concept.definition?.trim() ? { definition: concept.definition.trim() } : {}),
    ...(concept.source ? { source: concept.source } : {}),
  };
  if (isNew) return { text: `${JSON.stringify({ concepts: [entry] }, null, 2)}\n`, id, isAlreadyPresent: false };
  return { text: appendToJsonArray(text, ['concepts'], entry, 'the termbase'), id, isAlreadyPresent: false };
}

/** Adds a termbase path to `.brieflint.json`'s text (undefined: a new file). */
export function registerTermbaseInConfigText(text: string | undefined, relativePath: string): string {
  const written = relativePath.split(path.sep).join('/');
  if (text === undefined || text.trim() === '') return `${JSON.stringify({ termbases: [written] }, null, 2)}\n`;
  const root = parseObject(splitBom(text).body, CONFIG_FILE_NAME);
  const list = findNodeAtLocation(root, ['termbases']);
  if (list?.type === 'array' && (list.children ?? []).some((c) => c.value === written)) return text;
  return appendToJsonArray(text, ['termbases'], written, CONFIG_FILE_NAME);
}

export interface TermbaseTarget {
  file: string;
  /** Set when the file must be added to `.brieflint.json` (created when it does not exist). */
  registerIn?: string;
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Picks the workspace termbase a new term goes to. */
export function chooseWorkspaceTermbase(input: {
  folder: string;
  configFile?: string;
  configTermbases: readonly string[];
  settingTermbases: readonly string[];
}): TermbaseTarget {
  const isJson = (file: string) => file.toLowerCase().endsWith('.json');
  const fromConfig = input.configTermbases.find((file) => isJson(file) && isInside(file, input.configFile ? path.dirname(input.configFile) : input.folder));
  if (fromConfig) return { file: fromConfig };
  const fromSettings = input.settingTermbases.find((file) => isJson(file) && isInside(file, input.folder));
  if (fromSettings) return { file: fromSettings };
  return { file: path.join(input.folder, NEW_TERMBASE_NAME), registerIn: input.configFile ?? path.join(input.folder, CONFIG_FILE_NAME) };
}
