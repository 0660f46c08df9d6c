/**
 * Loads a CSV termbase: one concept per row, a header row naming the columns
 * (see docs/termbase-formats.md). Comma-separated; a file whose header row is separated by
 * semicolons or tabs instead (as spreadsheets export in some locales) is read with that.
 *
 * Like the JSON loader, this never throws: every problem names file, line and column, and a
 * broken row never stops the valid ones from loading. After a CSV syntax error the reading
 * resumes on the line after it; an unclosed quote swallows the rest of the file, so it ends it.
 */
import { parse } from 'csv-parse/sync';
import { emptyConcept, type Concept, type ProblemSeverity, type SourcePosition, type TermbaseFile, type TermbaseProblem } from './model';
import { partitionPoint } from '../partitionPoint';

type Column =
  | 'id' | 'en' | 'zh' | 'zhTraditional' | 'pinyin' | 'admitted' | 'deprecated'
  | 'acronym' | 'definition' | 'note' | 'source' | 'caseSensitive';

/** Header names, lower-cased with spaces, hyphens and underscores removed. */
const HEADER_NAMES: Record<string, Column> = {
  id: 'id',
  en: 'en',
  preferred: 'en',
  english: 'en',
  zh: 'zh',
  chinese: 'zh',
  simplified: 'zh',
  zhtraditional: 'zhTraditional',
  traditional: 'zhTraditional',
  pinyin: 'pinyin',
  admitted: 'admitted',
  deprecated: 'deprecated',
  forbidden: 'deprecated',
  acronym: 'acronym',
  definition: 'definition',
  note: 'note',
  source: 'source',
  casesensitive: 'caseSensitive',
};
const CANONICAL_HEADERS = [
  'id', 'en', 'zh', 'zh_traditional', 'pinyin', 'admitted', 'deprecated', 'acronym',
  'definition', 'note', 'source', 'case_sensitive',
];
const TRUE_VALUES = new Set(['true', 'yes', '1']);
const FALSE_VALUES = new Set(['false', 'no', '0']);
/** After this many CSV syntax errors the rest of the file is not read. */
const MAX_SYNTAX_ERRORS = 20;

interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export function parseCsvTermbase(text: string, file: string): TermbaseFile {
  // Lines stay where they were; a byte order mark is not a column in an editor either.
  const source = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const locator = makeLocator(source, file);
  const problems: TermbaseProblem[] = [];
  const report = (position: SourcePosition, message: string, severity: ProblemSeverity = 'error') =>
    problems.push({ ...position, severity, message });
  const at = (line: number, column = 1): SourcePosition => ({ file, line, column });

  const delimiter = detectDelimiter(source);
  const { records, headerIsBroken } = readRecords(source, delimiter, locator, report);
  const [header, ...rows] = records;
  if (!header || headerIsBroken) {
    if (!header && problems.length === 0) {
      report(at(1), 'empty CSV termbase: a header row naming the columns (at least "en") is required');
    }
    return { file, concepts: [], problems, isUnusable: true };
  }

  // ---- header ----
  const columns = new Map<Column, number>();
  const cellStarts = fieldOffsets(source, locator.lineStart(header.line), delimiter);
  header.fields.forEach((name, index) => {
    const cell = locator.position(cellStarts[index] ?? locator.lineStart(header.line));
    const trimmed = name.trim();
    if (trimmed === '') return;
    const column = HEADER_NAMES[trimmed.toLowerCase().replace(/[\s_-]+/g, '')];
    if (!column) {
      report(cell, `unknown column "${trimmed}" (ignored; the columns are ${CANONICAL_HEADERS.join(', ')})`, 'warning');
    } else if (columns.has(column)) {
      const first = header.fields[columns.get(column)!]!.trim();
      report(cell, `column "${trimmed}" repeats column "${first}" (ignored)`, 'warning');
    } else {
      columns.set(column, index);
    }
  });
  if (!columns.has('en')) {
    report(at(header.line), 'no "en" column in the header row (the preferred English term; "preferred" and "english" work too): the first row must name the columns');
    return { file, concepts: [], problems, isUnusable: true };
  }

  // ---- rows ----
  const concepts: Concept[] = [];
  const seenIds = new Map<string, number>();
  for (const row of rows) {
    if (row.fields.every((field) => field.trim() === '')) continue; // spreadsheets export blank rows as ",,,"
    const position = at(row.line);
    if (row.fields.length !== header.fields.length) {
      const effect = row.fields.length < header.fields.length ? 'missing cells are read as empty' : 'extra cells are ignored';
      report(position, `row has ${row.fields.length} cells but the header has ${header.fields.length} (${effect})`, 'warning');
    }
    const text = (column: Column): string => {
      const index = columns.get(column);
      return index === undefined ? '' : (row.fields[index] ?? '').trim();
    };
    /** Terms are one line: a line break inside a quoted cell is a space. */
    const cell = (column: Column): string => text(column).replace(/\s+/g, ' ');
    const list = (column: Column): string[] =>
      cell(column).split(/[|;]/).map((value) => value.trim()).filter((value) => value !== '');

    const preferred = cell('en');
    const givenId = cell('id');
    if (!preferred) {
      report(position, `row ${givenId ? `"${givenId}" ` : ''}has no preferred English term (column "en"); row skipped`);
      continue;
    }
    const id = givenId || `row-${row.line}`;
    const previous = seenIds.get(id);
    if (previous !== undefined) {
      report(position, `duplicate id "${id}" (first used at line ${previous}); row skipped`);
      continue;
    }
    seenIds.set(id, row.line);

    const concept = emptyConcept(id, preferred);
    concept.zh = unique(list('zh'));
    concept.zhTraditional = unique(list('zhTraditional'));
    concept.admitted = unique(list('admitted')).filter((term) => term.toLowerCase() !== preferred.toLowerCase());
    concept.deprecated = unique(list('deprecated'));
    for (const column of ['pinyin', 'acronym'] as const) {
      const value = cell(column);
      if (value) concept[column] = value;
    }
    for (const column of ['definition', 'note', 'source'] as const) {
      const value = text(column);
      if (value) concept[column] = value;
    }
    const caseSensitive = cell('caseSensitive');
    if (caseSensitive) {
      const key = caseSensitive.toLowerCase();
      if (TRUE_VALUES.has(key)) concept.caseSensitive = true;
      else if (FALSE_VALUES.has(key)) concept.caseSensitive = false;
      else {
        const cellStart = fieldOffsets(source, locator.lineStart(row.line), delimiter)[columns.get('caseSensitive')!];
        report(
          cellStart === undefined ? position : locator.position(cellStart),
          `case_sensitive must be true, false, yes, no, 1 or 0, not "${caseSensitive}" (ignored)`,
          'warning',
        );
      }
    }
    concept.origin = position;
    concepts.push(concept);
  }
  return { file, concepts, problems };
}

/**
 * Parses every record, noting the line each starts on. csv-parse stops at the first syntax
 * error; report it and parse again from the next line, so one stray quote costs one row.
 */
function readRecords(
  source: string,
  delimiter: string,
  locator: Locator,
  report: (position: SourcePosition, message: string, severity?: ProblemSeverity) => void,
): { records: CsvRecord[]; headerIsBroken: boolean } {
  const records: CsvRecord[] = [];
  const lastLine = locator.lastNonBlankLine();
  const trim = delimiter !== '\t';
  let startLine = 1;
  for (let errors = 0; ; ) {
    let lastEndLine = startLine - 1;
    try {
      parse(startLine === 1 ? source : source.slice(locator.lineStart(startLine)), {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        ltrim: trim,
        rtrim: trim,
        on_record: (fields: string[], context) => {
          const endLine = context.lines + startLine - 1;
          records.push({ fields, line: endLine - countLineBreaks(fields) });
          lastEndLine = endLine;
          return null;
        },
      });
      return { records, headerIsBroken: false };
    } catch (error) {
      const headerIsBroken = records.length === 0;
      const { code, lines, message } = csvErrorOf(error);
      const recordLine = locator.firstNonBlankLine(lastEndLine + 1);
      const errorLine = Math.min(Math.max(lines !== undefined ? lines + startLine - 1 : recordLine, recordLine), lastLine);
      const quote = findQuoteProblem(source, locator.lineStart(recordLine), delimiter, trim);
      const position = quote !== undefined ? locator.position(quote) : locator.position(locator.lineStart(errorLine));
      const skipped = recordLine === errorLine ? `line ${recordLine} skipped` : `lines ${recordLine}–${errorLine} skipped`;
      if (code === 'CSV_QUOTE_NOT_CLOSED') {
        const rest = recordLine === lastLine ? `line ${recordLine}` : `lines ${recordLine}–${lastLine}`;
        report(position, `CSV syntax error: this quote is never closed, so the rest of the file (${rest}) is not read`);
        return { records, headerIsBroken };
      }
      const detail =
        code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
          ? 'text after the closing quote of a field (inside a quoted field, write a quote twice: "")'
          : code === 'INVALID_OPENING_QUOTE'
            ? 'a quote inside an unquoted field (put the whole field in quotes and write the quote twice: "")'
            : message.replace(/ (?:at|on) line \d+/g, ''); // csv-parse counts lines from where it resumed
      errors++;
      const stop = errors >= MAX_SYNTAX_ERRORS || errorLine >= lastLine || headerIsBroken;
      const rest = headerIsBroken ? '; the header row cannot be read' : stop && errorLine < lastLine ? '; too many errors, the rest of the file is not read' : '';
      report(position, `CSV syntax error: ${detail}; ${skipped}${rest}`);
      if (stop) return { records, headerIsBroken };
      startLine = errorLine + 1;
    }
  }
}

