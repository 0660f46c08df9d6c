/**
 * Builds the document model of a Markdown (or Quarto) source with
 * unified + remark-parse + remark-gfm + remark-frontmatter.
 *
 * Prose is taken from the source slices of text nodes, never from their decoded
 * `value`, so that offsets stay exact; markup between text nodes (emphasis
 * markers, a block-quote `>` on a continuation line) is skipped transparently.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Parents, Root } from 'mdast';
import type { Position } from 'unist';
import { LineIndex } from '../lineIndex';
import {
  findNotesSection,
  type Block,
  type BriefDocument,
  type FootnoteDefinition,
  type FootnoteReference,
  type Heading,
  type ProseRun,
  type Span,
} from './model';

let processor: ReturnType<typeof createProcessor> | undefined;
let frontMatterProcessor: ReturnType<typeof createProcessor> | undefined;

function createProcessor(isFrontMatterAllowed: boolean) {
  const parser = unified().use(remarkParse).use(remarkGfm);
  return isFrontMatterAllowed ? parser.use(remarkFrontmatter, ['yaml', 'toml']) : parser;
}

/**
 * Whether `text` opens with front matter that closes: a first line "---" or
 * "+++" and a later line with the same fence. remark-frontmatter is only
 * given such texts: an opening fence that never closes is a thematic break,
 * but with the plugin in the chain it also stops GFM footnotes from parsing
 * (every "[^1]" became a link reference and every "[^1]: …" a link definition).
 */
export function hasClosedFrontMatter(text: string): boolean {
  const fence = /^(---|\+\+\+)[ \t]*(?:\r\n?|\n)/.exec(text);
  if (!fence) return false;
  const marker = fence[1]!;
  // Line by line (\n, \r\n or a lone \r), from the line after the opening fence.
  for (let lineStart = fence[0].length; lineStart < text.length; ) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    if (text.startsWith(marker, lineStart) && !/[^ \t]/.test(text.slice(lineStart + marker.length, lineEnd))) return true;
    lineStart = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
  }
  return false;
}

/**
 * Parses Markdown into mdast. Exposed for the benchmark's parse floor. The
 * tree's offsets are into `text`: remark reads `defuseMarkdown(text)`, which
 * has the same length.
 */
export function parseMarkdownTree(text: string): Root {
  return parseMarkdown(text, true);
}

/**
 * Parses `text` (a whole document, or one block of it for the incremental
 * analyser) with offsets into `text`. Front matter only where allowed and
 * closed. micromark drops a leading byte order mark and counts offsets from
 * after it: they are moved back into place here.
 */
export function parseMarkdown(text: string, isFrontMatterAllowed: boolean): Root {
  const hasBom = text.charCodeAt(0) === 0xfeff;
  const input = defuseMarkdown(text);
  let tree: Root;
  if (isFrontMatterAllowed && hasClosedFrontMatter(hasBom ? text.slice(1) : text)) {
    frontMatterProcessor ??= createProcessor(true);
    tree = frontMatterProcessor.parse(input) as Root;
  } else {
    processor ??= createProcessor(false);
    tree = processor.parse(input) as Root;
  }
  if (hasBom) shiftOffsets(tree, 1);
  fillMissingPositions(tree, input);
  return tree;
}

function shiftOffsets(tree: Root, by: number): Root {
  const visit = (node: { position?: Position; children?: unknown[] }) => {
    if (node.position) {
      node.position.start.offset = (node.position.start.offset ?? 0) + by;
      node.position.end.offset = (node.position.end.offset ?? 0) + by;
    }
    for (const child of node.children ?? []) visit(child as typeof node);
  };
  visit(tree as never);
  return tree;
}

/**
 * remark-gfm finds some literal URLs after parsing ("secure.www.example.org"
 * glued to a word) and splits the text node around them into new nodes that
 * have no position, so the whole paragraph was read as having no prose. Their
 * texts are slices of the parsed input in order: each is found after the
 * sibling before it. A node whose text cannot be found (an escape changed it)
 * keeps no position, as before.
 */
