import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { parseDocument, type BriefDocument } from './index';
import { MAX_BRACKET_RUN, MAX_CONTAINER_DEPTH, buildMarkdownDocument, defuseMarkdown, hasClosedFrontMatter } from './markdown';

/** The invariants every document model keeps, whatever the input. */
function assertWellFormed(doc: BriefDocument) {
  const { text } = doc;
  for (const run of doc.runs) {
    assert.ok(run.segments.length > 0, 'a run has segments');
    assert.equal(run.start, run.segments[0]!.start, 'a run starts where its first segment starts');
    assert.equal(run.end, run.segments[run.segments.length - 1]!.end, 'a run ends where its last segment ends');
    let previousEnd = run.start;
    for (const segment of run.segments) {
      assert.ok(segment.start >= previousEnd && segment.end > segment.start && segment.end <= text.length, `segment ${JSON.stringify(segment)} is in order`);
      previousEnd = segment.end;
      for (const span of doc.excluded) {
        assert.ok(segment.end <= span.start || segment.start >= span.end, `prose ${JSON.stringify(text.slice(segment.start, segment.end))} overlaps excluded ${JSON.stringify(text.slice(span.start, span.end))}`);
      }
    }
    const block = doc.blocks[run.blockIndex];
    assert.ok(block, 'a run points at its block');
    assert.equal(run.blockType, block.type);
    assert.equal(run.isInNotes, block.isInNotes);
    assert.ok(run.start >= block.start && run.end <= block.end, 'a run lies inside its block');
  }
  for (let i = 1; i < doc.excluded.length; i++) assert.ok(doc.excluded[i - 1]!.start <= doc.excluded[i]!.start, 'excluded spans are sorted');
  for (const heading of doc.headings) assert.equal(text.slice(heading.textStart, heading.textEnd), heading.text);
}

function parse(text: string): BriefDocument {
  const doc = parseDocument(text, 'markdown');
  assert.equal(doc.kind, 'markdown');
  assert.equal(doc.text, text);
  assertWellFormed(doc);
  return doc;
}

/** Each run's prose: its segments sliced from the source and joined. */
function runTexts(doc: BriefDocument): string[] {
  return doc.runs.map((run) => run.segments.map((s) => doc.text.slice(s.start, s.end)).join(''));
}
const trimmedRuns = (doc: BriefDocument) => runTexts(doc).map((t) => t.trim()).filter((t) => t.length > 0);
const prose = (doc: BriefDocument) => runTexts(doc).join('¦');
const excludedTexts = (doc: BriefDocument) => doc.excluded.map((s) => doc.text.slice(s.start, s.end));

test('leaves code spans out of the prose and ends the run at them', () => {
  const doc = parse('Use `NSWN code` here.');
  assert.deepEqual(trimmedRuns(doc), ['Use', 'here.']);
  assert.deepEqual(excludedTexts(doc), ['`NSWN code`']);
});

test('leaves fenced and indented code blocks out of the prose', () => {
  const doc = parse('Before.\n\n```ts\nfenced NSWN\n```\n\n    indented NSWN\n\n~~~\ntilde NSWN\n~~~\n\nAfter.');
  assert.deepEqual(trimmedRuns(doc), ['Before.', 'After.']);
  assert.doesNotMatch(prose(doc), /NSWN/);
  assert.deepEqual(excludedTexts(doc), ['```ts\nfenced NSWN\n```', '    indented NSWN', '~~~\ntilde NSWN\n~~~']);
});

test('leaves HTML comments, HTML blocks and inline tags out, but keeps the text between inline tags', () => {
  const doc = parse('after <!-- a NSWN comment --> and <span class="x">inline words</span> html.\n\n<div>\nblock NSWN\n</div>\n\nlast');
  assert.deepEqual(trimmedRuns(doc), ['after', 'and', 'inline words', 'html.', 'last']);
  assert.doesNotMatch(prose(doc), /NSWN|<|>|class/);
});

