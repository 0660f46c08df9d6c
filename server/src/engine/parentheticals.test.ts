import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { analyze, type Analysis } from './analyze';
import { IncrementalAnalyzer } from './incremental';
import { compileTermbase } from './match/matcher';
import { loadTermbaseText } from './termbase/load';
import { mergeTermbases } from './termbase/merge';
import { findParentheticals, parentheticalsOf, phraseBefore } from './parentheticals';
import type { DocumentKind } from './types';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const termbase = compileTermbase(
  mergeTermbases([loadTermbaseText(readFileSync(path.join(ROOT, 'terminology/brief.json'), 'utf8'), 'brief.json')]),
);

const MISMATCH = 'Planners stress the modern industrial base (现代化产业体系) today.';
const UNKNOWN = 'They cite the national champions (国家队) often.';

/**
 * Analyses each version with one analyser, checks its parentheticals and
 * findings against a full analysis, then calls `check`. The analyser keeps a
 * paragraph's parentheticals while it is unchanged and moves them as text is
 * typed before it: an analysis holds until the next, so each is checked at once.
 */
function analyseVersions(versions: readonly string[], check: (analysis: Analysis, version: number) => void = () => {}, kind: DocumentKind = 'markdown'): void {
  const analyzer = new IncrementalAnalyzer();
  versions.forEach((text, version) => {
    const incremental = analyzer.analyze(text, { kind }, termbase);
    const full = analyze(text, { kind }, termbase);
    assert.deepStrictEqual(parentheticalsOf(incremental.context), findParentheticals(full.document, full.context.terms.matches), `parentheticals of ${JSON.stringify(text)}`);
    assert.deepStrictEqual(incremental.findings, full.findings, `findings of ${JSON.stringify(text)}`);
    check(incremental, version);
  });
}

const found = (analysis: Analysis, rule: string) => analysis.findings.filter((f) => f.rule === rule).map((f) => analysis.document.text.slice(f.start, f.end));

test('parentheticals of an unchanged paragraph move with it when text is typed before it', () => {
  const rest = `${MISMATCH}\n\n${UNKNOWN}\n\nThe state-owned enterprise (SOE) and the "dual circulation strategy" (双循环).`;
  const versions = ['Intro.', 'Intro, now longer.', 'I.', '# A heading\n\nIntro.'].map((intro) => `${intro}\n\n${rest}\n`);
  analyseVersions(versions, (analysis) => {
    assert.deepEqual(found(analysis, 'term/mismatch'), ['现代化产业体系']);
    assert.deepEqual(found(analysis, 'term/unknown-zh'), ['国家队']);
  });
  analyseVersions(['Intro.', 'Intro, now longer.'].map((intro) => `${intro}\n\n${rest}\n`), undefined, 'plaintext');
});

test('a notes heading typed before an unchanged paragraph puts its parentheticals in the notes, and deleting it takes them out', () => {
  analyseVersions([`Intro.\n\n${MISMATCH}\n`, `Intro.\n\n## Notes\n\n${MISMATCH}\n`, `Intro.\n\n${MISMATCH}\n`], (analysis, version) => {
    const isInNotes = version === 1;
    assert.deepEqual(found(analysis, 'term/mismatch'), isInNotes ? [] : ['现代化产业体系'], 'the notes list is skipped');
    assert.equal(parentheticalsOf(analysis.context)[0]?.isInNotes, isInNotes);
  });
});

test('a paragraph repeated in one document gives each copy its own parentheticals', () => {
  const versions = [
    `${MISMATCH}\n\n${MISMATCH}\n`,
    `Intro.\n\n${MISMATCH}\n\nMiddle.\n\n${MISMATCH}\n\n${MISMATCH}\n`,
    `${MISMATCH}\n\nMiddle, longer.\n\n${MISMATCH}\n`,
    `${MISMATCH}\n`,
  ];
  analyseVersions(versions, (analysis) => {
    const opens = parentheticalsOf(analysis.context).map((p) => p.open);
    assert.equal(new Set(opens).size, opens.length, 'no two copies share a place');
    assert.equal(found(analysis, 'term/mismatch').length, opens.length);
  });
});

test('the term before a parenthetical is this analysis\'s, after an edit elsewhere', () => {
  analyseVersions([`Intro.\n\n${MISMATCH}\n`, `Intro, longer.\n\n${MISMATCH}\n`], (analysis) => {
    const [p] = parentheticalsOf(analysis.context);
    assert.ok(p?.before, 'the English term before "(" is found');
    assert.ok(analysis.context.terms.matches.includes(p.before), 'and it is one of the current matches');
    assert.equal(analysis.document.text.slice(p.before.start, p.before.end), 'modern industrial base');
  });
});

test('the phrase before a parenthetical follows an edit of that phrase', () => {
  const phrases = ['national champions', 'state champions', 'national champions'];
  analyseVersions(
    phrases.map((phrase) => `Intro.\n\n${UNKNOWN.replace('national champions', phrase)}\n`),
    (analysis, version) => {
      assert.equal(phraseBefore(analysis.document, parentheticalsOf(analysis.context)[0]!), phrases[version]);
      assert.deepEqual(analysis.findings.find((f) => f.rule === 'term/unknown-zh')?.data, { zh: '国家队', en: phrases[version] });
    },
  );
});

test('parentheticals kept for the next edit do not keep an earlier analysis alive', async () => {
  // Each copy kept for a run once held its analysis's whole list: typing in one paragraph kept every version's list.
  v8.setFlagsFromString('--expose-gc');
  const collectGarbage = vm.runInNewContext('gc') as () => void;
  const paragraph = 'The new-style whole-of-nation system (NSWN, 新型举国体制) and the modern industrial base (现代产业体系).';
  const analyzer = new IncrementalAnalyzer();
  const first = new WeakRef(parentheticalsOf(analyzer.analyze(`# Brief\n\n${paragraph}\n\nMore prose.\n`, { kind: 'markdown' }, termbase).context));
  for (const typed of ['x', 'xy']) analyzer.analyze(`# Brief\n\n${typed}${paragraph}\n\nMore prose.\n`, { kind: 'markdown' }, termbase);
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  assert.equal(first.deref(), undefined, "the first analysis's parentheticals are garbage once two edits have followed");
});