function fillMissingPositions(tree: Root, input: string): void {
  const place = (node: PositionedNode, from: number, limit: number): number | undefined => {
    if (node.position?.start.offset !== undefined && node.position.end.offset !== undefined) return node.position.end.offset;
    if (typeof node.value === 'string' && !node.children) {
      const at = input.indexOf(node.value, from);
      if (at < 0 || at + node.value.length > limit) return undefined;
      node.position = positionOf(at, at + node.value.length);
      return at + node.value.length;
    }
    if (!node.children || node.children.length === 0) return undefined;
    let cursor = from;
    let start: number | undefined;
    for (const child of node.children) {
      const end = place(child, cursor, limit);
      if (end === undefined) return undefined;
      start ??= child.position!.start.offset!;
      cursor = end;
    }
    node.position = positionOf(start!, cursor);
    return cursor;
  };
  const visit = (node: PositionedNode) => {
    const children = node.children;
    if (!children) return;
    if (children.some((child) => child.position?.start.offset === undefined)) {
      let cursor = node.position?.start.offset ?? 0;
      children.forEach((child, i) => {
        const next = children.slice(i + 1).find((c) => c.position?.start.offset !== undefined);
        const limit = next?.position?.start.offset ?? node.position?.end.offset ?? input.length;
        cursor = place(child, cursor, limit) ?? cursor;
      });
    }
    for (const child of children) visit(child);
  };
  visit(tree as unknown as PositionedNode);
}

interface PositionedNode {
  position?: Position;
  value?: unknown;
  children?: PositionedNode[];
}

function positionOf(start: number, end: number): Position {
  // Only offsets are read; line and column are left as 1 (never used by the model).
  return { start: { line: 1, column: 1, offset: start }, end: { line: 1, column: 1, offset: end } };
}

/**
 * Block-quote and list markers at the start of one line deeper than this are
 * read as text. remark pays O(depth) per line for open containers and recurses
 * once per level (a few thousand levels overflow the stack); briefs quote two
 * or three levels deep. 100 is markdown-it's default `maxNesting`: ample room
 * for any real document, and the cost it leaves is bounded.
 */
export const MAX_CONTAINER_DEPTH = 100;

/**
 * In a run of one bracket longer than this, the surplus is read as text: the
 * outermost "[" of the run and the last 32, the first 32 "]" and the last two.
 * A bracket only means something when it pairs with one of the other kind,
 * and 32 levels of nested link text is far beyond any real document.
 * remark-gfm's footnote-call scan walks back over every "]" before it in the
 * paragraph (100,000 "]" take minutes), and each "[" costs remark about 10 µs.
 */
export const MAX_BRACKET_RUN = 32;

/** What a defused character becomes: punctuation (as brackets are) that starts no construct. */
const DEFUSED_OPEN = '%';
/** "," like "]" is trailing punctuation to a GFM literal URL, so a URL before a run keeps its end. */
const DEFUSED_CLOSE = ',';
const DEFUSED_MARKER = '%';

/**
 * HACK: remark is quadratic (or overflows) on a few pathological inputs that
 * no real document holds: block quotes or lists nested thousands deep on one
 * line, and very long runs of "[" or "]". Those characters are replaced, in
 * the text remark reads only, by characters that start no Markdown construct,
 * one for one, so every offset still holds and prose is still read from the
 * source. A text with no such run is returned as it is, so every ordinary
 * document parses exactly as before. Linear in the text's length.
 */
export function defuseMarkdown(text: string): string {
  const edits: { start: number; end: number; char: string }[] = [];
  collectBracketRunEdits(text, edits);
  collectDeepMarkerEdits(text, edits);
  if (edits.length === 0) return text;
  edits.sort((a, b) => a.start - b.start);
  let result = '';
  let cursor = 0;
  for (const { start, end, char } of edits) {
    result += text.slice(cursor, start) + char.repeat(end - start);
    cursor = end;
  }
  return result + text.slice(cursor);
}

function collectBracketRunEdits(text: string, edits: { start: number; end: number; char: string }[]): void {
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code !== 0x5b && code !== 0x5d) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) === code) j++;
    // "[": the first keeps what comes before it ("![", "\["), the last ones open the innermost labels.
    // "]": the first ones close the innermost labels, the last two keep what comes after ("](", "]]>").
    const [start, end] = code === 0x5b ? [i + 1, j - MAX_BRACKET_RUN] : [i + MAX_BRACKET_RUN, j - 2];
    if (end > start) edits.push({ start, end, char: code === 0x5b ? DEFUSED_OPEN : DEFUSED_CLOSE });
    i = j;
  }
}

