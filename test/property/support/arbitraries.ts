/**
 * Generators of documents for the engine properties: a grammar of realistic
 * brief pieces (termbase terms in their many written forms, deprecated
 * variants, misspelled acronyms, hanzi parentheticals, note markers and notes
 * lists, headings, code, URLs, suppression comments) mixed with hostile
 * Unicode, joined with LF, CRLF or CR line ends. Our own words throughout.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Concept, DocumentKind } from '../../../server/src/engine/index';
import { ROOT, bundledTermbase } from './engine';

export interface GeneratedDocument {
  text: string;
  kind: DocumentKind;
}

// ---- hostile Unicode ------------------------------------------------------------------------

/** Characters that break naive text handling, one code point (or a fixed sequence) each. */
export const HOSTILE_CHARACTERS: readonly string[] = [
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', // zero-width space, non-joiner, joiner, word joiner, BOM
  '\u202e', '\u202d', '\u200f', '\u200e', '\u2067', '\u2069', // bidi overrides, marks and isolates
  'ש', 'ל', 'و', 'م', '\u0645\u0631\u062d\u0628\u0627', // Hebrew and Arabic letters, an Arabic word
  '\u0301', '\u0300', '\u0338', '\u20dd', 'e\u0301', // combining marks
  '😀', '👍🏽', '👨\u200d👩\u200d👧', '🇨🇳', '𠀀', '𝐀', // surrogate pairs, ZWJ sequence, flags, CJK ext B, math bold
  '\ud800', '\udc00', '\udbff', '\udfff', // lone surrogates
  '（', '）', '《', '》', '，', '。', '、', '：', '；', '！', '？', '「', '」', '【', '】', // full-width punctuation
  '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\f', '\v', '\t', // controls and separators
  '\u00a0', '\u3000', '\u2003', // no-break and ideographic spaces
  '¹', '²', '³', '⁴', '⁰', '₁', '①', '٣', '߂', // superscripts, subscripts, circled and non-Latin digits
  'İ', 'ß', 'ﬁ', 'Ǆ', 'ſ', // letters whose case mapping changes length or form
  '\\', '`', '*', '_', '[', ']', '(', ')', '<', '>', '&', '#', '^', '|', '~', '!', ':', '"', "'", // Markdown punctuation
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Any string, weighted towards what breaks text handling: full Unicode, code units, lone surrogates, the hostile set. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...HOSTILE_CHARACTERS), maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(anyCodeUnit, loneSurrogate), maxLength: 12 }) },
);

// ---- the termbase's forms ------------------------------------------------------------------

interface TermbaseForms {
  english: string[];
  deprecated: string[];
  acronyms: string[];
  hanzi: string[];
  definitions: { expansion: string; acronym: string }[];
}

let forms: TermbaseForms | undefined;

function termbaseForms(): TermbaseForms {
  if (forms) return forms;
  const concepts: Concept[] = bundledTermbase().concepts;
  forms = {
    english: concepts.flatMap((c) => [c.preferred, ...c.admitted]),
    deprecated: concepts.flatMap((c) => c.deprecated),
    acronyms: concepts.flatMap((c) => (c.acronym ? [c.acronym] : [])),
    hanzi: concepts.flatMap((c) => [...c.zh, ...c.zhTraditional]),
    definitions: concepts.flatMap((c) => (c.acronym ? [{ expansion: c.preferred, acronym: c.acronym }] : [])),
  };
  return forms;
}

/** How a writer (or a PDF extraction) may mangle an English term. */
function writtenEnglish(term: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      term,
      fc.constantFrom('as-is', 'capitalised', 'upper', 'lower', 'title'),
      fc.constantFrom('', '', '', 's', 'es'),
      fc.constantFrom('as-is', 'as-is', 'hyphen-to-space', 'glued', 'space-to-newline', 'space-to-crlf', 'space-to-hyphen', 'nbsp'),
    )
    .map(([text, casing, plural, spacing]) => {
      let result = text;
      if (casing === 'capitalised') result = result.charAt(0).toUpperCase() + result.slice(1);
      else if (casing === 'upper') result = result.toUpperCase();
      else if (casing === 'lower') result = result.toLowerCase();
      else if (casing === 'title') result = result.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
      if (spacing === 'hyphen-to-space') result = result.replace(/-/g, ' ');
      else if (spacing === 'glued') result = result.replace(/-(\w+)$/, '$1').replace(/-/, '');
      else if (spacing === 'space-to-newline') result = result.replace(/ /, '\n');
      else if (spacing === 'space-to-crlf') result = result.replace(/ /, '\r\n');
      else if (spacing === 'space-to-hyphen') result = result.replace(/ /g, '-');
      else if (spacing === 'nbsp') result = result.replace(/ /g, '\u00a0');
      return result + plural;
    });
}

