import { LineIndex } from '../lineIndex';

/**
 * The concept model of a terminology base (see PRODUCT.md, "The terminology base").
 * Loaders (JSON, TBX, CSV) all produce `TermbaseFile`s; `mergeTermbases` turns an
 * ordered list of them into one `Termbase`.
 */

/** Where something was written in a termbase file (1-based line and column). */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export type TermStatus = 'preferred' | 'admitted' | 'deprecated';

export interface Concept {
  /** Id as written in its file; ids are local to a file. After a merge: `file#id`-unique. */
  id: string;
  /** Simplified Chinese terms; the first is the main one. */
  zh: string[];
  /** Traditional Chinese terms, where known. Matched as the simplified entry. */
  zhTraditional: string[];
  pinyin?: string;
  /** The preferred English rendering. */
  preferred: string;
  /** Admitted variants: fine alone, but a document should stick to one rendering. */
  admitted: string[];
  /** Deprecated or forbidden variants: always flagged, with the preferred form as the fix. */
  deprecated: string[];
  acronym?: string;
  definition?: string;
  note?: string;
  /** Which brief and section the concept comes from. */
  source?: string;
  /** English forms match case-insensitively unless this is set. Acronyms always match case-sensitively. */
  caseSensitive?: boolean;
  /** Where the concept was defined (the entry's first line). */
  origin?: SourcePosition;
}

export type ProblemSeverity = 'error' | 'warning';

/** Something wrong in a termbase file, reported on the file itself. */
export interface TermbaseProblem extends SourcePosition {
  severity: ProblemSeverity;
  message: string;
}

/** What one loader returns for one file: every valid entry, and every problem. */
export interface TermbaseFile {
  file: string;
  concepts: Concept[];
  problems: TermbaseProblem[];
  /** True when the file could not be read as a termbase at all (e.g. not JSON/XML). */
  isUnusable?: boolean;
}

/** A merged termbase: what the checks see. */
export interface Termbase {
  concepts: Concept[];
  /** Problems of every file, including merge conflicts (reported on the file that introduced them). */
  problems: TermbaseProblem[];
  files: string[];
}

export function emptyConcept(id: string, preferred = ''): Concept {
  return { id, zh: [], zhTraditional: [], preferred, admitted: [], deprecated: [] };
}

let cachedText: string | undefined;
let cachedLines: LineIndex | undefined;

/**
 * 1-based line and column of a UTF-16 offset in `text`, counting lines as an editor does (\n, \r\n
 * or a lone \r). Loaders ask once per entry, so the last text's line index is kept: scanning from
 * the start each time made loading quadratic.
 */
export function positionOf(text: string, offset: number, file: string): SourcePosition {
  if (text !== cachedText || !cachedLines) {
    cachedLines = new LineIndex(text);
    cachedText = text;
  }
  const position = cachedLines.positionAt(offset);
  return { file, line: position.line + 1, column: position.character + 1 };
}