const isBlank = (code: number) => code === 0x20 || code === 0x09;
const isLineEnd = (code: number) => code === 0x0a || code === 0x0d;

/**
 * Container markers at the start of each line ("> ", "- ", "* ", "+ ", "1. ",
 * "1) "), counted as remark opens them; past `MAX_CONTAINER_DEPTH` each marker
 * character becomes text. A line that turns into a thematic break ("- - -")
 * ends the containers there, as in CommonMark, and is left alone.
 */
function collectDeepMarkerEdits(text: string, edits: { start: number; end: number; char: string }[]): void {
  const length = text.length;
  let lineStart = 0;
  while (lineStart < length) {
    let p = lineStart;
    while (p < length && isBlank(text.charCodeAt(p))) p++;
    let depth = 0;
    /** Past `checkedUpTo` the rest of the line is known not to be a thematic break of `checkedChar`. */
    let checkedChar = -1;
    let checkedUpTo = -1;
    for (;;) {
      const code = text.charCodeAt(p);
      let markerAt = -1;
      let next = p;
      if (code === 0x3e /* > */) {
        markerAt = p;
        next = p + 1;
      } else if (code === 0x2d /* - */ || code === 0x2a /* * */ || code === 0x2b /* + */) {
        if (p + 1 >= length || isBlank(text.charCodeAt(p + 1)) || isLineEnd(text.charCodeAt(p + 1))) {
          markerAt = p;
          next = p + 1;
        }
      } else if (code >= 0x30 && code <= 0x39) {
        let q = p;
        while (q < length && q - p < 9 && text.charCodeAt(q) >= 0x30 && text.charCodeAt(q) <= 0x39) q++;
        const delimiter = text.charCodeAt(q);
        if ((delimiter === 0x2e || delimiter === 0x29) && (q + 1 >= length || isBlank(text.charCodeAt(q + 1)) || isLineEnd(text.charCodeAt(q + 1)))) {
          markerAt = q;
          next = q + 1;
        }
      }
      if (markerAt < 0) break;
      depth++;
      if (depth > MAX_CONTAINER_DEPTH) {
        if (code === 0x2d || code === 0x2a) {
          if (code !== checkedChar || p > checkedUpTo) {
            // One scan per change of character: linear over the line.
            let q = p;
            while (q < length && (text.charCodeAt(q) === code || isBlank(text.charCodeAt(q)))) q++;
            if (q >= length || isLineEnd(text.charCodeAt(q))) break; // a thematic break from here on
            checkedChar = code;
            checkedUpTo = q;
          }
        }
        edits.push({ start: markerAt, end: markerAt + 1, char: DEFUSED_MARKER });
      }
      // A marker's own space and up to three of indentation; more is indented code, no container.
      let blanks = 0;
      p = next;
      while (p < length && isBlank(text.charCodeAt(p)) && blanks <= 4) {
        p++;
        blanks++;
      }
      if (blanks > 4) break;
    }
    while (p < length && !isLineEnd(text.charCodeAt(p))) p++;
    if (p < length && text.charCodeAt(p) === 0x0d && text.charCodeAt(p + 1) === 0x0a) p++;
    lineStart = p + 1;
  }
}

const UNDEFINED_FOOTNOTE_CALL = /\[\^([^[\]\s^]+)\]/g;

interface Piece extends Span {
  /** An excluded inline (code, HTML, URL) ends the run before it. */
  isBreak?: boolean;
}

export function buildMarkdownDocument(text: string, tree: Root = parseMarkdownTree(text)): BriefDocument {
  return assembleMarkdownDocument(text, collectMarkdownPieces(text, tree));
}

/**
 * The parts of the document model that one parse yields, before the
 * whole-document steps (notes section, line index). Offsets are into the text
 * that was parsed; a block's `isInNotes` is true only inside a GFM footnote
 * definition. The incremental analyser keeps these per top-level block.
 */
export interface MarkdownPieces {
  blocks: Block[];
  runs: ProseRun[];
  headings: Heading[];
  /** Sorted by start. */
  footnoteReferences: FootnoteReference[];
  footnoteDefinitions: FootnoteDefinition[];
  /** Sorted by start (stable: code and HTML before footnote calls at one offset). */
  excluded: Span[];
}

