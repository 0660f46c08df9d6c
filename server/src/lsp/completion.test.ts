import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, compileTermbase, mergeTermbases, type Concept } from '../engine/index';
import { MAX_ITEMS, completionList, resolveCompletion, wordBefore } from './completion';

function concept(id: string, preferred: string, extra: Partial<Concept> = {}): Concept {
  return { id, zh: [], zhTraditional: [], preferred, admitted: [], deprecated: [], ...extra };
}

function compiledOf(concepts: Concept[]) {
  return compileTermbase(mergeTermbases([{ file: 'test.json', concepts, problems: [] }]));
}

const SMALL = compiledOf([
  concept('dc', 'dual circulation strategy', { zh: ['双循环'], pinyin: 'shuāng xúnhuán', definition: 'Domestic economy first.' }),
  concept('soe', 'state-owned enterprise', { acronym: 'SOE' }),
]);

test('a small termbase is offered whole: the preferred form, its acronym, and its hanzi found by toneless pinyin', () => {
  const analysis = analyze('Text.\n', { kind: 'markdown' }, SMALL);
  const list = completionList(analysis, SMALL, 'file:///a.md', '');
  assert.equal(list.isIncomplete, false);
  assert.deepEqual(
    list.items.map((i) => [i.label, i.detail, i.filterText]),
    [
      ['dual circulation strategy', '双循环 — Domestic economy first.', undefined],
      ['双循环', 'shuāng xúnhuán — dual circulation strategy', 'shuangxunhuan'],
      ['state-owned enterprise', undefined, undefined],
      ['SOE', 'state-owned enterprise', undefined],
    ],
  );
});

test('acronyms the document defines are offered too, once', () => {
  const analysis = analyze('The Ministry of Science and Technology (MOST) and the state-owned enterprise (SOE).\n', { kind: 'markdown' }, SMALL);
  const labels = completionList(analysis, SMALL, 'file:///a.md', '').items.map((i) => i.label);
  assert.equal(labels.filter((l) => l === 'SOE').length, 1);
  assert.ok(labels.includes('MOST'), 'needs the acronym index (acronyms/index.ts)');
});

test('a large termbase is narrowed to the word being typed and marked incomplete', () => {
  const concepts = Array.from({ length: MAX_ITEMS + 500 }, (_, i) => concept(`c${i}`, i % 2 === 0 ? `alpha term ${i}` : `beta term ${i}`));
  const large = compiledOf(concepts);
  const analysis = analyze('Text.\n', { kind: 'markdown' }, large);
  const list = completionList(analysis, large, 'file:///a.md', 'bet');
  assert.equal(list.isIncomplete, true);
  assert.ok(list.items.length > 0 && list.items.length <= MAX_ITEMS);
  assert.ok(list.items.every((i) => String(i.label).startsWith('beta')));
});

test('resolve adds the glossary card, unless the termbase changed under the item', () => {
  const analysis = analyze('Text.\n', { kind: 'markdown' }, SMALL);
  const [first] = completionList(analysis, SMALL, 'file:///a.md', '').items;
  const resolved = resolveCompletion(first!, SMALL);
  assert.match((resolved.documentation as { value: string }).value, /^\*\*dual circulation strategy\*\*/);
  const other = compiledOf([concept('x', 'something else')]);
  assert.equal(resolveCompletion(first!, other).documentation, undefined);
});

test('the word before the cursor takes letters, digits, hyphens and hanzi', () => {
  assert.equal(wordBefore('the whole-of-na', 15), 'whole-of-na');
  assert.equal(wordBefore('见 新型举', 5), '新型举');
  assert.equal(wordBefore('end. ', 5), '');
});
