import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';
import { analyze, type Analysis } from './analyze';
import { IncrementalAnalyzer, commonEnds, splitMarkdownBlocks, splitPlainTextBlocks } from './incremental';
import { compileTermbase } from './match/matcher';
import { loadTermbaseText } from './termbase/load';
import { mergeTermbases } from './termbase/merge';
import type { DocumentKind } from './types';
import { MAX_MARKDOWN_PARAGRAPH } from './document/index';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const termbase = compileTermbase(
  mergeTermbases([loadTermbaseText(readFileSync(path.join(ROOT, 'terminology/brief.json'), 'utf8'), 'brief.json')]),
);

const blocksOf = (file: string) =>
  readFileSync(path.join(ROOT, 'samples', file), 'utf8')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b.length > 0);

/** Markdown blocks: the sample brief's, and constructs that run across blank lines or across blocks. */
const MARKDOWN_BLOCKS = [
  ...blocksOf('nswn-brief.md'),
  '- first item on the NSWN\n\n- second item, after a blank line\n\n  an indented continuation with the dual cycle strategy',
  '1. one\n2. two (两张皮)\n\n   three, still in item two',
  '```\ncode with NWNS\n\nand a blank line inside\n```',
  '~~~~text\n```\nnot a closing fence\n\n~~~~',
  '- a list item\n  ```\n  fenced inside the item\n\n  ```',
  '  ```\nindented fence\n\n```',
  '<!--\nan HTML comment with the dual cycle strategy\n\nacross a blank line\n-->',
  '<div>\nan HTML block (NWNS)\n</div>',
  '<span>\nbetween tags\n```',
  'A paragraph with a [reference link][plan] and a [shortcut] about the NSWN.',
  '[plan]: https://example.org/plan\n[shortcut]: <https://example.org/short> "Title"',
  '[^1]: A note on the new-style whole-of-nation system.\n\n    A second paragraph of the same note, indented.',
  '[^note]: A named note.',
  'A call to a named note.[^note] And one to nothing.[^9]',
  'Setext Heading on the CCFEA\n===========================',
  'Notes\n-----',
  '## Notes',
  '## Endnotes',
  '| Term | Hanzi |\n| --- | --- |\n| modern industrial base | 现代化产业体系 |\n\n| after a blank | row |',
  '> A quotation on the modern industrial base\n> (现代化产业体系) that runs on.\n\n> Another quote.',
  '    indented code with NWNS\n\n    more indented code',
  '---',
  '***',
  '<!-- brieflint-disable term/deprecated -->',
  '<!-- brieflint-enable term/deprecated -->',
  'The dual cycle strategy, the *new-style whole-of-nation* system and **state-owned enterprises (SOEs)**.',
  'Text with `inline code` and <https://example.org/NWNS> and a hard break  \nnew line.',
  '\\[escaped\\]: not a definition [^1]',
  '[^1] at the start of a line.',
  // Constructs that cannot interrupt an open one: they parse differently after indented code.
  '2. an ordered list that starts at two',
  '-\n  a list item whose first line is empty',
  '<custom-tag>\na kind 7 HTML block\n</custom-tag>',
  '   [indented]: https://example.org/definition',
]
  .concat(['---\ntitle: "Front matter"\n\nwith a blank line: yes\n---']);

const PLAIN_BLOCKS = [
  ...blocksOf('nswn-brief.txt'),
  'Endnotes',
  'Notes:',
  '<!-- a comment with the dual cycle strategy\n\nthat spans a blank line -->',
  '<!-- an unclosed comment',
  'A line with a tag <b\n\n> that spans a blank line.',
  '• a bullet about the NSWN\n• another about the NWNS',
  '1. A note on the modern industrial base.\n2. Another note.',
  'See https://example.org/NWNS for the plan.',
  '// brieflint-disable term/deprecated',
  'The dual cycle strategy (双循环) and stuck neck technologies.',
];

const SEPARATORS = ['\n\n', '\n\n\n', '\n', '\n  \n', '\r\n\r\n', '\n\t\n'];
const INSERTS = ['x', ' ', '\n', '\n\n', '`', '```', '[', ']', '^', ']:', '-', '<', '>', '#', '|', '*', '    ', '新', 'NWNS', '<!--', '-->', '[^1]', '[plan]'];

