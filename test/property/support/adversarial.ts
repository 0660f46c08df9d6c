/**
 * The adversarial inputs of the speed properties, shared by the default suite
 * and `npm run fuzz`: single characters repeated to 100 KB, and the worst
 * multi-character shapes we could construct for the engine's own code (each
 * aimed at a regular expression or a loop of a named module).
 */
import type { DocumentKind } from '../../../server/src/engine/index';
import { HOSTILE_CHARACTERS } from './arbitraries';
import type { TimedCase } from './timedAnalysis';

export const HUNDRED_KB = 100_000;

/** Every printable ASCII character, the line ends and tab, and the single code points of the hostile set. */
export function allRepeatedCharacters(): string[] {
  const chars: string[] = [];
  for (let code = 0x20; code < 0x7f; code++) chars.push(String.fromCharCode(code));
  chars.push('\n', '\r', '\t');
  for (const c of HOSTILE_CHARACTERS) if ([...c].length === 1 && !chars.includes(c)) chars.push(c);
  chars.push('中', '新', '😀');
  return chars;
}

/** The characters Markdown gives a meaning to, plus a letter, a space and a hanzi: the default suite's Markdown set. */
export const MARKDOWN_SIGNIFICANT = ['[', ']', '<', '>', '\\', '\n', 'a'];

/** The default suite's plain-text set: the punctuation the engine's scanners look at, a letter, a digit, white space and a few hostile characters. */
export const PLAIN_TEXT_SAMPLE = [...'"&()-.<[^', 'a', 'A', '1', ' ', '\n', '\r', '中', '¹', '（', '\ud800', '😀'];

export function repeatedCharacterCases(chars: readonly string[], kinds: readonly DocumentKind[], length = HUNDRED_KB): TimedCase[] {
  return kinds.flatMap((kind) => chars.map((c) => ({ label: `${JSON.stringify(c)} x ${length}`, kind, unit: c, count: Math.ceil(length / c.length) })));
}