test('keeps link text as prose and leaves the destination and title out', () => {
  const doc = parse('See [the link text](https://example.com/NSWN "A title") now.');
  assert.deepEqual(trimmedRuns(doc), ['See the link text', 'now.']);
  assert.ok(excludedTexts(doc).includes('](https://example.com/NSWN "A title")'));
});

test('keeps emphasised link text and leaves out an angle-bracket destination with spaces', () => {
  const doc = parse('A [*emphasised* link](<a b.html> "t (p)") B');
  assert.deepEqual(trimmedRuns(doc), ['A emphasised link', 'B']);
});

test('leaves autolinks, GFM literal URLs and e-mail addresses out', () => {
  const doc = parse('Go <https://auto.example/NSWN> and https://literal.example/path?q=1 and www.example.com/page, mail a@b.org now.');
  assert.deepEqual(trimmedRuns(doc), ['Go', 'and', 'and', ', mail', 'now.']);
  assert.deepEqual(excludedTexts(doc), ['<https://auto.example/NSWN>', 'https://literal.example/path?q=1', 'www.example.com/page', 'a@b.org']);
});

test('leaves images out, alt text included', () => {
  const doc = parse('Before ![alt words](img.png "t") middle ![ref alt][pic] after.\n\n[pic]: /p.png');
  assert.deepEqual(trimmedRuns(doc), ['Before', 'middle', 'after.']);
  assert.doesNotMatch(prose(doc), /alt|png/);
});

test('leaves YAML and TOML front matter out', () => {
  const yaml = parse('---\ntitle: NSWN brief\n---\n\nBody.');
  assert.deepEqual(trimmedRuns(yaml), ['Body.']);
  assert.deepEqual(excludedTexts(yaml), ['---\ntitle: NSWN brief\n---']);
  const toml = parse('+++\ntitle = "NSWN"\n+++\n\nBody.');
  assert.deepEqual(trimmedRuns(toml), ['Body.']);
  assert.deepEqual(excludedTexts(toml), ['+++\ntitle = "NSWN"\n+++']);
});

test('a thematic break is not front matter: text around it stays prose', () => {
  const doc = parse('Intro.\n\n---\n\nBody.');
  assert.deepEqual(trimmedRuns(doc), ['Intro.', 'Body.']);
});

test('leaves reference definitions out and keeps reference-link text', () => {
  const doc = parse('Text [the ref][1] here.\n\n[1]: https://example.com/NSWN "Title"\n');
  assert.deepEqual(trimmedRuns(doc), ['Text the ref here.']);
  assert.doesNotMatch(prose(doc), /example|Title/);
  assert.ok(excludedTexts(doc).includes('[1]: https://example.com/NSWN "Title"'));
});

test('offsets stay exact after an emoji (a surrogate pair) and across emphasis markup', () => {
  const text = '😀 The *modern* industrial 🇨🇳 base.';
  const doc = parse(text);
  assert.deepEqual(runTexts(doc), ['😀 The modern industrial 🇨🇳 base.']);
  const run = doc.runs[0]!;
  assert.equal(run.start, 0);
  assert.equal(run.end, text.length);
  assert.ok(run.segments.some((s) => text.slice(s.start, s.end) === 'modern'), 'the emphasised word is its own exact segment');
});

test('offsets stay exact with CRLF line ends', () => {
  const text = 'Line one\r\nline two\r\n\r\nPara *two*\r\n';
  const doc = parse(text);
  assert.deepEqual(runTexts(doc), ['Line one\r\nline two', 'Para two']);
  assert.equal(doc.runs[1]!.start, text.indexOf('Para'));
});

test('offsets stay exact with backslash escapes: the source is sliced, not the decoded value', () => {
  const text = 'Stars \\*not emphasis\\* and a \\[bracket\\] end.';
  const doc = parse(text);
  assert.deepEqual(runTexts(doc), [text]);
});

test('offsets stay exact with entities: &amp; is kept as written', () => {
  const text = 'AT&amp;T, &copy; and &#20013; stay NSWN.';
  const doc = parse(text);
  assert.deepEqual(runTexts(doc), [text]);
  const tail = 'NSWN.';
  assert.equal(doc.runs[0]!.end - tail.length, text.indexOf(tail));
});