type Edit = { at: number; remove: number; insert: string };

function documentArbitrary(pool: readonly string[]) {
  return fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...pool), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 10 }),
      fc.boolean(),
    )
    .map(([blocks, hasFinalNewline]) => blocks.map(([b, sep]) => b + sep).join('').replace(/\s+$/, hasFinalNewline ? '\n' : ''));
}

const editArbitrary = fc.array(
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat({ max: 12 }),
    insert: fc.oneof(fc.constantFrom(...INSERTS), fc.constantFrom(...MARKDOWN_BLOCKS, ...PLAIN_BLOCKS).map((b) => `\n\n${b}\n\n`)),
    isDelete: fc.boolean(),
  }),
  { minLength: 1, maxLength: 6 },
);

function applyEdit(text: string, edit: { at: number; remove: number; insert: string; isDelete: boolean }): string {
  const at = Math.floor(edit.at * text.length);
  const remove = edit.isDelete ? Math.min(edit.remove, text.length - at) : 0;
  return text.slice(0, at) + (edit.isDelete ? '' : edit.insert) + text.slice(at + remove);
}

function comparable(analysis: Analysis) {
  const { lines: _lines, ...document } = analysis.document;
  return { document, findings: analysis.findings, terms: analysis.context.terms };
}

function checkEquivalence(kind: DocumentKind, pool: readonly string[], runs: number) {
  fc.assert(
    fc.property(documentArbitrary(pool), editArbitrary, (initial, edits) => {
      const analyzer = new IncrementalAnalyzer();
      let text = initial;
      const versions = [text];
      for (const edit of edits) versions.push((text = applyEdit(text, edit)));
      for (const version of versions) {
        const incremental = analyzer.analyze(version, { kind }, termbase);
        const full = analyze(version, { kind }, termbase);
        assert.deepStrictEqual(comparable(incremental), comparable(full));
        assert.deepStrictEqual(incremental.document.lines.lineCount, full.document.lines.lineCount);
      }
    }),
    { numRuns: runs },
  );
}

/** Cases per kind: `INCREMENTAL_RUNS=5000` for a long run by hand. */
const EQUIVALENCE_RUNS = Number(process.env.INCREMENTAL_RUNS ?? 150);

test('incremental Markdown analysis equals a full analysis after random edits', () => {
  checkEquivalence('markdown', MARKDOWN_BLOCKS, EQUIVALENCE_RUNS);
});

test('incremental plain-text analysis equals a full analysis after random edits', () => {
  checkEquivalence('plaintext', PLAIN_BLOCKS, EQUIVALENCE_RUNS);
});

test('incremental analysis equals a full analysis on defused runs and nesting, and with front matter closed or not', () => {
  const hostile = [
    `The NWNS grew.${']'.repeat(200)}\n\nA second paragraph on the NSWN.`,
    `${'> '.repeat(150)}The NWNS, quoted deep.\n\nThe dual cycle strategy.`,
    `Intro.\n\n${'- '.repeat(150)}nested NWNS\n\n[${'['.repeat(100)}link](https://example.org/NWNS)`,
    '---\nA title, not front matter\n\nA claim on the NWNS.[^1]\n\n[^1]: A source.\n',
    '---\ntitle: NWNS\n---\n\nA claim on the NWNS.[^1]\n\n[^1]: A source.\n',
  ];
  for (const text of hostile) {
    const analyzer = new IncrementalAnalyzer();
    for (const version of [text, `${text}\n\nAdded NWNS.`, `Top line.\n\n${text}`]) {
      assert.deepStrictEqual(comparable(analyzer.analyze(version, { kind: 'markdown' }, termbase)), comparable(analyze(version, { kind: 'markdown' }, termbase)));
    }
  }
});

