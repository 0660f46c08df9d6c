import { parseJsonTermbase } from './json';
import { parseTbx } from './tbx';
import { parseCsvTermbase } from './csv';
import type { TermbaseFile } from './model';

export type TermbaseFormat = 'json' | 'tbx' | 'csv';

export function termbaseFormatOf(file: string): TermbaseFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.tbx') || lower.endsWith('.xml')) return 'tbx';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}

/** Parses a termbase file's text by its extension. Never throws. */
export function loadTermbaseText(text: string, file: string): TermbaseFile {
  const format = termbaseFormatOf(file);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    switch (format) {
      case 'json':
        return parseJsonTermbase(body, file);
      case 'tbx':
        return parseTbx(body, file);
      case 'csv':
        return parseCsvTermbase(body, file);
      default:
        return {
          file,
          concepts: [],
          problems: [{ file, line: 1, column: 1, severity: 'error', message: 'unknown termbase format: use .json, .tbx or .csv' }],
          isUnusable: true,
        };
    }
  } catch (error) {
    // The loaders report problems rather than throw; this is the last line of defence.
    return {
      file,
      concepts: [],
      problems: [{ file, line: 1, column: 1, severity: 'error', message: `could not read the termbase: ${(error as Error).message}` }],
      isUnusable: true,
    };
  }
}