test('skips the "> " of continuation lines inside a block quote', () => {
  const doc = parse('> Quote line one\n> continues NSWN here\n>\n> > nested one\n> > nested two');
  assert.deepEqual(runTexts(doc), ['Quote line one\ncontinues NSWN here', 'nested one\nnested two']);
});

test('skips the "> " of continuation lines with CRLF and with a lazy continuation', () => {
  assert.deepEqual(runTexts(parse('> one\r\n> two')), ['one\r\ntwo']);
  assert.deepEqual(runTexts(parse('> lazy start\ncontinued without marker\n> back')), ['lazy start\ncontinued without marker\nback']);
});

test('reads block quotes inside list items and lists inside block quotes', () => {
  assert.deepEqual(runTexts(parse('- > quoted in list\n  > second line')), ['quoted in list\nsecond line']);
  assert.deepEqual(trimmedRuns(parse('> - item in quote\n>   more item')), ['item in quote\nmore item']);
});

test('makes each list item a block of its own', () => {
  const doc = parse('- item one\n- item two\n  continued\n\n1. first\n2) second');
  assert.deepEqual(trimmedRuns(doc).map((t) => t.replace(/\n\s+/g, ' ')), ['item one', 'item two continued', 'first', 'second']);
  assert.equal(new Set(doc.runs.map((r) => r.blockIndex)).size, 4);
});

test('makes each table cell a block and leaves code in cells out', () => {
  const doc = parse('| Head A | Head B |\n| --- | --- |\n| cell NSWN | `code` cell |');
  assert.deepEqual(trimmedRuns(doc), ['Head A', 'Head B', 'cell NSWN', 'cell']);
  assert.ok(doc.runs.every((r) => r.blockType === 'tableCell'));
});

test('records headings with their depth and text (ATX, closed ATX, setext)', () => {
  const doc = parse('# Key Findings\n\nText.\n\n## Closing ##\n\nSetext Title\n------------\n\nMore.');
  assert.deepEqual(doc.headings.map((h) => [h.depth, h.text]), [[1, 'Key Findings'], [2, 'Closing'], [2, 'Setext Title']]);
  const first = doc.headings[0]!;
  assert.equal(first.start, 0);
  assert.equal(first.textStart, 2);
  assert.ok(doc.runs.some((r) => r.blockType === 'heading' && doc.text.slice(r.start, r.end) === 'Key Findings'));
});

test('finds the notes section under "Notes" in any case, to the next heading of the same level', () => {
  const doc = parse('# Title\n\nBody text.\n\n## NOTES\n\n1. A note.\n\n### Sub of notes\n\n2. Another note.\n\n## Annex\n\nAfter.');
  assert.ok(doc.notesSection);
  assert.equal(doc.notesSection.heading.text, 'NOTES');
  const inNotes = doc.runs.filter((r) => r.isInNotes).map((r) => doc.text.slice(r.start, r.end));
  assert.deepEqual(inNotes, ['A note.', 'Sub of notes', 'Another note.']);
  assert.ok(doc.text.slice(doc.notesSection.start, doc.notesSection.end).includes('Another note.'));
  assert.ok(!doc.text.slice(doc.notesSection.start, doc.notesSection.end).includes('After.'));
});

test('finds the notes section under "Endnotes" and "references:" too', () => {
  const endnotes = parse('Body.\n\n## Endnotes\n\n1. A note.');
  assert.equal(endnotes.notesSection?.heading.text, 'Endnotes');
  assert.deepEqual(endnotes.runs.map((r) => r.isInNotes), [false, false, true]);
  const references = parse('Body.\n\nreferences:\n-----------\n\n- A source.');
  assert.equal(references.notesSection?.heading.text, 'references:');
  assert.deepEqual(references.runs.map((r) => r.isInNotes), [false, false, true]);
});

test('finds no notes section when no heading is named like one', () => {
  const doc = parse('# Notes on policy\n\nBody.\n\n## Key notes\n\nMore.');
  assert.equal(doc.notesSection, undefined);
  assert.ok(doc.runs.every((r) => !r.isInNotes));
});