test('incremental analysis equals a full analysis when a paragraph grows too long for remark and shrinks back', () => {
  const sentence = 'The NWNS and the dual cycle strategy are named here. ';
  const long = sentence.repeat(Math.ceil((MAX_MARKDOWN_PARAGRAPH + 100) / sentence.length));
  const analyzer = new IncrementalAnalyzer();
  for (const version of ['# Brief\n\nA short paragraph on the NSWN.\n', `# Brief\n\n${long}\n`, `# Brief\n\n${long}x\n`, '# Brief\n\nA short paragraph on the NSWN.\n']) {
    assert.deepStrictEqual(comparable(analyzer.analyze(version, { kind: 'markdown' }, termbase)), comparable(analyze(version, { kind: 'markdown' }, termbase)));
  }
});

test('after a leading byte order mark, an unclosed HTML comment runs to the end in incremental analysis too', () => {
  // The parser skips the mark, so "<!--" opens an HTML block that swallows the notes below it.
  const text = '\ufeff<!--a\n\nb^4\n\n## Notes\n\n1. x';
  const analyzer = new IncrementalAnalyzer();
  for (const version of [`x${text}`, text]) {
    assert.deepStrictEqual(comparable(analyzer.analyze(version, { kind: 'markdown' }, termbase)), comparable(analyze(version, { kind: 'markdown' }, termbase)));
  }
});

test('text typed before an opening "---" turns its front matter into a thematic break, in incremental analysis too', () => {
  // From a property counterexample: the old first block, read as front matter, was reused whole further down.
  const matter = '---\ntitle: "A Draft Brief"\nauthor: our own text\n---';
  const first = `---\n\n[plan]: https://example.org/plan\n[shortcut]: <https://example.org/short> "Title"\n\n${matter}\n\nA paragraph with a [reference link][plan] and a [shortcut] about the NSWN.\n\n${matter}`;
  const analyzer = new IncrementalAnalyzer();
  for (const version of [first, `\n\n${matter}\n\n${first}`]) {
    assert.deepStrictEqual(comparable(analyzer.analyze(version, { kind: 'markdown' }, termbase)), comparable(analyze(version, { kind: 'markdown' }, termbase)));
  }
});

test('typing in one paragraph does not keep the earlier versions of the document alive', async () => {
  // What checks keep per run across edits once held slices of the whole text: each keystroke kept a copy of the document.
  v8.setFlagsFromString('--expose-gc');
  const collectGarbage = vm.runInNewContext('gc') as () => void;
  const heapAfterCollecting = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    return process.memoryUsage().heapUsed;
  };
  const paragraphs = Array.from({ length: 3000 }, (_, i) => `The modern industrial base (现代产业体系) grew again in paragraph ${i}.`);
  const aside = 'An aside (which runs on for a while, naming nothing at all) on state-owned enterprises (SOEs).';
  let text = `# Brief\n\n${aside}\n\n${paragraphs.join('\n\n')}\n`;
  const analyzer = new IncrementalAnalyzer();
  analyzer.analyze(text, { kind: 'markdown' }, termbase);
  const before = await heapAfterCollecting();
  const at = text.indexOf(aside);
  for (let typed = 0; typed < 40; typed++) {
    text = `${text.slice(0, at)}x${text.slice(at)}`;
    analyzer.analyze(text, { kind: 'markdown' }, termbase);
  }
  const grown = (await heapAfterCollecting()) - before;
  // Each version of the document is over 400 KB: forty kept versions would be 16 MB.
  assert.ok(grown < 5_000_000, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over 40 keystrokes`);
});

test('an edit in one paragraph re-parses only that paragraph', () => {
  const paragraphs = Array.from({ length: 20 }, (_, i) => `Paragraph ${i} on the new-style whole-of-nation system (NSWN).[^${i + 1}]`);
  const notes = Array.from({ length: 20 }, (_, i) => `[^${i + 1}]: Note ${i + 1}.`);
  const text = ['# Title', ...paragraphs, '## Notes', ...notes].join('\n\n');
  const analyzer = new IncrementalAnalyzer();
  analyzer.analyze(text, { kind: 'markdown' }, termbase);
  const edited = text.replace('Paragraph 7 on', 'Paragraph 7 onn');
  const analysis = analyzer.analyze(edited, { kind: 'markdown' }, termbase);
  assert.equal(analyzer.stats.parsedBlocks, 1);
  assert.equal(analyzer.stats.scannedBlocks, 1);
  // The calls still resolve to the notes, which the re-parsed paragraph did not contain.
  assert.deepStrictEqual(comparable(analysis), comparable(analyze(edited, { kind: 'markdown' }, termbase)));
  assert.ok(analysis.document.footnoteReferences.length === 20);
});

test('the same text analysed twice parses nothing the second time', () => {
  const text = readFileSync(path.join(ROOT, 'samples/nswn-brief.md'), 'utf8');
  const analyzer = new IncrementalAnalyzer();
  analyzer.analyze(text, { kind: 'markdown' }, termbase);
  analyzer.analyze(text, { kind: 'markdown' }, termbase);
  assert.equal(analyzer.stats.parsedBlocks, 0);
  assert.equal(analyzer.stats.scannedBlocks, 0);
});

test('a new termbase rescans every block but re-parses none', () => {
  const text = readFileSync(path.join(ROOT, 'samples/nswn-brief.md'), 'utf8');
  const analyzer = new IncrementalAnalyzer();
  analyzer.analyze(text, { kind: 'markdown' }, termbase);
  const other = compileTermbase({ concepts: [], problems: [], files: [] });
  const analysis = analyzer.analyze(text, { kind: 'markdown' }, other);
  assert.equal(analyzer.stats.parsedBlocks, 0);
  assert.equal(analyzer.stats.scannedBlocks, analyzer.stats.blocks);
  assert.deepStrictEqual(comparable(analysis), comparable(analyze(text, { kind: 'markdown' }, other)));
});

test('splits Markdown at blank lines, but never inside fenced code, front matter or an HTML comment', () => {
  const text = '---\na: 1\n\nb: 2\n---\n\nOne.\n\n```\ncode\n\nmore\n```\n\n<!--\n\n-->\n\nTwo.\n';
  const starts = splitMarkdownBlocks(text);
  assert.deepStrictEqual(
    starts.map((s) => text.slice(s, s + 4)),
    ['---\n', 'One.', '```\n', '<!--', 'Two.'],
  );
});

