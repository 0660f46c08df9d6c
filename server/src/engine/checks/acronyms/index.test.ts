import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../analyze';
import { acronymChecks, acronymIndex } from './index';
import { NO_TERMBASE, TERMBASE } from './testSupport';

function indexOf(text: string, termbase = TERMBASE) {
  return acronymIndex(analyze(text, { kind: 'markdown' }, termbase).context);
}

test('links each use to the definition in force', () => {
  const text = 'The SOE lags. A state-owned enterprise (SOE) leads. SOEs grow. Later, state-owned enterprises (SOEs) again; the SOE wins.';
  const index = indexOf(text);
  assert.deepEqual(index.definitions.map((d) => d.start), [text.indexOf('SOE)'), text.indexOf('SOEs)')]);
  const linked = index.uses.map((u) => [text.slice(u.start, u.end), u.isPlural, u.definition ? index.definitions.indexOf(u.definition) : -1]);
  assert.deepEqual(linked, [['SOE', false, -1], ['SOE', true, 0], ['SOE', false, 1]]);
});

test('keeps occurrences in headings, notes and all-caps lines, marked by context', () => {
  const text = '# About MERICS\n\nTHE MERICS TEAM AT WORK\n\nThe Mercator Institute for China Studies (MERICS) grew. MERICS hired.\n\n## Notes\n\n1. MERICS report.\n';
  const index = indexOf(text, NO_TERMBASE);
  const merics = index.uses.filter((u) => u.acronym === 'MERICS');
  assert.deepEqual(merics.map((u) => u.context), ['heading', 'caps', 'prose', 'notes']);
  const entry = index.entries.get('MERICS')!;
  assert.deepEqual(entry.uses, [merics[2]]);
  assert.equal(entry.occurrences.length, 4);
  assert.equal(merics[3]!.definition, index.definitions[0], 'a note leans on the body definition');
});

test('marks allowed and termbase acronyms', () => {
  const index = indexOf('U.S. firms and the NSWN.');
  assert.equal(index.entries.get('U.S')?.isAllowed, true);
  assert.equal(index.uses[0]!.acronym, 'U.S.');
  const nswn = index.entries.get('NSWN')!;
  assert.equal(TERMBASE.concepts[nswn.concept!]!.preferred, 'new-style whole-of-nation system');
});

test('lists the five acronym rules with documented defaults', () => {
  assert.deepEqual(
    acronymChecks.map((c) => [c.id, c.defaultSeverity]),
    [
      ['acronym/undefined', 'warning'],
      ['acronym/used-before-definition', 'warning'],
      ['acronym/redefined', 'warning'],
      ['acronym/expansion-mismatch', 'warning'],
      ['acronym/unused', 'hint'],
    ],
  );
});

/** Fastest of three runs of the acronym family alone (the document parsed and the terms scanned beforehand). */
function acronymTime(text: string): number {
  const { context } = analyze(text, { kind: 'plaintext', rules: { acronym: 'off' } }, TERMBASE);
  void context.terms;
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const fresh = { ...context, shared: freshCache() };
    const started = performance.now();
    for (const check of acronymChecks) check.run(fresh);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function freshCache() {
  const cache = new Map<string, unknown>();
  return <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
}

test('grows linearly with the document, in many paragraphs or in one', (t) => {
  const sentence = 'The Central Commission for Financial and Economic Affairs (CCFEA) met the WTO, SOEs and the NSWN (新型举国体制) in 2023 (see IMF data). ';
  for (const separator of ['\n\n', '']) {
    const build = (size: number) => (sentence + separator).repeat(Math.ceil(size / (sentence.length + separator.length)));
    acronymTime(build(20_000));
    const small = acronymTime(build(62_500));
    const whole = acronymTime(build(1_000_000));
    t.diagnostic(`${separator ? 'paragraphs' : 'one paragraph'}: ${small.toFixed(0)} ms for 62.5 kB, ${whole.toFixed(0)} ms for 1 MB`);
    // 16 times the text: linear work takes about 16 times as long, quadratic work 256 times.
    assert.ok(whole < small * 64 + 100, `${separator ? 'paragraphs' : 'one paragraph'}: ${small.toFixed(0)} ms for 62.5 kB, ${whole.toFixed(0)} ms for 1 MB`);
  }
});
