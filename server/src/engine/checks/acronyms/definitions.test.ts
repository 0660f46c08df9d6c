import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../document/index';
import type { DocumentKind } from '../../types';
import { findAcronymDefinitions, type AcronymDefinition } from './definitions';
import { NO_TERMBASE, TERMBASE } from './testSupport';

function definitionsOf(text: string, kind: DocumentKind = 'markdown', termbase = TERMBASE): AcronymDefinition[] {
  return findAcronymDefinitions(parseDocument(text, kind), termbase);
}

function summary(text: string, kind: DocumentKind = 'markdown', termbase = TERMBASE) {
  return definitionsOf(text, kind, termbase).map((d) => ({
    acronym: d.acronym,
    expansion: d.expansion,
    written: text.slice(d.start, d.end),
    writtenExpansion: text.slice(d.expansionStart, d.expansionEnd),
  }));
}

test('recognises "Full Name (ACR)"', () => {
  const text = 'Beijing leans on the state-owned enterprise (SOE) in steel.';
  assert.deepEqual(summary(text), [{ acronym: 'SOE', expansion: 'state-owned enterprise', written: 'SOE', writtenExpansion: 'state-owned enterprise' }]);
});

test('recognises "ACR (Full Name)", dropping a leading article', () => {
  const text = 'Xi spoke to the CCFEA (the Central Commission for Financial and Economic Affairs) in May.';
  const [definition] = definitionsOf(text);
  assert.equal(definition?.form, 'acronym-first');
  assert.equal(definition?.acronym, 'CCFEA');
  assert.equal(definition?.expansion, 'Central Commission for Financial and Economic Affairs');
  assert.equal(text.slice(definition!.start, definition!.end), 'CCFEA');
});

test('recognises an acronym given with its hanzi, in either order', () => {
  for (const paren of ['(NSWN, 新型举国体制)', '(新型举国体制, NSWN)', '（NSWN，新型举国体制）']) {
    const text = `The "new-style whole-of-nation" system ${paren} is back.`;
    const [definition] = definitionsOf(text);
    assert.equal(definition?.acronym, 'NSWN', paren);
    assert.equal(definition?.expansion, 'new-style whole-of-nation system', paren);
    assert.equal(definition?.zh, '新型举国体制', paren);
    // The opening quote belongs to the phrase that a fix may move.
    assert.equal(text.slice(definition!.phraseStart, definition!.phraseEnd), `"new-style whole-of-nation" system ${paren}`);
  }
});

test('recognises plural definitions, ampersands, dots and mixed case', () => {
  assert.deepEqual(
    definitionsOf('Dominated by state-owned enterprises (SOEs), the sector lags.').map((d) => [d.acronym, d.isPlural, d.expansion]),
    [['SOE', true, 'state-owned enterprises']],
  );
  assert.deepEqual(summary('It funds research and development (R&D) and science and technology (S&T).').map((d) => d.acronym), ['R&D', 'S&T']);
  assert.deepEqual(summary('Sanctions by the United States (U.S.) followed.', 'markdown', NO_TERMBASE).map((d) => [d.acronym, d.expansion]), [['U.S.', 'United States']]);
  assert.deepEqual(summary('The Ministry of Science and Technology (MoST) was reformed.', 'markdown', NO_TERMBASE).map((d) => d.acronym), ['MoST']);
});

test('recognises an expansion spread over a sentence with commas, but not across a sentence end', () => {
  assert.deepEqual(summary('Science, technology, and innovation (STI) matter.').map((d) => d.expansion), ['Science, technology, and innovation']);
  assert.deepEqual(summary('It is about science. Technology and innovation (STI) matter.', 'markdown', NO_TERMBASE), []);
});

test('takes the shortest expansion that spells the acronym', () => {
  assert.deepEqual(
    summary('organized by the University of California Institute on Global Conflict and Cooperation (IGCC) in Berlin', 'markdown', NO_TERMBASE).map((d) => d.expansion),
    ['Institute on Global Conflict and Cooperation'],
  );
});

test('does not take a parenthesised acronym after unrelated words as a definition', () => {
  for (const text of ['Exports fell (WTO) last year.', 'Growth was slow (GDP).', 'See the annex (PDF).', 'It rose (II).', 'They met in 2019 (NSWN).']) {
    assert.deepEqual(summary(text, 'markdown', NO_TERMBASE), [], text);
  }
});

