/**
 * Incremental analysis for the editor: one `IncrementalAnalyzer` per open
 * document. Each call splits the text into top-level blocks, reuses the parse
 * and the term scan of every block whose text did not change (keyed by content,
 * so a block that only moved is reused too), parses only the changed ones, and
 * runs the checks on the reassembled document. The result equals `analyze` on
 * the same text (a property test holds it to that).
 *
 * Markdown blocks are split at blank lines followed by an unindented line,
 * except inside front matter, fenced code and HTML blocks; when a line is
 * ambiguous (an indented fence may belong to a list item) both readings are
 * followed and no split is made until they agree. Constructs that span blocks:
 * a reference `[x][ref]` or a footnote call `[^1]` resolves only when its
 * definition exists in the same parse, so a block is parsed with the
 * definitions it refers to (found in other blocks) written before it.
 */
import { analyze, analyzeDocument, type Analysis } from './analyze';
import type { RunMemo } from './check';
import { detach } from './detach';
import type { Block, BriefDocument, FootnoteDefinition, FootnoteReference, Heading, ProseRun, Span } from './document/model';
import { findNotesSection } from './document/model';
import { assembleMarkdownDocument, collectMarkdownPieces, parseMarkdown, type MarkdownPieces } from './document/markdown';
import { buildPlainTextDocument, NOT_PROSE } from './document/plaintext';
import { hasOversizedParagraph } from './document/index';
import { LineIndex } from './lineIndex';
import { provideTermScan, scanRuns, type CompiledTermbase, type TermMatch, type TermScan } from './match/matcher';
import type { Token } from './match/tokens';
import type { AnalyzeOptions } from './options';
import type { DocumentKind } from './types';
import type { Nodes, Root } from 'mdast';

// ---------------------------------------------------------------------------
// Splitting Markdown into top-level blocks

type SplitState =
  | { kind: 'normal' }
  | { kind: 'fence'; marker: string; length: number }
  /** HTML blocks of CommonMark kinds 1-5: they end at a marker, not at a blank line. */
  | { kind: 'html'; end: RegExp }
  /** HTML blocks of kinds 6 and 7: they end at a blank line. */
  | { kind: 'htmlToBlank' }
  | { kind: 'frontMatter'; fence: string };

const NORMAL: SplitState = { kind: 'normal' };
const HTML_TO_BLANK: SplitState = { kind: 'htmlToBlank' };
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const HTML_RAW_OPEN = /^<(?:script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_RAW_END = /<\/(?:script|pre|style|textarea)>/i;
const HTML_BLOCK_TAG =
  /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s/>]|$)/i;

function stateKey(state: SplitState): string {
  switch (state.kind) {
    case 'fence':
      return `f${state.marker}${state.length}`;
    case 'html':
      return `h${state.end.source}`;
    case 'frontMatter':
      return `m${state.fence}`;
    default:
      return state.kind;
  }
}

/** Where a line's content starts: columns of leading white space (a tab to the next multiple of 4) and the index after it. */
function indentation(line: string): { columns: number; index: number } {
  let columns = 0;
  let index = 0;
  for (; index < line.length; index++) {
    const c = line.charCodeAt(index);
    if (c === 32) columns++;
    else if (c === 9) columns += 4 - (columns % 4);
    else break;
  }
  return { columns, index };
}

/** The states a line leads to from the normal state: more than one when the line is ambiguous. */
function openConstruct(line: string): SplitState[] {
  const { columns, index } = indentation(line);
  if (columns > 3 || index >= line.length) return [NORMAL];
  const rest = line.slice(index);
  // Indented 1-3 columns, the line may belong to a list item rather than open a top-level construct.
  const isCertain = columns === 0;
  const withNormal = (state: SplitState) => (isCertain ? [state] : [state, NORMAL]);
  const fence = FENCE_OPEN.exec(rest);
  if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
    return withNormal({ kind: 'fence', marker: fence[1]![0]!, length: fence[1]!.length });
  }
  if (rest.charCodeAt(0) !== 60 /* < */) return [NORMAL];
  // Closed on its own line, the block ends with the line.
  const html = (end: RegExp, openerLength: number): SplitState[] =>
    end.test(rest.slice(openerLength)) ? [NORMAL] : withNormal({ kind: 'html', end });
  if (HTML_RAW_OPEN.test(rest)) return html(HTML_RAW_END, 1);
  if (rest.startsWith('<!--')) return html(/-->/, 4);
  if (rest.startsWith('<?')) return html(/\?>/, 2);
  if (rest.startsWith('<![CDATA[')) return html(/\]\]>/, 9);
  if (/^<![A-Za-z]/.test(rest)) return html(/>/, 2);
  if (HTML_BLOCK_TAG.test(rest)) return withNormal(HTML_TO_BLANK);
  // Kind 7 (any tag alone on its line) cannot interrupt a paragraph: it may or may not start a block.
  if (/^<\/?[A-Za-z]/.test(rest)) return [HTML_TO_BLANK, NORMAL];
  return [NORMAL];
}