/** Hanzi as written: whole, split by a space (PDF extraction), or with a zero-width space inside. */
function writtenHanzi(term: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(term, fc.constantFrom('as-is', 'as-is', 'space', 'zwsp', 'ideographic-space'), fc.nat()).map(([text, how, at]) => {
    const chars = [...text];
    if (how === 'as-is' || chars.length < 2) return text;
    const cut = 1 + (at % (chars.length - 1));
    const gap = how === 'space' ? ' ' : how === 'zwsp' ? '\u200b' : '\u3000';
    return chars.slice(0, cut).join('') + gap + chars.slice(cut).join('');
  });
}

const randomHanzi = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 2, maxLength: 8 });
const randomAcronym = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 2, maxLength: 6 });
const filler = fc.constantFrom(
  'the', 'policy', 'China', 'and', 'of', 'state', 'planners', 'argue that', 'in 2023', 'Beijing', 'firms', 'research',
  'a', 'new', 'system', 'capital', 'technology', 'the Party', 'reform', 'markets', 'local governments', 'however',
);

/** A misspelled acronym: letters swapped, one dropped, added or changed. */
function misspelledAcronym(): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...termbaseForms().acronyms), fc.nat(), fc.constantFrom('swap', 'drop', 'add', 'change', 'reverse')).map(([acronym, at, how]) => {
    const chars = [...acronym];
    const i = at % chars.length;
    if (how === 'swap' && chars.length > 1) {
      const j = (i + 1) % chars.length;
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    } else if (how === 'drop' && chars.length > 2) chars.splice(i, 1);
    else if (how === 'add') chars.splice(i, 0, 'X');
    else if (how === 'change') chars[i] = chars[i] === 'Q' ? 'Z' : 'Q';
    else chars.reverse();
    return chars.join('');
  });
}