function csvErrorOf(error: unknown): { code?: string; lines?: number; message: string } {
  if (error instanceof Error) {
    const { code, lines } = error as Error & { code?: unknown; lines?: unknown };
    return {
      code: typeof code === 'string' ? code : undefined,
      lines: typeof lines === 'number' && lines > 0 ? lines : undefined,
      message: error.message,
    };
  }
  return { message: String(error) };
}

/**
 * Where the quoting of the record starting at `from` goes wrong, as csv-parse reads it: a
 * quote inside an unquoted field, text after a closing quote (reported at the field's opening
 * quote), or a quote never closed. Only used to place an error csv-parse already found.
 */
function findQuoteProblem(text: string, from: number, delimiter: string, trim: boolean): number | undefined {
  const isBlank = (c: string | undefined) => trim && (c === ' ' || c === '\t');
  let fieldStart = true;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (fieldStart && isBlank(c)) continue;
    if (c === '"' && !fieldStart) return i;
    if (c === '"') {
      const open = i;
      for (i++; ; i++) {
        if (i >= text.length) return open;
        if (text[i] === '"') {
          if (text[i + 1] === '"') i++;
          else break;
        }
      }
      i++;
      while (isBlank(text[i])) i++;
      if (i < text.length && text[i] !== delimiter && text[i] !== '\n') return open;
      if (text[i] === '\n') return undefined; // the record ended cleanly
      fieldStart = true;
      continue;
    }
    if (c === '\n') return undefined;
    fieldStart = c === delimiter;
  }
  return undefined;
}

/** Offsets where each field of the record starting at `from` begins (for header positions). */
function fieldOffsets(text: string, from: number, delimiter: string): number[] {
  const starts = [from];
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted; // "" inside quotes toggles twice: net no change
    else if (!quoted && c === delimiter) starts.push(i + 1);
    else if (!quoted && c === '\n') break;
  }
  return starts.map((start) => {
    let i = start;
    while (text[i] === ' ') i++;
    return i;
  });
}

/** Comma, unless the header row is clearly separated by semicolons or tabs. */
function detectDelimiter(text: string): string {
  const firstLine = (/[^\n]*\S[^\n]*/.exec(text)?.[0] ?? '').replace(/"[^"]*"/g, '');
  const count = (c: string) => firstLine.split(c).length - 1;
  const commas = count(',');
  const semicolons = count(';');
  const tabs = count('\t');
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

function countLineBreaks(fields: string[]): number {
  let count = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) count++;
  }
  return count;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

interface Locator {
  position(offset: number): SourcePosition;
  lineStart(line: number): number;
  lastNonBlankLine(): number;
  /** The first line at or after `line` with something on it (or the last line). */
  firstNonBlankLine(line: number): number;
}

function makeLocator(text: string, file: string): Locator {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineStart = (line: number) => lineStarts[Math.min(Math.max(line, 1), lineStarts.length) - 1]!;
  const isBlank = (line: number) => {
    const end = line < lineStarts.length ? lineStarts[line]! - 1 : text.length;
    return text.slice(lineStart(line), end).trim() === '';
  };
  return {
    position(offset) {
      const at = Math.min(Math.max(0, offset), text.length);
      const line = partitionPoint(lineStarts.length, (i) => lineStarts[i]! <= at) - 1;
      return { file, line: line + 1, column: at - lineStarts[line]! + 1 };
    },
    lineStart,
    firstNonBlankLine(line) {
      for (let current = Math.max(line, 1); current <= lineStarts.length; current++) {
        if (!isBlank(current)) return current;
      }
      return lineStarts.length;
    },
    lastNonBlankLine() {
      let line = lineStarts.length;
      while (line > 1 && isBlank(line)) line--;
      return line;
    },
  };
}