test('does not take "ACR (words)" as a definition unless the words spell it', () => {
  assert.deepEqual(summary('The WTO (which China joined in 2001) ruled.', 'markdown', NO_TERMBASE), []);
  assert.deepEqual(summary('Reformers (New R&D Institutes,新型研发机构) multiply.', 'markdown', NO_TERMBASE), []);
});

test("recognises the termbase's expansion even when its letters do not spell the acronym", () => {
  const text = 'The Science and Technology Ministry (MoST) was reformed.';
  const [definition] = definitionsOf(text);
  assert.equal(definition?.basis, 'termbase');
  assert.equal(definition?.expansion, 'Science and Technology Ministry');
});

test('takes the words before a termbase acronym as its expansion even when they do not spell it', () => {
  const text = 'Beijing relies on government-run companies (SOEs) in steel.';
  const [definition] = definitionsOf(text);
  assert.equal(definition?.basis, 'position');
  assert.equal(definition?.expansion, 'government-run companies');
  assert.deepEqual(definitionsOf(text, 'markdown', NO_TERMBASE), []);
});

test('accepts a "hereafter" parenthesis', () => {
  assert.deepEqual(summary('The new-style whole-of-nation system (hereafter NSWN) is back.').map((d) => [d.acronym, d.written]), [['NSWN', 'NSWN']]);
});

test('flags definitions in headings and in the notes list', () => {
  const text = '# State-owned enterprises (SOEs)\n\nText.\n\n## Notes\n\n1. A report of the Mercator Institute for China Studies (MERICS).\n';
  assert.deepEqual(
    definitionsOf(text).map((d) => [d.acronym, d.isInHeading, d.isInNotes]),
    [['SOE', true, false], ['MERICS', false, true]],
  );
});

test('finds definitions across emphasis and marks them not contiguous', () => {
  const text = 'The *state-owned* enterprise (SOE) model.';
  const [definition] = definitionsOf(text);
  assert.equal(definition?.expansion, 'state-owned enterprise');
  assert.equal(definition?.isContiguous, false);
  assert.equal(definitionsOf('The state-owned enterprise (SOE) model.')[0]?.isContiguous, true);
});

test('keeps offsets exact after an emoji and with CRLF line ends', () => {
  const text = '🚀 Line one.\r\nThe state-owned\r\nenterprise (SOE) model.\r\n';
  const [definition] = definitionsOf(text, 'plaintext');
  assert.equal(text.slice(definition!.start, definition!.end), 'SOE');
  assert.equal(text.slice(definition!.expansionStart, definition!.expansionEnd), 'state-owned\r\nenterprise');
  assert.equal(definition?.expansion, 'state-owned enterprise');
});

test('ignores parentheses inside code and link destinations', () => {
  assert.deepEqual(summary('Run `state-owned enterprise (SOE)` and [a link](https://example.org/state-owned-enterprise-(SOE)).'), []);
});

test('does not guess an expansion from words that start like a reference', () => {
  assert.deepEqual(summary('The plan works as noted above (NSWN).'), []);
  assert.deepEqual(summary('It is run as planned (SOE).'), []);
});

test('takes the opening quote an expansion needs from just before its run, where the run stands', () => {
  // A run that starts right after the quote (something before it was left out of the prose).
  const text = '"new-style whole-of-nation" system (NSWN) leads.';
  const doc = parseDocument(text, 'plaintext');
  const run = { ...doc.runs[0]!, start: 1, segments: [{ start: 1, end: doc.runs[0]!.end }] };
  const [definition] = findAcronymDefinitions({ ...doc, runs: [run] }, TERMBASE);
  assert.equal(definition?.expansionStart, 1);
  assert.equal(definition?.phraseStart, 0, 'the phrase starts at the quote');
  assert.equal(definition?.isContiguous, false, 'which is outside the run');
  const unquoted = parseDocument(' new-style whole-of-nation" system (NSWN) leads.', 'plaintext');
  const [plain] = findAcronymDefinitions({ ...unquoted, runs: [{ ...unquoted.runs[0]!, start: 1, segments: [{ start: 1, end: unquoted.runs[0]!.end }] }] }, TERMBASE);
  assert.equal(plain?.phraseStart, 1, 'no quote before the run: the phrase starts with it');
  assert.equal(plain?.isContiguous, true);
});