/**
 * Collects the model pieces of `tree`, a parse of `text`. Only top-level nodes
 * that start in [from, to) count: the incremental analyser parses a block with
 * the definitions it refers to written before (or after) it.
 */
export function collectMarkdownPieces(text: string, tree: Root, from = 0, to = Infinity): MarkdownPieces {
  const excluded: Span[] = [];
  const headings: Heading[] = [];
  const blocks: Block[] = [];
  const runs: ProseRun[] = [];
  const footnoteReferences: FootnoteReference[] = [];
  const footnoteDefinitions: FootnoteDefinition[] = [];
  const footnoteSpans: Span[] = [];

  const startOf = (node: Nodes) => node.position?.start.offset ?? 0;
  const endOf = (node: Nodes) => node.position?.end.offset ?? 0;

  function addLeafBlock(node: Parents, type: Block['type'], blockquoteDepth: number) {
    const blockIndex = blocks.length;
    blocks.push({ type, start: startOf(node), end: endOf(node), isInNotes: false });
    const pieces: Piece[] = [];
    collectInline(node, pieces, blockquoteDepth > 0);
    let segments: Span[] = [];
    const flush = () => {
      if (segments.length > 0) {
        runs.push({
          start: segments[0]!.start,
          end: segments[segments.length - 1]!.end,
          segments,
          blockType: type,
          blockIndex,
          isInNotes: false,
        });
      }
      segments = [];
    };
    for (const piece of pieces) {
      if (piece.isBreak) flush();
      else if (piece.end > piece.start) segments.push({ start: piece.start, end: piece.end });
    }
    flush();
  }

  function collectInline(node: Parents, pieces: Piece[], isInBlockquote: boolean) {
    for (const child of node.children as Nodes[]) {
      if (!child.position) {
        // HACK: remark-gfm's autolink-literal transform leaves the pieces of a text node it splits
        // after unusual bracket text ("[[x]: https://…") without positions; their text cannot be
        // placed, so it is skipped, and a URL still ends the run (as it does with a position).
        if (child.type !== 'text') pieces.push({ start: 0, end: 0, isBreak: true });
        continue;
      }
      switch (child.type) {
        case 'text':
          addText(startOf(child), endOf(child), pieces, isInBlockquote);
          break;
        case 'emphasis':
        case 'strong':
        case 'delete':
        case 'linkReference':
          collectInline(child, pieces, isInBlockquote);
          break;
        case 'link': {
          const source = text.slice(startOf(child), endOf(child));
          if (!source.startsWith('[')) {
            // An autolink (<https://…>) or a GFM literal URL: no prose in it.
            excluded.push({ start: startOf(child), end: endOf(child) });
            pieces.push({ start: startOf(child), end: startOf(child), isBreak: true });
          } else {
            collectInline(child, pieces, isInBlockquote);
            const last = child.children[child.children.length - 1];
            const destinationStart = last ? endOf(last) : startOf(child);
            excluded.push({ start: destinationStart, end: endOf(child) });
            pieces.push({ start: destinationStart, end: destinationStart, isBreak: true });
          }
          break;
        }
        case 'footnoteReference':
          footnoteReferences.push({ start: startOf(child), end: endOf(child), label: child.label ?? child.identifier });
          footnoteSpans.push({ start: startOf(child), end: endOf(child) });
          pieces.push({ start: startOf(child), end: startOf(child), isBreak: true });
          break;
        case 'break':
          // "  \n" or "\\\n": the line break separates words; the spaces or backslash before it do not count.
          pieces.push({ start: endOf(child) - 1, end: endOf(child) });
          break;
        default:
          // inlineCode, html, image, imageReference and anything unknown: not prose.
          excluded.push({ start: startOf(child), end: endOf(child) });
          pieces.push({ start: startOf(child), end: startOf(child), isBreak: true });
      }
    }
  }

  /** A text node: split off `[^x]` calls that have no definition, and block-quote prefixes on continuation lines. */
  function addText(start: number, end: number, pieces: Piece[], isInBlockquote: boolean) {
    const slice = text.slice(start, end);
    let cursor = 0;
    if (slice.includes('[^')) {
      UNDEFINED_FOOTNOTE_CALL.lastIndex = 0;
      for (let m = UNDEFINED_FOOTNOTE_CALL.exec(slice); m; m = UNDEFINED_FOOTNOTE_CALL.exec(slice)) {
        addLines(start + cursor, start + m.index, pieces, isInBlockquote);
        const callStart = start + m.index;
        const callEnd = callStart + m[0].length;
        footnoteReferences.push({ start: callStart, end: callEnd, label: m[1]! });
        footnoteSpans.push({ start: callStart, end: callEnd });
        pieces.push({ start: callStart, end: callStart, isBreak: true });
        cursor = m.index + m[0].length;
      }
    }
    addLines(start + cursor, end, pieces, isInBlockquote);
  }

  function addLines(start: number, end: number, pieces: Piece[], isInBlockquote: boolean) {
    if (!isInBlockquote) {
      pieces.push({ start, end });
      return;
    }
    let segmentStart = start;
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) !== 10) continue;
      pieces.push({ start: segmentStart, end: i + 1 });
      let j = i + 1;
      while (j < end && /[ \t>]/.test(text[j]!)) j++;
      segmentStart = j;
      i = j - 1;
    }
    pieces.push({ start: segmentStart, end });
  }

  function visit(node: Nodes, blockquoteDepth: number) {
    switch (node.type) {
      case 'root':
      case 'list':
      case 'listItem':
      case 'table':
      case 'tableRow':
        for (const child of node.children) visit(child as Nodes, blockquoteDepth);
        return;
      case 'blockquote':
        for (const child of node.children) visit(child, blockquoteDepth + 1);
        return;
      case 'tableCell':
        addLeafBlock(node, 'tableCell', blockquoteDepth);
        return;
      case 'paragraph':
        addLeafBlock(node, 'paragraph', blockquoteDepth);
        return;
      case 'heading': {
        const first = node.children.find((c) => c.position);
        const last = node.children.findLast((c) => c.position);
        const textStart = first ? startOf(first) : endOf(node);
        const textEnd = last ? endOf(last) : endOf(node);
        headings.push({
          start: startOf(node),
          end: endOf(node),
          textStart,
          textEnd,
          text: text.slice(textStart, textEnd),
          depth: node.depth,
        });
        addLeafBlock(node, 'heading', blockquoteDepth);
        return;
      }
      case 'footnoteDefinition': {
        const start = startOf(node);
        const labelEnd = text.indexOf(']:', start) + 2;
        const first = node.children[0];
        footnoteDefinitions.push({
          start,
          end: endOf(node),
          label: node.label ?? node.identifier,
          labelStart: start,
          labelEnd: labelEnd > 1 ? labelEnd : start,
          contentStart: first ? startOf(first) : endOf(node),
          contentEnd: endOf(node),
        });
        const blocksBefore = blocks.length;
        for (const child of node.children) visit(child, blockquoteDepth);
        for (let i = blocksBefore; i < blocks.length; i++) blocks[i]!.isInNotes = true;
        return;
      }
      default:
        // code, html, yaml, toml, definition, thematicBreak, …: not prose.
        if (node.type !== 'thematicBreak') excluded.push({ start: startOf(node), end: endOf(node) });
    }
  }

  if (from > 0 || to < Infinity) {
    for (const child of tree.children) if (startOf(child) >= from && startOf(child) < to) visit(child, 0);
  } else {
    visit(tree, 0);
  }

  excluded.push(...footnoteSpans);
  excluded.sort((a, b) => a.start - b.start);
  footnoteReferences.sort((a, b) => a.start - b.start);
  return { blocks, runs, headings, footnoteReferences, footnoteDefinitions, excluded };
}

/** Completes the model from its pieces: the notes section, `isInNotes`, the line index. Takes ownership of `pieces`. */
export function assembleMarkdownDocument(text: string, pieces: MarkdownPieces, lines: LineIndex = new LineIndex(text)): BriefDocument {
  const { blocks, runs, headings } = pieces;
  const notesSection = findNotesSection(headings, text.length);
  if (notesSection) {
    for (const block of blocks) {
      if (block.start >= notesSection.start && block.start < notesSection.end) block.isInNotes = true;
    }
  }
  for (const run of runs) run.isInNotes = blocks[run.blockIndex]!.isInNotes;
  return {
    text,
    kind: 'markdown',
    lines,
    runs,
    blocks,
    headings,
    notesSection,
    footnoteReferences: pieces.footnoteReferences,
    footnoteDefinitions: pieces.footnoteDefinitions,
    excluded: pieces.excluded,
  };
}