test('does not split Markdown before an indented line or after an ambiguous indented fence', () => {
  assert.deepStrictEqual(splitMarkdownBlocks('- a\n\n  b\n'), [0]);
  assert.deepStrictEqual(splitMarkdownBlocks('- a\n  ```\n\nb\n\nc\n'), [0]);
  assert.deepStrictEqual(splitMarkdownBlocks('a\n\nb\n'), [0, 3]);
});

test('splits plain text at blank lines, but not inside a comment that spans one', () => {
  assert.deepStrictEqual(splitPlainTextBlocks('a\n\nb\n'), [0, 3]);
  assert.deepStrictEqual(splitPlainTextBlocks('a <!--\n\nb -->\n\nc'), [0, 15]);
  assert.deepStrictEqual(splitPlainTextBlocks('a\r\n\r\nb'), [0, 5]);
});

test('finds the common prefix and suffix of two texts, long or short, without overlap', () => {
  const long = 'a'.repeat(5000) + 'b' + 'c'.repeat(7000);
  assert.deepStrictEqual(commonEnds(long, `${'a'.repeat(5000)}x${'c'.repeat(7000)}`), { prefix: 5000, suffix: 7000 });
  assert.deepStrictEqual(commonEnds(long, long), { prefix: long.length, suffix: 0 });
  assert.deepStrictEqual(commonEnds('aaaa', 'aaaaaa'), { prefix: 4, suffix: 0 });
  assert.deepStrictEqual(commonEnds('abcabc', 'abc'), { prefix: 3, suffix: 0 });
  assert.deepStrictEqual(commonEnds('xbc', 'ybc'), { prefix: 0, suffix: 2 });
  fc.assert(
    fc.property(fc.string({ maxLength: 9000 }), fc.string({ maxLength: 9000 }), (a, b) => {
      const { prefix, suffix } = commonEnds(a, b);
      assert.ok(prefix + suffix <= Math.min(a.length, b.length));
      assert.equal(a.slice(0, prefix), b.slice(0, prefix));
      assert.equal(a.slice(a.length - suffix), b.slice(b.length - suffix));
      if (prefix < Math.min(a.length, b.length)) assert.notEqual(a[prefix], b[prefix]);
    }),
    { numRuns: 200 },
  );
});