function advance(state: SplitState, line: string, isBlank: boolean): SplitState[] {
  switch (state.kind) {
    case 'normal':
      return isBlank ? [NORMAL] : openConstruct(line);
    case 'fence': {
      const { columns, index } = indentation(line);
      if (columns <= 3) {
        const rest = line.slice(index);
        let n = 0;
        while (rest[n] === state.marker) n++;
        if (n >= state.length && rest.slice(n).trim() === '') return [NORMAL];
      }
      return [state];
    }
    case 'html':
      return state.end.test(line) ? [NORMAL] : [state];
    case 'htmlToBlank':
      return isBlank ? [NORMAL] : [state];
    case 'frontMatter':
      return line.trimEnd() === state.fence ? [NORMAL] : [state];
  }
}

const MAX_STATES = 8;

/**
 * Where a split scan starts and when it may stop. At every split point the
 * scan's state is the same (normal, after a blank line, not after indented
 * code), so a scan may resume at a known split point, and stop at a split
 * point from which the text, and so every later split, is known.
 */
export interface SplitRange {
  /** A split point (or 0) to resume from; whether it stays one is decided again. */
  from?: number;
  /** Called at each split point found; true stops the scan there (the caller knows the rest). */
  shouldStop?: (at: number) => boolean;
}

export interface SplitResult {
  /** Block starts found from `from` on. */
  starts: number[];
  /** The split point where `shouldStop` stopped the scan, if it did. */
  stoppedAt?: number;
}

/**
 * Offsets where top-level Markdown blocks start (always including 0). A split
 * is made only before an unindented line that follows a blank line, when every
 * reading of the lines so far is outside any construct that spans blank lines.
 */
export function splitMarkdownBlocks(text: string): number[] {
  return scanMarkdownBlocks(text, {}).starts;
}

function scanMarkdownBlocks(text: string, range: SplitRange): SplitResult {
  const from = range.from ?? 0;
  const starts: number[] = from === 0 ? [0] : [];
  let states: SplitState[] = [NORMAL];
  let isPreviousBlank = from > 0;
  let lineStart = from;
  let isFirstLine = from === 0;
  // micromark keeps indented code open across blank lines, and an open construct changes how the
  // next line parses (an ordered list from 2 cannot interrupt it): never split after indented code.
  let isAfterIndentedLine = false;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length) {
      const c = text.charCodeAt(lineEnd);
      if (c === 10 || c === 13) break;
      lineEnd++;
    }
    const next = lineEnd >= text.length ? text.length + 1 : text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
    // The parser skips a leading byte order mark: "\ufeff<!--" opens an HTML block.
    const line = lineStart === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1, lineEnd) : text.slice(lineStart, lineEnd);
    const isBlank = /^[ \t]*$/.test(line);
    const first = line.charCodeAt(0);
    if (
      isPreviousBlank &&
      !isBlank &&
      !isAfterIndentedLine &&
      lineStart > 0 &&
      first !== 32 &&
      first !== 9 &&
      first !== 0xfeff &&
      states.length === 1 &&
      states[0]!.kind === 'normal'
    ) {
      starts.push(lineStart);
      if (lineStart > from && range.shouldStop?.(lineStart)) return { starts, stoppedAt: lineStart };
    }
    if (isFirstLine && /^(?:---|\+\+\+)[ \t]*$/.test(line)) {
      // Front matter (when a closing fence follows) or a thematic break: follow both readings.
      states = [{ kind: 'frontMatter', fence: line.trimEnd() }, NORMAL];
    } else {
      const nextStates: SplitState[] = [];
      const seen = new Set<string>();
      for (const state of states) {
        for (const s of advance(state, line, isBlank)) {
          const key = stateKey(s);
          if (!seen.has(key)) {
            seen.add(key);
            nextStates.push(s);
          }
        }
      }
      states = nextStates;
      // Too ambiguous to split safely: the rest is one block.
      if (states.length > MAX_STATES) return { starts };
    }
    isFirstLine = false;
    isPreviousBlank = isBlank;
    if (!isBlank) isAfterIndentedLine = indentation(line).columns >= 4;
    lineStart = next;
  }
  return { starts };
}