// ---- notes ---------------------------------------------------------------------------------

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const toSuperscript = (n: number) => [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('');
const noteNumber = fc.integer({ min: 0, max: 40 });

const noteMarker: fc.Arbitrary<string> = fc.oneof(
  noteNumber.map(toSuperscript),
  noteNumber.map((n) => `[^${n}]`),
  fc.constantFrom('[^a]', '[^note]', '[^ ]', '[^]', '[^1', '[^^1]', '[^1]:'),
  fc.tuple(noteNumber, noteNumber).map(([a, b]) => `^{${a},${b}}`),
  noteNumber.map((n) => `^${n}`),
  noteNumber.map((n) => `^${n}^`),
  noteNumber.map((n) => `[${n}]`),
  noteNumber.map((n) => `<sup>${n}</sup>`),
  noteNumber.map((n) => `).${n} `),
  noteNumber.map((n) => `${toSuperscript(n)},${toSuperscript(n + 1)}`),
);

const noteText = fc.oneof(
  fc.constantFrom('Our summary of public sources.', 'A speech on science policy, 2016.', 'Ibid.', 'See note 3.', 'Commentary, 2023, p. 12.'),
  fc.array(filler, { minLength: 1, maxLength: 6 }).map((w) => `${w.join(' ')}.`),
);

const notesHeading = fc.constantFrom('Notes', '## Notes', '# Endnotes', 'Endnotes', 'References', '### References:', 'NOTES', 'Sources');

/** A notes list as writers and PDF extractions produce them: numbers, bullets, GFM definitions, duplicates, gaps. */
const notesList: fc.Arbitrary<string> = fc
  .tuple(
    notesHeading,
    fc.array(
      fc.tuple(noteNumber, fc.constantFrom('n. ', 'n ', 'n) ', '- ', '* ', '• ', '[^n]: ', '[n] ', 'sup ', '  n. '), noteText),
      { maxLength: 12 },
    ),
  )
  .map(([heading, entries]) => {
    const lines = entries.map(([n, style, note]) => `${style.replace('sup', toSuperscript(n)).replace('n', String(n))}${note}`);
    return `${heading}\n\n${lines.join('\n')}`;
  });

// ---- pieces --------------------------------------------------------------------------------

function briefPiece(): fc.Arbitrary<string> {
  const { english, deprecated, acronyms, hanzi, definitions } = termbaseForms();
  const anyEnglish = writtenEnglish(fc.constantFrom(...english));
  const anyHanzi = writtenHanzi(fc.oneof(fc.constantFrom(...hanzi), randomHanzi));
  return fc.oneof(
    { weight: 4, arbitrary: anyEnglish },
    { weight: 2, arbitrary: writtenEnglish(fc.constantFrom(...deprecated)) },
    { weight: 2, arbitrary: fc.constantFrom(...acronyms).map((a) => a) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...acronyms), fc.constantFrom('', 's', "'s")).map(([a, s]) => a + s) },
    { weight: 2, arbitrary: misspelledAcronym() },
    { weight: 1, arbitrary: randomAcronym },
    {
      weight: 3,
      arbitrary: fc.oneof(
        fc.constantFrom(...definitions).map((d) => `${d.expansion} (${d.acronym})`),
        fc.constantFrom(...definitions).map((d) => `${d.acronym} (${d.expansion})`),
        fc.tuple(fc.array(filler, { minLength: 1, maxLength: 4 }), randomAcronym).map(([w, a]) => `${w.join(' ')} (${a})`),
        fc.tuple(randomAcronym, fc.array(filler, { minLength: 1, maxLength: 4 })).map(([a, w]) => `${a} (${w.join(' ')})`),
      ),
    },
    {
      weight: 4,
      arbitrary: fc.oneof(
        fc.tuple(anyEnglish, anyHanzi).map(([e, z]) => `${e} (${z})`),
        fc.tuple(anyEnglish, anyHanzi).map(([e, z]) => `${e}（${z}）`),
        fc.tuple(fc.constantFrom(...acronyms), anyHanzi).map(([a, z]) => `(${a}, ${z})`),
        fc.tuple(anyEnglish, anyHanzi, fc.constantFrom(...acronyms)).map(([e, z, a]) => `${e} (${a}，${z})`),
        fc.tuple(anyHanzi, anyEnglish).map(([z, e]) => `${z} (${e})`),
        fc.tuple(anyEnglish, anyHanzi).map(([e, z]) => `"${e}" (${z}`),
        anyHanzi,
      ),
    },
    { weight: 3, arbitrary: noteMarker },
    { weight: 1, arbitrary: notesList },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('# ', '## ', '### ', '', '#'), anyEnglish).map(([h, e]) => `\n${h}${e}\n`) },
    { weight: 1, arbitrary: anyEnglish.map((e) => `\`${e}\``) },
    { weight: 1, arbitrary: fc.constantFrom(...acronyms).map((a) => `\`\`\`\n${a} in code\n\`\`\`\n`) },
    { weight: 1, arbitrary: fc.constantFrom('https://example.org/NWNS', '<https://example.org/NSWN-plan>', 'www.example.org/dual-cycle-strategy', 'http://', 'https://x.y/(NWNS)') },
    { weight: 1, arbitrary: anyEnglish.map((e) => `[${e}](https://example.org/NWNS "NWNS")`) },
    { weight: 1, arbitrary: anyEnglish.map((e) => `*${e}*`) },
    { weight: 1, arbitrary: anyEnglish.map((e) => `**${e.replace(' ', '** ')}`) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('disable', 'enable', 'disable-next-line', 'disable-line'), fc.constantFrom('', ' term/near-miss', ' term/*', ' footnote', ' acronym/undefined, term/deprecated')).map(
        ([kind, rules]) => `<!-- brieflint-${kind}${rules} -->`,
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom('// brieflint-disable-next-line term/near-miss\n', '# brieflint-disable\n', '<!-- unclosed comment ', '<u>', '</u>', '<br/>') },
    { weight: 1, arbitrary: fc.constantFrom('- ', '> ', '1. ', '> - ', '  - ', '| a | b |\n|---|---|\n| NWNS | x |\n', '---\n', '    indented code\n') },
    { weight: 3, arbitrary: filler },
    { weight: 2, arbitrary: hostileText },
  );
}

const separator = fc.constantFrom(' ', ' ', ' ', '', '\n', '\n\n', ', ', '. ', '.\n\n', ' — ');

/** Line ends as found in the wild: LF, CRLF, lone CR, or a mix. */
function withLineEnds(text: string, style: 'lf' | 'crlf' | 'cr' | 'mixed', seed: number): string {
  if (style === 'lf') return text;
  if (style === 'crlf') return text.replace(/\r?\n/g, '\r\n');
  if (style === 'cr') return text.replace(/\r?\n/g, '\r');
  let i = seed;
  return text.replace(/\n/g, () => ['\n', '\r\n', '\r'][(i++ * 7) % 3]!);
}

