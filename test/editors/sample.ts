/**
 * Where things are in the sample brief (samples/nswn-brief.md), found in its
 * text rather than written down as numbers, so that every editor test (the
 * VS Code suite, the UI test, the Neovim probe) aims at the same words. Pure:
 * the VS Code suite bundles it into the extension host.
 */

export const SAMPLE_MARKDOWN = 'nswn-brief.md';
export const SAMPLE_TEXT = 'nswn-brief.txt';

export interface Position {
  line: number;
  character: number;
}

export interface Span {
  start: Position;
  end: Position;
}

/** 0-based line and UTF-16 character of an offset (what LSP and the vscode API count). */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** The offset of `needle`, looked for after the end of `after` when given. Throws when absent: the sample changed. */
export function offsetOf(text: string, needle: string, after?: string): number {
  let from = 0;
  if (after !== undefined) {
    const anchor = text.indexOf(after);
    if (anchor === -1) throw new Error(`the sample no longer contains ${JSON.stringify(after)}`);
    from = anchor + after.length;
  }
  const at = text.indexOf(needle, from);
  if (at === -1) throw new Error(`the sample no longer contains ${JSON.stringify(needle)}${after ? ` after ${JSON.stringify(after)}` : ''}`);
  return at;
}

export function spanOf(text: string, needle: string, after?: string): Span {
  const start = offsetOf(text, needle, after);
  return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}

export interface ExpectedFinding {
  rule: string;
  /** The words the finding covers, for messages. */
  words: string;
  span: Span;
}

export interface ExpectedHover {
  what: string;
  /** Where to hover: the first character of the word plus one, inside the word. */
  position: Position;
  /** Texts the card must contain (compared after removing Markdown escapes). */
  mustContain: string[];
}

export interface SampleExpectations {
  /** Findings every editor must show (a subset: the CLI's full list is compared where the host has it). */
  findings: ExpectedFinding[];
  /** The finding whose preferred fix the tests apply, and the text the fix writes. */
  fix: { finding: ExpectedFinding; replacement: string; title: string };
  hovers: { term: ExpectedHover; acronym: ExpectedHover; note: ExpectedHover };
}

function inside(span: Span): Position {
  return { line: span.start.line, character: span.start.character + 1 };
}

/** The expectations for the Markdown sample, computed from its text. */
export function markdownExpectations(text: string): SampleExpectations {
  const nearMiss: ExpectedFinding = { rule: 'term/near-miss', words: 'NWNS', span: spanOf(text, 'NWNS', 'Party documents present the ') };
  const findings: ExpectedFinding[] = [
    nearMiss,
    { rule: 'term/mismatch', words: '现代化产业体系', span: spanOf(text, '现代化产业体系', 'Some commentators write of a modern industrial base (') },
    { rule: 'term/deprecated', words: 'dual cycle strategy', span: spanOf(text, 'dual cycle strategy') },
  ];
  const noteLine = text.split('\n').find((line) => line.startsWith('[^1]:'));
  if (!noteLine) throw new Error('the sample no longer defines note [^1]');
  return {
    findings,
    fix: { finding: nearMiss, replacement: 'NSWN', title: 'Replace with "NSWN"' },
    hovers: {
      term: {
        what: 'the hanzi of the new-style whole-of-nation system',
        position: inside(spanOf(text, '新型举国体制')),
        mustContain: ['new-style whole-of-nation system', '新型举国体制', 'xīnxíng jǔguó tǐzhì', 'NSWN'],
      },
      acronym: {
        what: 'the acronym CCFEA where the brief defines it',
        position: inside(spanOf(text, 'CCFEA', 'Financial and Economic Affairs (')),
        mustContain: ['CCFEA', 'Central Commission for Financial and Economic Affairs'],
      },
      note: {
        what: 'the first note marker',
        position: inside(spanOf(text, '[^1]')),
        mustContain: [noteLine.slice('[^1]:'.length).trim()],
      },
    },
  };
}

/** A finding as "rule@line:col-line:col", the form the editor tests compare. */
export function findingKey(rule: string, range: Span): string {
  return `${rule}@${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** Hover text as a reader sees it: Markdown escapes removed. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_[\]<>|~])/g, '$1');
}

export interface NoteLabels {
  /** Labels of the footnote references in the body, in order of appearance. */
  references: string[];
  /** Label → text of each footnote definition. */
  definitions: Map<string, string>;
  /** The text with every label replaced by "#": what renumbering must leave untouched. */
  skeleton: string;
}

/** The GFM footnote labels of a Markdown text. */
export function noteLabels(text: string): NoteLabels {
  const definitions = new Map<string, string>();
  const references: string[] = [];
  for (const line of text.split('\n')) {
    const definition = /^\[\^([^\]]+)\]:\s*(.*)$/.exec(line);
    if (definition) {
      definitions.set(definition[1]!, definition[2]!.trim());
      continue;
    }
    for (const match of line.matchAll(/\[\^([^\]]+)\]/g)) references.push(match[1]!);
  }
  return { references, definitions, skeleton: text.replace(/\[\^[^\]]+\]/g, '[^#]') };
}