test('finds the notes section under a bold "**Endnotes**" heading', () => {
  const doc = parse('Body.\n\n## **Endnotes**\n\n1. A note.');
  assert.ok(doc.notesSection, 'a notes heading in bold is still a notes heading');
  assert.ok(doc.runs.find((r) => doc.text.slice(r.start, r.end) === 'A note.')?.isInNotes);
});

test('records GFM footnote references and definitions with their labels and offsets', () => {
  const text = 'Body[^1] and more[^note].\n\n[^1]: The first note.\n[^note]: Second note\n    continued.\n';
  const doc = parse(text);
  assert.deepEqual(doc.footnoteReferences.map((r) => [r.label, text.slice(r.start, r.end)]), [['1', '[^1]'], ['note', '[^note]']]);
  assert.deepEqual(
    doc.footnoteDefinitions.map((d) => [d.label, text.slice(d.labelStart, d.labelEnd), text.slice(d.contentStart, d.contentEnd)]),
    [['1', '[^1]:', 'The first note.'], ['note', '[^note]:', 'Second note\n    continued.']],
  );
  assert.deepEqual(trimmedRuns(doc).slice(0, 3), ['Body', 'and more', '.']);
  const definitionRuns = doc.runs.filter((r) => r.start >= text.indexOf('[^1]:'));
  assert.ok(definitionRuns.length > 0 && definitionRuns.every((r) => r.isInNotes), 'footnote definitions count as the notes list');
  assert.ok(doc.runs.filter((r) => r.start < text.indexOf('[^1]:')).every((r) => !r.isInNotes));
});

test('finds [^x] written where no definition exists, but not inside code', () => {
  const text = 'A claim[^missing] and `[^code]` here.';
  const doc = parse(text);
  assert.deepEqual(doc.footnoteReferences.map((r) => [r.label, text.slice(r.start, r.end)]), [['missing', '[^missing]']]);
  assert.deepEqual(doc.footnoteDefinitions, []);
  assert.doesNotMatch(prose(doc), /\[\^/);
});

test('an empty document has no runs, headings or notes', () => {
  const doc = parse('');
  assert.deepEqual(doc.runs, []);
  assert.deepEqual(doc.headings, []);
  assert.equal(doc.notesSection, undefined);
});

test('does not throw on unbalanced or odd markup', () => {
  for (const text of ['[unclosed link](', '```\nno closing fence', '<!-- never closed', '> ', '|a|\n|-|', '[^', '* * *', '#', '\u0000\uFFFF\uD800']) {
    parse(text);
  }
});

// ---- pathological input: defused for remark, offsets kept ---------------------------------

const repoFile = (path: string) => readFileSync(fileURLToPath(new URL(`../../../../${path}`, import.meta.url)), 'utf8');
/** remark as configured by the model, reading the text as it is (no defusing). */
const rawTree = (text: string) => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).parse(text) as Root;
/** The model built from the raw parse, for comparison with the defused one. */
const rawModel = (text: string) => buildMarkdownDocument(text, rawTree(text));
const cpuMsOf = (action: () => void): number => {
  const before = process.cpuUsage();
  action();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
/** The characters that differ between two strings of one length, as "offset:char". */
function changedCharacters(before: string, after: string): string[] {
  assert.equal(after.length, before.length, 'defusing keeps the length');
  const changed: string[] = [];
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) changed.push(`${i}:${after[i]}`);
  return changed;
}

test('gives remark every ordinary document unchanged: the samples, the fixtures and tricky but sane Markdown', () => {
  const documents = [
    repoFile('samples/nswn-brief.md'),
    repoFile('test/fixtures/acronyms.md'),
    `${'> '.repeat(MAX_CONTAINER_DEPTH)}The NWNS at the deepest quote kept.\n`,
    `${'- '.repeat(MAX_CONTAINER_DEPTH)}The NWNS in the deepest list kept.\n`,
    `${'['.repeat(MAX_BRACKET_RUN + 1)}x${']'.repeat(MAX_BRACKET_RUN + 2)}(https://example.org)\n`,
    '> > quoted twice\n>\n> - a list in a quote\n>   1. ordered\n\n---\n\n* * *\n\n[a [b] c](https://example.org/x]) and [^1] and ![i](j.png)\n\n[^1]: A note.\n\n<![CDATA[ x ]]>\n',
    '- a\r\n  - b\r\n    > c\r\n',
  ];
  for (const text of documents) assert.equal(defuseMarkdown(text), text);
});