/** Multi-character worst cases for the engine's own code, each about `N` characters, with the code it aims at. */
export function constructedCases(N = HUNDRED_KB): { label: string; text: string; aim: string; isMarkdownSpecific?: boolean }[] {
  const entries = Math.round(N / 5);
  return [
    { label: 'a Markdown heading of "a", spaces, "x"', text: `# a${' '.repeat(N)}x\n`, aim: 'document/model.ts isNotesHeadingText trim', isMarkdownSpecific: true },
    { label: 'a Markdown heading of dots then "x"', text: `# ${'.'.repeat(N)}x\n`, aim: 'document/model.ts isNotesHeadingText trim', isMarkdownSpecific: true },
    { label: 'a setext heading of spaces and tabs', text: `a${' \t'.repeat(N / 2)}x\n===\n`, aim: 'document/model.ts isNotesHeadingText trim', isMarkdownSpecific: true },
    { label: 'unclosed suppression comments back to back', text: '<!-- brieflint-disable '.repeat(Math.ceil(N / 23)), aim: 'suppressions.ts HTML_DIRECTIVE lazy scan', isMarkdownSpecific: true },
    { label: 'a suppression comment, then spaces', text: `<!-- brieflint-disable${' '.repeat(N)}`, aim: 'suppressions.ts HTML_DIRECTIVE', isMarkdownSpecific: true },
    { label: 'comment-line directives back to back', text: '// brieflint-disable term/near-miss x\n'.repeat(Math.ceil(N / 37)), aim: 'suppressions.ts LINE_DIRECTIVE' },
    { label: 'unclosed HTML comments back to back', text: '<!-- '.repeat(N / 5), aim: 'plaintext.ts NOT_PROSE' },
    { label: 'tags that never close', text: '<a '.repeat(Math.ceil(N / 3)), aim: 'plaintext.ts NOT_PROSE' },
    { label: 'curly quotes before an unknown hanzi parenthetical', text: `Ay${'’'.repeat(N)}x (某某)`, aim: 'parentheticals.ts phraseBefore' },
    { label: 'straight quotes before an unknown hanzi parenthetical', text: `y${'"'.repeat(N)}x (某某)`, aim: 'parentheticals.ts phraseBefore' },
    { label: 'opening parentheses with no close', text: '(NSWN, '.repeat(Math.ceil(N / 7)), aim: 'parentheticals.ts findParentheticals' },
    { label: 'full-width parentheses with hanzi', text: '新型（举国'.repeat(N / 5), aim: 'parentheticals.ts findParentheticals' },
    { label: 'nested parentheses', text: `${'('.repeat(N / 2)}x${')'.repeat(N / 2)}`, aim: 'parentheticals.ts findParentheticals', isMarkdownSpecific: true },
    { label: 'capitalised words before an acronym, repeated', text: 'Central Commission For Financial (CCFFA) '.repeat(Math.ceil(N / 41)), aim: 'acronyms definitions look-back' },
    { label: 'spaces inside a definition parenthesis', text: `The new-style whole-of-nation system (新型举国体制${' '.repeat(N)}x, NSWN) began.`, aim: 'acronyms/fixes.ts SEPARATOR_BEFORE' },
    { label: 'an expansion ending in a digit, used in the plural', text: `Zeta ${'z'.repeat(N)}9 (ZZ). ZZs are many.`, aim: 'acronyms/expansion.ts pluralizePhrase' },
    { label: 'acronyms back to back', text: 'NSWN NWNS SOE SOEs CCFEA CCFAE '.repeat(Math.ceil(N / 31)), aim: 'term/near-miss and acronym checks' },
    { label: 'one long capitalised word run', text: 'Aa '.repeat(Math.ceil(N / 3)), aim: 'acronyms definitions look-back' },
    { label: 'superscript markers back to back', text: 'a¹²³⁴⁵⁶⁷⁸⁹⁰'.repeat(N / 11), aim: 'footnotes/markers.ts' },
    { label: 'caret markers back to back', text: '^{1,2,3,'.repeat(N / 8), aim: 'footnotes/markers.ts' },
    { label: 'bracket markers back to back', text: 'x[12]'.repeat(N / 5), aim: 'footnotes/markers.ts' },
    { label: 'stray digits after parentheses', text: 'x (y).9 '.repeat(N / 8), aim: 'footnotes/strayDigit.ts' },
    { label: 'a notes list of one entry per 5 characters', text: `Body.¹\n\nNotes\n\n${Array.from({ length: entries }, (_, i) => `${i + 1}. n`).join('\n')}`, aim: 'footnotes/notesList.ts', isMarkdownSpecific: true },
    { label: 'a notes list of identical numbers', text: `Body.¹\n\nNotes\n\n${'1. same\n'.repeat(Math.round(N / 8))}`, aim: 'footnotes duplicates' },
    { label: 'one term in alternating renderings', text: 'modernized industrial base and modernized industrial system; '.repeat(Math.ceil(N / 61)), aim: 'term/inconsistent' },
    { label: 'hyphens between letters', text: `w${'-o'.repeat(N / 2)}`, aim: 'match/tokens.ts' },
    { label: 'ampersands between capitals', text: `R${'&D'.repeat(N / 2)}`, aim: 'match/tokens.ts' },
    { label: 'dotted capitals', text: `U${'.S'.repeat(N / 2)}`, aim: 'match/tokens.ts' },
    { label: 'hanzi split by spaces', text: '新 型 举 国 体 '.repeat(N / 10), aim: 'match/matcher.ts' },
    { label: 'plural suffixes', text: 'forcesses '.repeat(N / 10), aim: 'match/matcher.ts singulars' },
  ];
}

const BRIEF_LINE_PIECE =
  'The new-style whole-of-nation system (NSWN, 新型举国体制) and the NWNS sysstem; a modern industrial base (现代化产业体系)¹ and S&T [^2] `NWNS` https://example.org/NWNS, the dual cycle strategy (双循环), 自 立自强. ';

/** Seeded bytes: the same "binary file" every run. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/**
 * The fixed hostile documents of issue 7: a 5 MB single line, Markdown nested
 * 1,000 deep (and deeper), 10,000 footnotes, binary bytes decoded as text,
 * every UTF-16 code unit. `isFull` gives the `npm run fuzz` sizes (5 MB of
 * Markdown on one line, 10,000 footnotes in Markdown, nesting to 20,000); the
 * default suite's Markdown sizes are smaller where remark needs many seconds.
 */
