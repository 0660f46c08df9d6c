/**
 * The acronym index in the editor: per-run work is kept while a run is
 * unchanged (`CheckContext.perRun`), so every test here edits one paragraph
 * and checks what an unchanged one reports, against a full analysis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../analyze';
import { IncrementalAnalyzer } from '../../incremental';
import type { AnalyzeOptions } from '../../options';
import type { DocumentKind } from '../../types';
import { acronymIndex } from './analysis';
import { TERMBASE } from './testSupport';

/** Analyses each version with one analyser, checks it against a full analysis, and returns the analyses. */
function analyseVersions(versions: readonly string[], kind: DocumentKind = 'markdown', options: Partial<AnalyzeOptions> = {}): Analysis[] {
  const analyzer = new IncrementalAnalyzer();
  return versions.map((text) => {
    const incremental = analyzer.analyze(text, { kind, ...options }, TERMBASE);
    const full = analyze(text, { kind, ...options }, TERMBASE);
    assert.deepStrictEqual(incremental.findings, full.findings, `findings of ${JSON.stringify(text)}`);
    assert.deepStrictEqual(indexSummary(incremental), indexSummary(full), `acronym index of ${JSON.stringify(text)}`);
    return incremental;
  });
}

/** The acronym index as plain data (definitions, uses with the definition they lean on, entries). */
function indexSummary(analysis: Analysis) {
  const index = acronymIndex(analysis.context);
  return {
    definitions: index.definitions,
    uses: index.uses.map((use) => ({ ...use, definition: use.definition ? index.definitions.indexOf(use.definition) : -1 })),
    entries: [...index.entries.values()].map((entry) => ({
      ...entry,
      definitions: entry.definitions.map((d) => index.definitions.indexOf(d)),
      uses: entry.uses.map((u) => index.uses.indexOf(u)),
      occurrences: entry.occurrences.map((u) => index.uses.indexOf(u)),
    })),
  };
}

const rules = (analysis: Analysis, acronym: string) =>
  analysis.findings.filter((f) => f.rule.startsWith('acronym/') && analysis.document.text.slice(f.start, f.end).startsWith(acronym)).map((f) => f.rule);

test('a definition typed in one paragraph clears acronym/undefined in an unchanged paragraph after it', () => {
  const later = 'Its members follow WTO rules.';
  const without = `# Trade\n\nChina joined in 2001.\n\n${later}\n`;
  const withDefinition = `# Trade\n\nChina joined the World Trade Organization (WTO) in 2001.\n\n${later}\n`;
  const analyzer = new IncrementalAnalyzer();
  analyzer.analyze(without, { kind: 'markdown' }, TERMBASE);
  analyzer.analyze(withDefinition, { kind: 'markdown' }, TERMBASE);
  assert.equal(analyzer.stats.parsedBlocks, 1, 'only the edited paragraph is parsed again');

  const [before, defined, again] = analyseVersions([without, withDefinition, without]);
  assert.deepEqual(rules(before!, 'WTO'), ['acronym/undefined']);
  assert.deepEqual(rules(defined!, 'WTO'), []);
  assert.deepEqual(rules(again!, 'WTO'), ['acronym/undefined']);
  const use = acronymIndex(defined!.context).uses.find((u) => u.start === withDefinition.indexOf('WTO rules'));
  assert.equal(use?.definition?.expansion, 'World Trade Organization', 'the unchanged use leans on the new definition');
});

test('a definition typed after an unchanged use makes it used before its definition, and deleting it undefined again', () => {
  const first = 'Its members follow WTO rules.';
  const versions = [`${first}\n\nChina joined in 2001.\n`, `${first}\n\nChina joined the World Trade Organization (WTO) in 2001.\n`, `${first}\n\nChina joined in 2001.\n`];
  const [before, defined, again] = analyseVersions(versions);
  assert.deepEqual(rules(before!, 'WTO'), ['acronym/undefined']);
  assert.deepEqual(rules(defined!, 'WTO'), ['acronym/used-before-definition']);
  assert.deepEqual(rules(again!, 'WTO'), ['acronym/undefined']);
});

test('a use typed after an unchanged definition keeps the definition from counting as unused', () => {
  const definition = 'Cui studies the Central Commission for Financial and Economic Affairs (CCFEA) closely.';
  const versions = [`${definition}\n\nNothing more.\n`, `${definition}\n\nThe CCFEA met again.\n`, `${definition}\n\nNothing more.\n`];
  const [alone, used, aloneAgain] = analyseVersions(versions);
  assert.deepEqual(rules(alone!, 'CCFEA'), ['acronym/unused']);
  assert.deepEqual(rules(used!, 'CCFEA'), []);
  assert.deepEqual(rules(aloneAgain!, 'CCFEA'), ['acronym/unused']);
});