test('reads block quotes 1,000 deep on one line as 100 levels and the rest as prose, at its own offsets', () => {
  const text = `${'> '.repeat(1000)}The NWNS (新型举国体制).\n`;
  const defused = defuseMarkdown(text);
  // Exactly the markers past the 100th, each replaced one for one.
  assert.deepEqual(
    changedCharacters(text, defused),
    Array.from({ length: 900 }, (_, i) => `${2 * (MAX_CONTAINER_DEPTH + i)}:%`),
  );
  const doc = parse(text);
  assert.deepEqual(doc.blocks.map((b) => b.type), ['paragraph']);
  const nwns = text.indexOf('NWNS');
  assert.ok(doc.runs.some((run) => run.start <= nwns && run.end >= nwns + 4), 'the sentence is prose');
  assert.ok(text.slice(doc.runs[0]!.start, doc.runs[0]!.end).endsWith('> The NWNS (新型举国体制).'), 'prose is read from the source');
});

test('caps lists, ordered lists and quotes mixed on one line, but leaves a long thematic break alone', () => {
  for (const unit of ['- ', '* ', '+ ', '1. ', '2) ', '> - ', '>']) {
    const text = `${unit.repeat(1000)}The NWNS.\n`;
    const changed = changedCharacters(text, defuseMarkdown(text));
    assert.ok(changed.length > 0 && changed.length < 1000 * (unit.trim().length === 3 ? 2 : unit.trim().length), `${JSON.stringify(unit)}: only markers change`);
    const doc = parse(text);
    assert.ok(doc.runs.some((run) => text.slice(run.start, run.end).endsWith('The NWNS.')), `${JSON.stringify(unit)}: the sentence is prose`);
  }
  for (const rule of [`${'- '.repeat(1000)}\n`, `> ${'* '.repeat(1000)}\n`]) {
    assert.equal(defuseMarkdown(rule), rule, 'a thematic break stays one');
    assert.deepEqual(parse(rule).runs, []);
  }
});

test('defuses only the surplus of a long run of "[" or "]": the first "[" and the last 32, the first 32 "]" and the last two', () => {
  const text = `a ${'['.repeat(40)} b ${']'.repeat(40)} c`;
  const open = text.indexOf('[');
  const close = text.indexOf(']');
  assert.deepEqual(changedCharacters(text, defuseMarkdown(text)), [
    ...Array.from({ length: 40 - 1 - MAX_BRACKET_RUN }, (_, i) => `${open + 1 + i}:%`),
    ...Array.from({ length: 40 - MAX_BRACKET_RUN - 2 }, (_, i) => `${close + MAX_BRACKET_RUN + i}:,`),
  ]);
});

test('a defused bracket run leaves links, literal URLs, footnotes and CDATA around it as remark reads them without defusing', () => {
  const documents = [
    `${'['.repeat(200)}[the NWNS](https://example.org/nwns) system\n`,
    `See https://example.org/nwns${']'.repeat(200)} and the NWNS.\n`,
    `See https://example.org/nwns${']'.repeat(200)}x and the NWNS.\n`,
    `See www.example.org${']'.repeat(200)}(x) and the NWNS.\n`,
    `The NWNS.[^1]${']'.repeat(200)}\n\n[^1]: A note.\n`,
    `Raw <![CDATA[ x ${']'.repeat(200)}]> then the NWNS.\n`,
    `A [link](https://example.org/${'['.repeat(100)}) and the NWNS.\n`,
    `\`code ${'['.repeat(100)}${']'.repeat(100)}\` and the NWNS.\n`,
  ];
  for (const text of documents) {
    assert.notEqual(defuseMarkdown(text), text, 'the run is defused');
    const { lines: _a, ...defused } = parse(text);
    const { lines: _b, ...raw } = rawModel(text);
    assert.deepEqual(defused, raw, text.slice(0, 40));
  }
});