export function edgeCaseDocuments(isFull: boolean): TimedCase[] {
  const line = (size: number) => BRIEF_LINE_PIECE.repeat(Math.ceil(size / BRIEF_LINE_PIECE.length)).slice(0, size);
  const toSuperscript = (n: number) => [...String(n)].map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]).join('');
  const gfm = (count: number) =>
    `${Array.from({ length: count }, (_, i) => `Claim ${i + 1} about the NSWN.[^${i + 1}]`).join(' ')}\n\n## Notes\n\n${Array.from({ length: count }, (_, i) => `[^${i + 1}]: Source ${i + 1}.`).join('\n')}\n`;
  const manual = (count: number) =>
    `${Array.from({ length: count }, (_, i) => `Claim ${i + 1} about the NSWN.${toSuperscript(i + 1)}`).join(' ')}\n\nNotes\n\n${Array.from({ length: count }, (_, i) => `${i + 1}. Source ${i + 1}.`).join('\n')}\n`;
  const markdownLine = isFull ? 5_000_000 : 200_000;
  const markdownNotes = isFull ? 10_000 : 2_000;
  const bytes = pseudoRandomBytes(isFull ? 2_000_000 : 200_000, 7);
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  const latin1 = new TextDecoder('latin1').decode(bytes);
  let codeUnits = '';
  for (let code = 0; code <= 0xffff; code++) codeUnits += String.fromCharCode(code);
  const cases: TimedCase[] = [
    { label: 'a 5 MB single line of brief prose', kind: 'plaintext', text: line(5_000_000) },
    { label: `a ${markdownLine / 1000} KB single line of brief prose`, kind: 'markdown', text: line(markdownLine) },
    { label: '10,000 superscript notes and a notes list', kind: 'plaintext', text: manual(10_000) },
    { label: `${markdownNotes} GFM footnotes, referenced and defined`, kind: 'markdown', text: gfm(markdownNotes) },
    { label: `${markdownNotes} superscript notes and a notes list`, kind: 'markdown', text: manual(markdownNotes) },
    { label: 'random bytes decoded as UTF-8', kind: 'plaintext', text: utf8 },
    { label: 'random bytes decoded as UTF-8, first 100 KB', kind: 'markdown', text: utf8.slice(0, 100_000) },
    { label: 'random bytes decoded as Latin-1', kind: 'plaintext', text: latin1 },
    ...(isFull ? [{ label: 'random bytes decoded as Latin-1, first 100 KB', kind: 'markdown' as const, text: latin1.slice(0, 100_000) }] : []),
    { label: 'every UTF-16 code unit in order', kind: 'plaintext', text: codeUnits },
    { label: 'every UTF-16 code unit in order', kind: 'markdown', text: codeUnits },
    { label: 'block quotes 1,000 deep on one line', kind: 'plaintext', text: `${'> '.repeat(1000)}The NWNS.\n` },
  ];
  const nested = (unit: string, name: string, depth: number): TimedCase => ({
    label: `${name} ${depth} deep on one line`,
    kind: 'markdown',
    text: `${unit.repeat(depth)}The NWNS (新型举国体制).¹\n`,
  });
  for (const [unit, name] of [['> ', 'block quotes'], ['- ', 'bullet lists'], ['1. ', 'ordered lists'], ['> - ', 'block quotes and lists']] as const) {
    cases.push(nested(unit, name, 1000));
  }
  // Deeper than the issue asks: "never throws on any string" still holds there.
  cases.push(nested('> ', 'block quotes', 5000));
  if (isFull) cases.push(nested('- ', 'bullet lists', 3000));
  if (isFull) {
    cases.push({ label: 'block quotes 1,000 deep, one level more per line', kind: 'markdown', text: Array.from({ length: 1000 }, (_, i) => `${'>'.repeat(i + 1)} NWNS`).join('\n') });
    for (const [unit, name] of [['> ', 'block quotes'], ['- ', 'bullet lists'], ['1. ', 'ordered lists'], ['> - ', 'block quotes and lists']] as const) {
      cases.push(nested(unit, name, 20_000));
    }
  }
  return cases;
}
