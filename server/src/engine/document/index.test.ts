import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_MARKDOWN_PARAGRAPH, hasOversizedParagraph, parseDocument } from './index';

const SENTENCE = 'The new-style whole-of-nation system (NSWN) is *stressed* in `code` and [a link](https://example.org). ';

function paragraphOf(length: number): string {
  return SENTENCE.repeat(Math.ceil(length / SENTENCE.length)).slice(0, length);
}

test('a paragraph longer than remark can parse in reasonable time is detected, on one line or many', () => {
  assert.equal(hasOversizedParagraph(paragraphOf(MAX_MARKDOWN_PARAGRAPH + 10)), true);
  const manyLines = paragraphOf(MAX_MARKDOWN_PARAGRAPH + 10).replace(/\. /g, '.\n');
  assert.equal(hasOversizedParagraph(manyLines), true);
  assert.equal(hasOversizedParagraph(manyLines.replace(/\n/g, '\r\n')), true);
});

test('long documents of ordinary paragraphs, blank lines with spaces between them, are not oversized', () => {
  const paragraphs = Array.from({ length: 400 }, () => paragraphOf(2_000)).join('\n  \t\n');
  assert.ok(paragraphs.length > 3 * MAX_MARKDOWN_PARAGRAPH);
  assert.equal(hasOversizedParagraph(paragraphs), false);
  assert.equal(hasOversizedParagraph(''), false);
});

test('a Markdown document with an oversized paragraph is checked as plain prose, still as Markdown, with offsets intact', () => {
  const text = `# Title\n\n${paragraphOf(MAX_MARKDOWN_PARAGRAPH + 10)}\n`;
  const doc = parseDocument(text, 'markdown');
  assert.equal(doc.kind, 'markdown');
  assert.ok(doc.runs.length > 0);
  for (const run of doc.runs) for (const segment of run.segments) assert.ok(segment.start >= 0 && segment.end <= text.length);
  // Plain prose: the code span is not excluded as remark would exclude it.
  const ordinary = parseDocument(`# Title\n\n${paragraphOf(2_000)}\n`, 'markdown');
  const isCodeInProse = (d: typeof doc) => d.runs.some((run) => run.segments.some((s) => d.text.slice(s.start, s.end).includes('code')));
  assert.equal(isCodeInProse(ordinary), false);
  assert.equal(isCodeInProse(doc), true);
});