test('parses 100,000 "]", "[", ">" and nested markers in linear time', () => {
  const texts = [']'.repeat(100_000), '['.repeat(100_000), '>'.repeat(100_000), '> '.repeat(50_000), '- '.repeat(50_000) + 'x', `${'['.repeat(50_000)}${']'.repeat(50_000)}`];
  // Before defusing: over a minute for "]", about a second for "[", a stack overflow after seconds for the nesting.
  const slow = texts
    .map((text) => ({ text, ms: cpuMsOf(() => parseDocument(text, 'markdown')) }))
    .filter(({ ms }) => ms > 800)
    .map(({ text, ms }) => `${JSON.stringify(text.slice(0, 4))}…: ${Math.round(ms)} ms`);
  assert.deepEqual(slow, []);
  const defuse = cpuMsOf(() => defuseMarkdown(`${'> - ['.repeat(400_000)}]`));
  assert.ok(defuse < 500, `defusing 2 MB took ${Math.round(defuse)} ms`);
});

test('a "---" first line that never closes is a thematic break, and the GFM footnotes after it still parse', () => {
  const text = '---\nA title line\n\nA claim.[^1] Another.[^2]\n\n[^1]: First source.\n[^2]: Second source.\n';
  const doc = parse(text);
  assert.deepEqual(doc.footnoteReferences.map((r) => r.label), ['1', '2']);
  assert.deepEqual(doc.footnoteDefinitions.map((d) => d.label), ['1', '2']);
  assert.ok(runTexts(doc).some((t) => t.includes('A title line')), 'the line after the rule is prose, not front matter');
});

test('closed front matter is excluded and the footnotes after it parse', () => {
  for (const fence of ['---', '+++']) {
    const text = `${fence}\ntitle: NWNS draft\n${fence}\n\nA claim.[^1]\n\n[^1]: A source.\n`;
    const doc = parse(text);
    assert.deepEqual(doc.footnoteDefinitions.map((d) => d.label), ['1'], fence);
    assert.equal(runTexts(doc).some((t) => t.includes('NWNS draft')), false, fence);
  }
  assert.equal(hasClosedFrontMatter('---\ntitle: x\n---'), true);
  assert.equal(hasClosedFrontMatter('---  \r\ntitle: x\r\n---\t\r\nText'), true);
  assert.equal(hasClosedFrontMatter('---\rtitle: x\r---\r\rText'), true, 'CR line ends');
  assert.equal(hasClosedFrontMatter('---\ntitle: x\n----\n'), false);
  assert.equal(hasClosedFrontMatter('Text\n---\nMore\n---\n'), false);
});

test('a leading byte order mark leaves every offset in place', () => {
  const text = '\ufeffA claim on the NSWN.[^1]\n\n[^1]: A source.\n';
  const doc = parse(text);
  assert.deepEqual(doc.footnoteReferences.map((r) => text.slice(r.start, r.end)), ['[^1]']);
  assert.deepEqual(trimmedRuns(doc), ['A claim on the NSWN.', 'A source.']);
  const withFrontMatter = parse('\ufeff---\ntitle: NWNS\n---\n\nText on the NSWN.\n');
  assert.deepEqual(trimmedRuns(withFrontMatter), ['Text on the NSWN.']);
});

test('a literal address glued to the end of a sentence is excluded, and the rest of the paragraph is still prose', () => {
  const text = '# H\n\nA secure.www.example.org/NWNS matters, the NWNS.\n';
  const doc = parse(text);
  assert.deepEqual(trimmedRuns(doc), ['H', 'A secure.', 'matters, the NWNS.']);
  assert.deepEqual(doc.excluded.map((s) => text.slice(s.start, s.end)), ['www.example.org/NWNS']);
});