const frontMatter = fc.constantFrom('', '', '', '---\ntitle: "A draft on the NWNS"\n---\n\n', '+++\ntitle = "x"\n+++\n', '---\nunclosed: yes\n');

/** A brief assembled from pieces of the grammar, in Markdown or plain text. */
export function briefDocument(maxPieces = 40): fc.Arbitrary<GeneratedDocument> {
  return fc
    .tuple(
      fc.constantFrom<DocumentKind>('markdown', 'plaintext'),
      frontMatter,
      fc.array(fc.tuple(briefPiece(), separator), { maxLength: maxPieces }),
      fc.constantFrom<'lf' | 'crlf' | 'cr' | 'mixed'>('lf', 'lf', 'crlf', 'cr', 'mixed'),
      fc.nat(),
    )
    .map(([kind, front, pieces, lineEnds, seed]) => ({
      kind,
      text: withLineEnds((kind === 'markdown' ? front : '') + pieces.map(([piece, sep]) => piece + sep).join(''), lineEnds, seed),
    }));
}

/** Any string at all, in either kind. */
export function anyDocument(): fc.Arbitrary<GeneratedDocument> {
  return fc.tuple(fc.constantFrom<DocumentKind>('markdown', 'plaintext'), fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 }))).map(([kind, text]) => ({ kind, text }));
}

let samples: { text: string; kind: DocumentKind }[] | undefined;

/** Our sample briefs, as the base of mutations. */
export function sampleBriefs(): { text: string; kind: DocumentKind }[] {
  samples ??= [
    { text: readFileSync(path.join(ROOT, 'samples', 'nswn-brief.md'), 'utf8'), kind: 'markdown' },
    { text: readFileSync(path.join(ROOT, 'samples', 'nswn-brief.txt'), 'utf8'), kind: 'plaintext' },
  ];
  return samples;
}

/** A sample brief with random edits: pieces inserted, ranges deleted or duplicated, line ends changed. */
export function mutatedSample(): fc.Arbitrary<GeneratedDocument> {
  const edit = fc.tuple(fc.constantFrom('insert', 'delete', 'duplicate', 'replace'), fc.nat(), fc.nat({ max: 200 }), fc.oneof(briefPiece(), hostileText));
  return fc
    .tuple(fc.nat({ max: 1 }), fc.array(edit, { maxLength: 8 }), fc.constantFrom<'lf' | 'crlf' | 'cr'>('lf', 'lf', 'crlf', 'cr'), fc.boolean())
    .map(([which, edits, lineEnds, isSwapped]) => {
      const sample = sampleBriefs()[which]!;
      let text = sample.text;
      for (const [kind, at, length, piece] of edits) {
        const start = text.length === 0 ? 0 : at % (text.length + 1);
        const end = Math.min(text.length, start + length);
        if (kind === 'insert') text = text.slice(0, start) + piece + text.slice(start);
        else if (kind === 'delete') text = text.slice(0, start) + text.slice(end);
        else if (kind === 'duplicate') text = text.slice(0, end) + text.slice(start, end) + text.slice(end);
        else text = text.slice(0, start) + piece + text.slice(end);
      }
      const kind: DocumentKind = isSwapped ? (sample.kind === 'markdown' ? 'plaintext' : 'markdown') : sample.kind;
      return { kind, text: withLineEnds(text, lineEnds, 0) };
    });
}

/** Random analysis options, as a workspace config or settings may set them. */
export const analyzeOptionsExtras = fc.record(
  {
    rules: fc.dictionary(
      fc.constantFrom('term/deprecated', 'term/*', 'term', 'acronym/undefined', 'acronym', 'footnote/*', 'footnote/order', 'no/such-rule', '__proto__', 'constructor'),
      fc.constantFrom('error', 'warning', 'information', 'hint', 'off') as fc.Arbitrary<'error' | 'warning' | 'information' | 'hint' | 'off'>,
      { maxKeys: 4 },
    ),
    acronymAllowList: fc.array(fc.oneof(fc.constantFrom('NSWN', 'WTO', 'U.S.', '', 'S&T', '(', '.*'), randomAcronym, hostileText), { maxLength: 5 }),
  },
  { requiredKeys: [] },
);