/**
 * Offsets where plain-text blocks start: after a blank line (as the plain-text
 * model reads it), unless something excluded from prose (an HTML comment, a
 * tag) runs across it.
 */
export function splitPlainTextBlocks(text: string): number[] {
  return scanPlainTextBlocks(text, {}).starts;
}

function scanPlainTextBlocks(text: string, range: SplitRange): SplitResult {
  const from = range.from ?? 0;
  const starts: number[] = from === 0 ? [0] : [];
  // The next match of what is not prose that spans lines (no match runs across a split point,
  // so matching may start afresh at one).
  const pattern = new RegExp(NOT_PROSE.source, NOT_PROSE.flags);
  pattern.lastIndex = from;
  let spanStart = -1;
  let spanEnd = -1;
  const nextSpan = (after: number) => {
    while (spanEnd <= after) {
      if (spanEnd === Infinity) return;
      const m = pattern.exec(text);
      if (!m) {
        spanStart = spanEnd = Infinity;
        return;
      }
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      if (/[\r\n]/.test(m[0])) {
        spanStart = m.index;
        spanEnd = m.index + m[0].length;
      }
    }
  };
  let isPreviousBlank = from > 0;
  let lineStart = from;
  while (lineStart < text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length) {
      const c = text.charCodeAt(lineEnd);
      if (c === 10 || c === 13) break;
      lineEnd++;
    }
    const next = text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
    const isBlank = text.slice(lineStart, lineEnd).trim() === '';
    if (isPreviousBlank && !isBlank && lineStart > 0) {
      nextSpan(lineStart);
      if (!(spanStart < lineStart && spanEnd > lineStart)) {
        starts.push(lineStart);
        if (lineStart > from && range.shouldStop?.(lineStart)) return { starts, stoppedAt: lineStart };
      }
    }
    isPreviousBlank = isBlank;
    lineStart = next;
  }
  return { starts };
}

// ---------------------------------------------------------------------------
// Labels that cross blocks: reference definitions and GFM footnotes

/** micromark's `normalizeIdentifier`. */
function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '').toLowerCase().toUpperCase();
}

const BRACKETED = /\[((?:[^[\]\\]|\\[\s\S])*)\]/g;

/** Every label a block might refer to: `r` + label for references, `^` + label for footnote calls. Over-inclusive. */
function candidateLabels(text: string): string[] {
  if (!text.includes('[')) return [];
  const labels = new Set<string>();
  BRACKETED.lastIndex = 0;
  for (let m = BRACKETED.exec(text); m; m = BRACKETED.exec(text)) {
    const content = m[1]!;
    labels.add(`r${normalizeLabel(content)}`);
    if (content.startsWith('^')) labels.add(`^${normalizeLabel(content.slice(1))}`);
  }
  return [...labels];
}