test('a notes heading typed before an unchanged paragraph turns its acronyms into notes occurrences', () => {
  const note = '1. A WTO report on subsidies.';
  const [body, notes, bodyAgain] = analyseVersions([`# Brief\n\nText.\n\n${note}\n`, `# Brief\n\nText.\n\n## Notes\n\n${note}\n`, `# Brief\n\nText.\n\n${note}\n`]);
  assert.deepEqual(rules(body!, 'WTO'), ['acronym/undefined']);
  assert.deepEqual(rules(notes!, 'WTO'), []);
  assert.equal(acronymIndex(notes!.context).uses[0]?.context, 'notes');
  assert.deepEqual(rules(bodyAgain!, 'WTO'), ['acronym/undefined']);
});

test('definitions and uses move with their paragraph when text is typed before it', () => {
  const rest = [
    'The new-style whole-of-nation system (NSWN) leans on state-owned enterprises (SOEs).',
    'The NSWN, the SOEs and the WTO, then the U.S.',
    'A "new-style whole-of-nation" system (NSWN) again, and R&D spending.',
  ].join('\n\n');
  const versions = ['Intro.', 'Intro, longer.', 'I.', 'A new first line with the CCFEA.\n\nIntro.'].map((intro) => `${intro}\n\n${rest}\n`);
  for (const analysis of analyseVersions(versions)) {
    const { text } = analysis.document;
    const index = acronymIndex(analysis.context);
    assert.deepEqual(
      index.definitions.map((d) => text.slice(d.start, d.end)),
      ['NSWN', 'SOE', 'NSWN'],
    );
    assert.ok(index.uses.some((u) => text.slice(u.start, u.end) === 'U.S.'), 'a dotted acronym at the end of a paragraph keeps its full stop');
  }
});

test('the same text analysed in plain text follows edits before it too', () => {
  const rest = 'The CCFEA met.\n\nTHE CCFEA TEAM AT WORK\n\nLater the Central Commission for Financial and Economic Affairs (CCFEA) spoke, and the WTO.';
  analyseVersions(['Intro.', 'Intro, longer.', 'Notes\n\n1. A note.'].map((intro) => `${intro}\n\n${rest}\n`), 'plaintext');
  analyseVersions([`${rest}\n\nNotes\n\n1. A WTO note.\n`, `Intro.\n\n${rest}\n\nNotes\n\n1. A WTO note.\n`], 'plaintext');
});

test('a paragraph repeated in one document gives each copy its own uses and definitions', () => {
  const paragraph = 'The China Development Bank (CDB) funds the WTO talks.';
  const versions = [`${paragraph}\n\n${paragraph}\n`, `Intro.\n\n${paragraph}\n\nMiddle.\n\n${paragraph}\n`, `${paragraph}\n\nMiddle, longer.\n\n${paragraph}\n`];
  for (const analysis of analyseVersions(versions)) {
    const { text } = analysis.document;
    const starts = acronymIndex(analysis.context).definitions.map((d) => d.start);
    assert.deepEqual(starts, [text.indexOf('CDB'), text.lastIndexOf('CDB')]);
  }
});

test('the allow list is read afresh on each analysis, not kept with the paragraph', () => {
  const text = 'Officials at the WTO met.\n';
  const analyzer = new IncrementalAnalyzer();
  const allowed = analyzer.analyze(text, { kind: 'markdown', acronymAllowList: ['WTO'] }, TERMBASE);
  const notAllowed = analyzer.analyze(text, { kind: 'markdown', acronymAllowList: [] }, TERMBASE);
  assert.deepEqual(rules(allowed, 'WTO'), []);
  assert.deepEqual(rules(notAllowed, 'WTO'), ['acronym/undefined']);
});

test('an all-caps line is judged whole when a paragraph starts or ends inside it', () => {
  // The definition keeps acronym/undefined quiet; the contexts are what is checked.
  const definition = 'The Mercator Institute for China Studies (MERICS) grew.';
  const contexts = (line: string, kind: DocumentKind = 'markdown') => {
    const [analysis] = analyseVersions([`${line}\n\n${definition}\n`, `Intro.\n\n${line}\n\n${definition}\n`], kind);
    return acronymIndex(analysis!.context).uses.filter((u) => u.acronym === 'MERICS' && u.start < analysis!.document.text.indexOf(definition)).map((u) => u.context);
  };
  // Two words in capitals and no common one: a caps line, not a shouted stretch (see `shoutedTokens`).
  assert.deepEqual(contexts('- MERICS STAFF'), ['caps'], 'a list marker holds no word');
  assert.deepEqual(contexts('> MERICS STAFF'), ['caps'], 'nor does a quote marker');
  assert.deepEqual(contexts('`x` MERICS STAFF'), ['caps'], 'nor a one-letter word in code');
  assert.deepEqual(contexts('`lower words` MERICS STAFF'), ['prose'], 'words before the run count');
  assert.deepEqual(contexts('MERICS STAFF `lower words`'), ['prose'], 'words after it count');
  // In plain text, after a first line: a short line on its own would read as a heading.
  assert.deepEqual(contexts('A first line.\nMERICS STAFF https://example.org/lower/words', 'plaintext'), ['prose'], 'and so do words in a link');
  assert.deepEqual(contexts('A first line.\nMERICS STAFF <!-- A -->', 'plaintext'), ['caps']);
  assert.deepEqual(contexts('The MERICS staff'), ['prose']);
});