/** Definitions in a parsed block: key (as in `candidateLabels`) → the label as written. */
function collectDefinitions(text: string, tree: Root, from: number, to: number): Map<string, string> {
  const definitions = new Map<string, string>();
  const visit = (node: Nodes) => {
    if (node.type === 'definition' || node.type === 'footnoteDefinition') {
      const start = node.position?.start.offset ?? 0;
      if (start >= from && start < to) {
        const isNote = node.type === 'footnoteDefinition';
        const m = (isNote ? /^\[\^((?:[^\]\\]|\\[\s\S])*)\]:/ : /^\[((?:[^\]\\]|\\[\s\S])*)\]:/).exec(text.slice(start, start + 1200));
        if (m) {
          const key = `${isNote ? '^' : 'r'}${normalizeLabel(m[1]!)}`;
          if (!definitions.has(key)) definitions.set(key, m[1]!);
        }
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return definitions;
}

function definitionSource(key: string, label: string): string {
  return key.startsWith('^') ? `[^${label}]: x` : `[${label.replace(/[\r\n]+/g, ' ')}]: x`;
}

// ---------------------------------------------------------------------------
// Cached pieces

interface ChunkScan {
  compiled: CompiledTermbase;
  tokensByRun: Token[][];
  matches: TermMatch[];
  /** Per run, where checks keep per-run results while the block and the termbase stay. */
  runMemos: RunMemo[];
}

/** One block parsed in one context, with offsets relative to the block. */
interface ParsedChunk {
  pieces: MarkdownPieces;
  /** Block `isInNotes` as parsed (inside a footnote definition), before the notes section is applied. */
  baseIsInNotes: boolean[];
  scan?: ChunkScan;
  /** The pieces shifted to where the block last stood, reused while it stays there. */
  placed?: PlacedChunk;
}

interface PlacedChunk {
  /** The analysis (`IncrementalAnalyzer.serial`) that last placed it: a block that occurs twice in one document needs a second copy. */
  placedIn: number;
  offset: number;
  blockOffset: number;
  runOffset: number;
  pieces: MarkdownPieces;
  compiled?: CompiledTermbase;
  tokensByRun?: Token[][];
  matches?: TermMatch[];
}

interface ChunkInfo {
  /** The cache key: the block's text (detached from the document), marked when it is the first block. */
  key: string;
  /** Own definitions (only for blocks containing "]:"), parsed on their own. */
  definitions?: Map<string, string>;
  candidates?: string[];
  /** Parses by context: `1|0` (first block) + the labels defined elsewhere that it needs. */
  parses: Map<string, ParsedChunk>;
}

export interface IncrementalStats {
  blocks: number;
  /** Blocks parsed in this call (the rest came from the cache). */
  parsedBlocks: number;
  /** Blocks whose term scan was computed in this call. */
  scannedBlocks: number;
  /** Milliseconds: split, parse and assemble the model, term scan, checks. */
  timings: { split: number; parse: number; scan: number; checks: number };
}

/** Only the first block may open with front matter; a later "---" block is a thematic break. */
function parseTree(text: string, isFirst: boolean): Root {
  return parseMarkdown(text, isFirst);
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function shiftPieces(pieces: MarkdownPieces, delta: number, blockOffset: number, baseIsInNotes?: boolean[]): MarkdownPieces {
  const span = (s: Span): Span => ({ start: s.start + delta, end: s.end + delta });
  return {
    blocks: pieces.blocks.map((b, i): Block => ({ type: b.type, start: b.start + delta, end: b.end + delta, isInNotes: baseIsInNotes ? baseIsInNotes[i]! : b.isInNotes })),
    runs: pieces.runs.map((r): ProseRun => ({
      start: r.start + delta,
      end: r.end + delta,
      segments: r.segments.map(span),
      blockType: r.blockType,
      blockIndex: r.blockIndex + blockOffset,
      isInNotes: false,
    })),
    headings: pieces.headings.map((h): Heading => ({ ...h, start: h.start + delta, end: h.end + delta, textStart: h.textStart + delta, textEnd: h.textEnd + delta })),
    footnoteReferences: pieces.footnoteReferences.map((f): FootnoteReference => ({ start: f.start + delta, end: f.end + delta, label: f.label })),
    footnoteDefinitions: pieces.footnoteDefinitions.map(
      (f): FootnoteDefinition => ({
        start: f.start + delta,
        end: f.end + delta,
        label: f.label,
        labelStart: f.labelStart + delta,
        labelEnd: f.labelEnd + delta,
        contentStart: f.contentStart + delta,
        contentEnd: f.contentEnd + delta,
      }),
    ),
    excluded: pieces.excluded.map(span),
  };
}

/**
 * Moves a placed block's copy to where the block stands now, changing its objects in place.
 * One loop per kind of object: a shared helper would see every shape and run several times slower.
 */
function movePlaced(placed: PlacedChunk, offset: number, blockOffset: number, runOffset: number): void {
  const delta = offset - placed.offset;
  const blockDelta = blockOffset - placed.blockOffset;
  const runDelta = runOffset - placed.runOffset;
  const { pieces } = placed;
  if (delta !== 0) {
    for (const block of pieces.blocks) {
      block.start += delta;
      block.end += delta;
    }
    for (const run of pieces.runs) {
      run.start += delta;
      run.end += delta;
      for (const segment of run.segments) {
        segment.start += delta;
        segment.end += delta;
      }
    }
    for (const heading of pieces.headings) {
      heading.start += delta;
      heading.end += delta;
      heading.textStart += delta;
      heading.textEnd += delta;
    }
    for (const reference of pieces.footnoteReferences) {
      reference.start += delta;
      reference.end += delta;
    }
    for (const definition of pieces.footnoteDefinitions) {
      definition.start += delta;
      definition.end += delta;
      definition.labelStart += delta;
      definition.labelEnd += delta;
      definition.contentStart += delta;
      definition.contentEnd += delta;
    }
    for (const span of pieces.excluded) {
      span.start += delta;
      span.end += delta;
    }
    if (placed.tokensByRun) {
      for (const tokens of placed.tokensByRun) {
        for (const token of tokens) {
          token.start += delta;
          token.end += delta;
        }
      }
    }
  }
  if (blockDelta !== 0) for (const run of pieces.runs) run.blockIndex += blockDelta;
  if (placed.matches && (delta !== 0 || runDelta !== 0)) {
    for (const match of placed.matches) {
      match.start += delta;
      match.end += delta;
      match.run += runDelta;
    }
  }
  placed.offset = offset;
  placed.blockOffset = blockOffset;
  placed.runOffset = runOffset;
}

function shiftTokens(tokensByRun: Token[][], delta: number): Token[][] {
  return tokensByRun.map((tokens) => tokens.map((t): Token => ({ key: t.key, start: t.start + delta, end: t.end + delta, gap: t.gap, isHanzi: t.isHanzi })));
}

function shiftMatches(matches: TermMatch[], delta: number, runOffset: number): TermMatch[] {
  return matches.map((m): TermMatch => ({ ...m, start: m.start + delta, end: m.end + delta, run: m.run + runOffset }));
}

/** Plain-text pieces of one block, as `buildPlainTextDocument` sees it. */
function plainTextPieces(text: string): MarkdownPieces {
  const doc = buildPlainTextDocument(text);
  // The notes section is the whole document's: decided when the blocks are assembled.
  for (const block of doc.blocks) block.isInNotes = false;
  return { blocks: doc.blocks, runs: doc.runs, headings: doc.headings, footnoteReferences: [], footnoteDefinitions: [], excluded: doc.excluded };
}

/**
 * Lengths of the common prefix and suffix of two texts (not overlapping).
 * Compared a stretch at a time, from 64 KB stretches down to 16 characters:
 * comparing two slices is a native memory comparison, far faster than a loop.
 */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  for (let stride = 1 << 16; stride >= 16; stride >>= 2) {
    while (prefix + stride <= shorter && a.slice(prefix, prefix + stride) === b.slice(prefix, prefix + stride)) prefix += stride;
  }
  while (prefix < shorter && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  const room = shorter - prefix;
  let suffix = 0;
  for (let stride = 1 << 16; stride >= 16; stride >>= 2) {
    while (suffix + stride <= room && a.slice(a.length - suffix - stride, a.length - suffix) === b.slice(b.length - suffix - stride, b.length - suffix)) suffix += stride;
  }
  while (suffix < room && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** The last call's blocks, to find what an edit left alone. */
interface PreviousSplit {
  text: string;
  starts: number[];
  infos: ChunkInfo[];
}

/**
 * Keeps one document's blocks between edits: create one per open document and
 * call `analyze` with each new text. Not shared between documents; cheap to
 * create. Never throws on user content (as `analyze`).
 *
 * An analysis it returns holds until the next call: the model's objects for
 * unchanged blocks (and the parentheticals found in them) are reused, and
 * moved in place when text before them changes length (allocating a copy of
 * every later token on each keystroke cost a 1 MB document more than the
 * checks). The findings are the caller's.
 */
export class IncrementalAnalyzer {
  private kind: DocumentKind | undefined;
  private chunks = new Map<string, ChunkInfo>();
  private previous: PreviousSplit | undefined;
  /** Counts the calls to `build`. */
  private serial = 0;
  /** Statistics of the last call, for logs and the benchmark. */
  stats: IncrementalStats = { blocks: 0, parsedBlocks: 0, scannedBlocks: 0, timings: { split: 0, parse: 0, scan: 0, checks: 0 } };

  /** Forgets every cached block (e.g. when the document closes). */
  clear(): void {
    this.chunks = new Map();
    this.kind = undefined;
    this.previous = undefined;
  }

  /** The same analysis as `analyze(text, options, termbase)`, reusing what did not change since the last call. */
  analyze(text: string, options: AnalyzeOptions, termbase: CompiledTermbase): Analysis {
    const t0 = now();
    let built: ReturnType<IncrementalAnalyzer['build']>;
    try {
      // Such a text is read as plain prose by the full analysis; blocks would not give the same model.
      if (options.kind === 'markdown' && hasOversizedParagraph(text)) throw new Error('oversized paragraph');
      built = this.build(text, options.kind, termbase);
    } catch {
      // A bug here must not cost the user their diagnostics: start afresh with a full analysis.
      this.clear();
      const analysis = analyze(text, options, termbase);
      this.stats = { blocks: 1, parsedBlocks: 1, scannedBlocks: 1, timings: { split: 0, parse: now() - t0, scan: 0, checks: 0 } };
      return analysis;
    }
    const { document, scan, runMemos, parsedBlocks, scannedBlocks, blocks, split, parsed } = built;
    const t1 = now();
    provideTermScan(document, termbase, scan);
    const analysis = analyzeDocument(document, options, termbase, runMemos);
    const t2 = now();
    this.stats = { blocks, parsedBlocks, scannedBlocks, timings: { split: split - t0, parse: parsed - split, scan: t1 - parsed, checks: t2 - t1 } };
    return analysis;
  }

  /** The document model and term scan of `text`, from cached blocks where possible. */
  buildDocument(text: string, kind: DocumentKind, termbase: CompiledTermbase): { document: BriefDocument; scan: TermScan } {
    const { document, scan } = this.build(text, kind, termbase);
    return { document, scan };
  }

  /**
   * The blocks of `text`: the previous split is kept before the first changed
   * block and after the last one, and only the stretch between is scanned again.
   */
  private split(text: string, isMarkdown: boolean): { starts: number[]; slices: string[]; infos: ChunkInfo[] } {
    const scan = isMarkdown ? scanMarkdownBlocks : scanPlainTextBlocks;
    const previous = this.previous;
    let keptBefore = 0;
    let result: SplitResult;
    let tail: { oldIndex: number; delta: number } | undefined;
    if (!previous) {
      result = scan(text, {});
    } else {
      const { starts: oldStarts, text: oldText } = previous;
      const count = oldStarts.length;
      const delta = text.length - oldText.length;
      // The common prefix and suffix of the old and new text.
      const { prefix, suffix } = commonEnds(oldText, text);
      // Blocks wholly inside the common prefix are unchanged (a block ends where the next starts).
      let first = 0;
      while (first < count && (first + 1 < count ? oldStarts[first + 1]! : oldText.length) <= prefix) first++;
      // A changed line may join a block to the one before: scan again from the start of that one.
      keptBefore = Math.max(0, Math.min(first, count) - 1);
      const from = keptBefore > 0 ? oldStarts[keptBefore]! : 0;
      const changedFrom = first < count ? oldStarts[first]! : oldText.length;
      // Blocks wholly inside the common suffix are unchanged, at an offset shifted by delta. Not the
      // first block: where it ends was decided reading its first line as a possible front matter fence.
      let last = count;
      while (last > Math.max(first, 1) && oldStarts[last - 1]! >= oldText.length - suffix && oldStarts[last - 1]! + delta >= changedFrom) last--;
      const unchangedFrom = last < count ? oldStarts[last]! + delta : Infinity;
      const oldIndexOf = new Map<number, number>();
      for (let i = last; i < count; i++) oldIndexOf.set(oldStarts[i]!, i);
      result = scan(text, {
        from,
        // From a split point in the unchanged tail that was one before, every later split is the old one.
        shouldStop: (at) => at >= unchangedFrom && oldIndexOf.has(at - delta),
      });
      if (result.stoppedAt !== undefined) tail = { oldIndex: oldIndexOf.get(result.stoppedAt - delta)!, delta };
    }
    const starts = previous ? previous.starts.slice(0, keptBefore) : [];
    const infos: ChunkInfo[] = previous ? previous.infos.slice(0, keptBefore) : [];
    for (const start of result.starts) starts.push(start);
    const tailFrom = starts.length;
    if (tail && previous) {
      starts.pop();
      for (let i = tail.oldIndex; i < previous.starts.length; i++) starts.push(previous.starts[i]! + tail.delta);
    }
    const slices = starts.map((start, i) => text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length));
    // Blocks the scan found: by content, so that a block that moved or came back is reused.
    for (let i = keptBefore; i < (tail ? tailFrom - 1 : starts.length); i++) {
      // The first block is keyed apart: only it may open with front matter.
      const key = i === 0 ? `\u0000${slices[i]}` : slices[i]!;
      let info = this.chunks.get(key);
      if (!info) {
        info = { key: detach(key), parses: new Map() };
        this.chunks.set(info.key, info);
      }
      infos.push(info);
    }
    if (tail && previous) for (let i = tail.oldIndex; i < previous.starts.length; i++) infos.push(previous.infos[i]!);
    this.previous = { text, starts, infos };
    // Forget blocks no longer in the document once they outnumber the live ones.
    if (this.chunks.size > 2 * infos.length + 64) this.chunks = new Map(infos.map((info) => [info.key, info]));
    return { starts, slices, infos };
  }

  private build(text: string, kind: DocumentKind, termbase: CompiledTermbase) {
    if (kind !== this.kind) {
      this.chunks = new Map();
      this.previous = undefined;
      this.kind = kind;
    }
    const isMarkdown = kind === 'markdown';
    const { starts, slices, infos } = this.split(text, isMarkdown);
    const split = now();
    let parsedBlocks = 0;

    // Definitions: a block that may define a label is parsed on its own first.
    const defined = new Map<string, string>();
    const variants: string[] = [];
    if (isMarkdown) {
      slices.forEach((slice, i) => {
        const info = infos[i]!;
        if (info.definitions === undefined) {
          if (slice.includes(']:')) {
            const own = detach(slice);
            const tree = parseTree(own, i === 0);
            parsedBlocks++;
            info.definitions = collectDefinitions(own, tree, 0, Infinity);
            // Its stand-alone parse is the right one when it needs no label from elsewhere.
            info.parses.set(`${i === 0 ? 1 : 0}|`, this.toParsed(collectMarkdownPieces(own, tree)));
          } else {
            info.definitions = new Map();
          }
        }
        for (const [key, label] of info.definitions) if (!defined.has(key)) defined.set(key, label);
      });
      slices.forEach((slice, i) => {
        const info = infos[i]!;
        info.candidates ??= candidateLabels(slice);
        const needed = defined.size === 0 ? [] : info.candidates.filter((key) => defined.has(key) && !info.definitions!.has(key)).sort();
        variants.push(`${i === 0 ? 1 : 0}|${needed.join('\u0001')}`);
      });
    }

    const parts: ParsedChunk[] = slices.map((slice, i) => {
      const info = infos[i]!;
      const variant = isMarkdown ? variants[i]! : '';
      let parsed = info.parses.get(variant);
      if (!parsed) {
        parsedBlocks++;
        if (!isMarkdown) {
          parsed = this.toParsed(plainTextPieces(detach(slice)));
        } else {
          const needed = variant.slice(2);
          const own = detach(slice);
          if (needed === '') {
            parsed = this.toParsed(collectMarkdownPieces(own, parseTree(own, i === 0)));
          } else {
            const definitions = needed.split('\u0001').map((key) => definitionSource(key, defined.get(key)!)).join('\n\n');
            if (i === 0) {
              // The first block may open with front matter: its definitions go after it.
              const source = `${own}\n\n${definitions}\n`;
              parsed = this.toParsed(collectMarkdownPieces(source, parseTree(source, true), 0, own.length));
            } else {
              const prefix = `${definitions}\n\n`;
              const source = prefix + own;
              const pieces = collectMarkdownPieces(source, parseTree(source, false), prefix.length);
              parsed = this.toParsed(shiftPieces(pieces, -prefix.length, 0));
            }
          }
        }
        info.parses.set(variant, parsed);
      }
      return parsed;
    });
    // Keep only the parse in use (and a block's stand-alone parse, which its definitions came from).
    slices.forEach((_, i) => {
      const info = infos[i]!;
      if (info.parses.size <= 1) return;
      const variant = isMarkdown ? variants[i]! : '';
      const standalone = `${i === 0 ? 1 : 0}|`;
      for (const key of [...info.parses.keys()]) if (key !== variant && key !== standalone) info.parses.delete(key);
    });

    // Assemble: shift each block's pieces to where it stands now.
    const all: MarkdownPieces = { blocks: [], runs: [], headings: [], footnoteReferences: [], footnoteDefinitions: [], excluded: [] };
    const placedChunks: PlacedChunk[] = [];
    const serial = ++this.serial;
    parts.forEach((parsed, i) => {
      const offset = starts[i]!;
      let placed = parsed.placed;
      if (!placed || placed.placedIn === serial) {
        placed = {
          placedIn: serial,
          offset,
          blockOffset: all.blocks.length,
          runOffset: all.runs.length,
          pieces: shiftPieces(parsed.pieces, offset, all.blocks.length, parsed.baseIsInNotes),
        };
        parsed.placed = placed;
      } else {
        // Typing moves every later block: its copy moves with it, in place (see `analyze`).
        movePlaced(placed, offset, all.blocks.length, all.runs.length);
        placed.placedIn = serial;
        placed.pieces.blocks.forEach((block, b) => (block.isInNotes = parsed.baseIsInNotes[b]!));
      }
      placedChunks.push(placed);
      // One loop per list (not one over the list names): each stays monomorphic, which a 1 MB document feels.
      const { pieces } = placed;
      for (const block of pieces.blocks) all.blocks.push(block);
      for (const run of pieces.runs) all.runs.push(run);
      for (const heading of pieces.headings) all.headings.push(heading);
      for (const reference of pieces.footnoteReferences) all.footnoteReferences.push(reference);
      for (const definition of pieces.footnoteDefinitions) all.footnoteDefinitions.push(definition);
      for (const span of pieces.excluded) all.excluded.push(span);
    });
    const parsedAt = now();
    const lines = new LineIndex(text);
    let document: BriefDocument;
    if (isMarkdown) {
      document = assembleMarkdownDocument(text, all, lines);
    } else {
      const notesSection = findNotesSection(all.headings, text.length);
      if (notesSection) {
        for (const block of all.blocks) if (block.start >= notesSection.start && block.start < notesSection.end) block.isInNotes = true;
      }
      for (const run of all.runs) run.isInNotes = all.blocks[run.blockIndex]!.isInNotes;
      document = {
        text,
        kind: 'plaintext',
        lines,
        runs: all.runs,
        blocks: all.blocks,
        headings: all.headings,
        notesSection,
        footnoteReferences: [],
        footnoteDefinitions: [],
        excluded: all.excluded,
      };
    }

    // Term scan: per block, then shifted.
    let scannedBlocks = 0;
    const tokensByRun: Token[][] = [];
    const matches: TermMatch[] = [];
    const runMemos: RunMemo[] = [];
    parts.forEach((parsed, i) => {
      if (!parsed.scan || parsed.scan.compiled !== termbase) {
        scannedBlocks++;
        const scan = scanRuns(detach(slices[i]!), parsed.pieces.runs, termbase);
        parsed.scan = { compiled: termbase, tokensByRun: scan.tokensByRun, matches: scan.matches, runMemos: scan.tokensByRun.map((): RunMemo => new Map()) };
      }
      for (const memo of parsed.scan.runMemos) runMemos.push(memo);
      const placed = placedChunks[i]!;
      if (placed.compiled !== termbase || !placed.tokensByRun || !placed.matches) {
        placed.compiled = termbase;
        placed.tokensByRun = shiftTokens(parsed.scan.tokensByRun, placed.offset);
        placed.matches = shiftMatches(parsed.scan.matches, placed.offset, placed.runOffset);
      }
      for (const tokens of placed.tokensByRun) tokensByRun.push(tokens);
      for (const match of placed.matches) matches.push(match);
    });
    return { document, scan: { tokensByRun, matches }, runMemos, parsedBlocks, scannedBlocks, blocks: slices.length, split, parsed: parsedAt };
  }

  private toParsed(pieces: MarkdownPieces): ParsedChunk {
    return { pieces, baseIsInNotes: pieces.blocks.map((b) => b.isInNotes) };
  }
}
