import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonTermbase } from './json';
import { formKey, mergeTermbases } from './merge';
import type { Concept, TermbaseFile } from './model';

/** A termbase file with one concept per line, so that concept i (0-based) sits on line i + 3. */
function file(name: string, concepts: object[]): TermbaseFile {
  const text = `{\n  "concepts": [\n${concepts.map((c) => `    ${JSON.stringify(c)}`).join(',\n')}\n  ]\n}`;
  const result = parseJsonTermbase(text, name);
  assert.deepEqual(result.problems, [], `fixture ${name} loads cleanly`);
  return result;
}

const byPreferred = (concepts: Concept[], preferred: string): Concept => {
  const concept = concepts.find((c) => c.preferred === preferred);
  assert.ok(concept, `a concept prefers "${preferred}"`);
  return concept;
};

test('formKey compares forms as the matcher does: case, hyphens and spaces', () => {
  assert.equal(formKey('Whole-of-Nation  System'), formKey('whole of nation system'));
  assert.notEqual(formKey('industrial base'), formKey('industrial bases'));
  assert.notEqual(formKey('small yard, high fence'), formKey('small yard high fence'));
});

test('one file merges into itself unchanged', () => {
  const only = file('a.json', [{ id: 'a', en: 'alpha', zh: '甲' }, { id: 'b', en: 'beta' }]);
  const merged = mergeTermbases([only]);
  assert.deepEqual(merged.concepts, only.concepts);
  assert.deepEqual(merged.problems, []);
  assert.deepEqual(merged.files, ['a.json']);
});

test('keeps every file\'s problems', () => {
  const broken = parseJsonTermbase('{"concepts": [{"id": "x"}]}', 'broken.json');
  const merged = mergeTermbases([file('a.json', [{ id: 'a', en: 'alpha' }]), broken]);
  assert.equal(merged.problems.length, 1);
  assert.equal(merged.problems[0]!.file, 'broken.json');
  assert.equal(merged.concepts.length, 1);
});

test('concepts sharing a Chinese term merge, white space in the hanzi ignored', () => {
  const merged = mergeTermbases([
    file('bundled.json', [{ id: 'dual', zh: '双循环', en: 'dual circulation', pinyin: 'shuāng xúnhuán', definition: 'Earlier definition.' }]),
    file('workspace.json', [{ id: 'dc', zh: '双 循环', en: 'dual circulation strategy' }]),
  ]);
  assert.equal(merged.concepts.length, 1);
  const concept = merged.concepts[0]!;
  assert.equal(concept.id, 'dual', 'the earlier id stays');
  assert.equal(concept.preferred, 'dual circulation strategy', 'the later preferred form wins');
  assert.deepEqual(concept.admitted, ['dual circulation'], 'the earlier preferred form stays admitted');
  assert.equal(concept.pinyin, 'shuāng xúnhuán', 'the earlier file fills the gap');
  assert.equal(concept.definition, 'Earlier definition.');
});

test('concepts sharing a traditional Chinese term merge', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'a', zh: '举国体制', zhTraditional: '舉國體制', en: 'whole-of-nation system' }]),
    file('b.json', [{ id: 'b', zhTraditional: '舉國體制', en: 'whole-nation system' }]),
  ]);
  assert.equal(merged.concepts.length, 1);
  assert.equal(merged.concepts[0]!.preferred, 'whole-nation system');
});

test('concepts sharing a preferred English term merge, whatever its case or hyphens', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'mib', en: 'modern industrial base', note: 'Earlier note.', source: 'Brief A' }]),
    file('b.json', [{ id: 'x', en: 'Modern Industrial-Base', zh: '现代产业体系', definition: 'Later definition.' }]),
  ]);
  assert.equal(merged.concepts.length, 1);
  const concept = merged.concepts[0]!;
  assert.deepEqual(concept.zh, ['现代产业体系']);
  assert.equal(concept.definition, 'Later definition.');
  assert.equal(concept.note, 'Earlier note.');
  assert.equal(concept.source, 'Brief A');
});

test('the later file\'s values win over the earlier file\'s', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'a', zh: '甲', en: 'alpha', pinyin: 'jiǎ', definition: 'Old.', acronym: 'ALP', caseSensitive: false }]),
    file('b.json', [{ id: 'a', zh: '甲', en: 'alpha', pinyin: 'jiă', definition: 'New.', acronym: 'ALF', caseSensitive: true }]),
  ]);
  const concept = merged.concepts[0]!;
  assert.deepEqual([concept.pinyin, concept.definition, concept.acronym, concept.caseSensitive], ['jiă', 'New.', 'ALF', true]);
});

test('the later file\'s statuses win: a deprecated form admitted later is admitted, an admitted one deprecated later is deprecated', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'a', zh: '甲', en: 'alpha', admitted: ['alfa'], deprecated: ['alpha one'] }]),
    file('b.json', [{ id: 'a', zh: '甲', en: 'alpha', admitted: ['Alpha One'], deprecated: ['alfa'] }]),
  ]);
  const concept = merged.concepts[0]!;
  assert.deepEqual(concept.admitted.map(formKey), [formKey('alpha one')]);
  assert.deepEqual(concept.deprecated.map(formKey), [formKey('alfa')]);
  assert.deepEqual(merged.problems, []);
});

test('a later file may deprecate the earlier preferred form when it prefers another', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'd', zh: '双循环', en: 'dual cycle strategy' }]),
    file('b.json', [{ id: 'd', zh: '双循环', en: 'dual circulation strategy', deprecated: ['dual cycle strategy'] }]),
  ]);
  const concept = merged.concepts[0]!;
  assert.equal(concept.preferred, 'dual circulation strategy');
  assert.deepEqual(concept.admitted, []);
  assert.deepEqual(concept.deprecated, ['dual cycle strategy']);
  assert.deepEqual(merged.problems, []);
});

test('unrelated concepts stay apart, and an id used in two files stays unique', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'x', en: 'alpha' }]),
    file('b.json', [{ id: 'x', en: 'beta' }]),
  ]);
  assert.deepEqual(merged.concepts.map((c) => c.preferred), ['alpha', 'beta']);
  assert.equal(new Set(merged.concepts.map((c) => c.id)).size, 2);
  assert.equal(merged.concepts[0]!.id, 'x');
});

test('a concept that matches two earlier ones is merged into the first, with a warning on its own file', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'a', zh: '甲', en: 'alpha' }, { id: 'b', en: 'beta' }]),
    file('b.json', [{ id: 'c', zh: '甲', en: 'beta' }]),
  ]);
  assert.equal(merged.concepts.length, 2);
  const problem = merged.problems.find((p) => /matches 2 earlier concepts/.test(p.message));
  assert.ok(problem);
  assert.deepEqual([problem.file, problem.line, problem.severity], ['b.json', 3, 'warning']);
  assert.match(problem.message, /"alpha".*"beta"/);
  // The merge leaves "beta" preferred by both concepts: b.json caused that, a.json did not.
  assert.deepEqual(merged.problems.map((p) => p.file), merged.problems.map(() => 'b.json'));
});

test('a form claimed by two concepts is reported on the file that introduced it', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'a', zh: '甲', en: 'alpha', admitted: ['shared form'] }]),
    file('b.json', [{ id: 'b', zh: '乙', en: 'beta' }, { id: 'c', zh: '丙', en: 'gamma', admitted: ['Shared-Form'] }]),
  ]);
  assert.equal(merged.problems.length, 1);
  const problem = merged.problems[0]!;
  assert.deepEqual([problem.file, problem.line, problem.severity], ['b.json', 4, 'warning']);
  assert.match(problem.message, /shared form/i);
  assert.match(problem.message, /"a"/);
  assert.match(problem.message, /"c"/);
});

test('an acronym claimed by two concepts is reported on the second', () => {
  const merged = mergeTermbases([file('a.json', [{ id: 'a', en: 'alpha term', acronym: 'AT' }, { id: 'b', en: 'another thing', acronym: 'AT' }])]);
  assert.equal(merged.problems.length, 1);
  assert.deepEqual([merged.problems[0]!.file, merged.problems[0]!.line], ['a.json', 4]);
  assert.match(merged.problems[0]!.message, /"AT"/);
});

test('a conflict stays on the file that introduced it when a later file merely adds to the concept', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'a', en: 'alpha', admitted: ['shared form'] }, { id: 'b', en: 'beta', admitted: ['shared form'] }]),
    file('b.json', [{ id: 'b', en: 'beta', definition: 'Only a definition is added here.' }]),
  ]);
  assert.equal(merged.problems.length, 1);
  const problem = merged.problems[0]!;
  assert.deepEqual([problem.file, problem.line], ['a.json', 4], 'b.json never mentions "shared form"');
});

test('a form both preferred and deprecated is an error on the file that wrote it', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'a', en: 'alpha' }]),
    file('b.json', [{ id: 'b', en: 'beta' }, { id: 'd', en: 'delta term', deprecated: ['Delta-term'] }]),
  ]);
  assert.equal(merged.problems.length, 1);
  const problem = merged.problems[0]!;
  assert.deepEqual([problem.file, problem.line, problem.severity], ['b.json', 4, 'error']);
  assert.match(problem.message, /delta term.*both preferred and deprecated/i);
});

test('a form both admitted and deprecated is an error too', () => {
  const merged = mergeTermbases([file('a.json', [{ id: 'a', en: 'alpha', admitted: ['alfa'], deprecated: ['alfa'] }])]);
  assert.equal(merged.problems.length, 1);
  assert.deepEqual([merged.problems[0]!.line, merged.problems[0]!.severity], [3, 'error']);
  assert.match(merged.problems[0]!.message, /"alfa" is both admitted and deprecated/);
});

test('an entry that is both preferred and deprecated is reported even when it merges into an earlier concept', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'a', zh: '甲', en: 'alpha term' }]),
    file('b.json', [{ id: 'a2', zh: '甲', en: 'alpha term', deprecated: ['alpha term'] }]),
  ]);
  assert.equal(merged.problems.length, 1, 'b.json contradicts itself');
  assert.deepEqual([merged.problems[0]!.file, merged.problems[0]!.line, merged.problems[0]!.severity], ['b.json', 3, 'error']);
});

test('merging no files gives an empty termbase', () => {
  assert.deepEqual(mergeTermbases([]), { concepts: [], problems: [], files: [] });
});

test('preferred forms of every merged concept stay distinct from its admitted and deprecated ones', () => {
  const merged = mergeTermbases([
    file('a.json', [{ id: 'a', zh: '甲', en: 'alpha', admitted: ['beta', 'gamma'], deprecated: ['delta'] }]),
    file('b.json', [{ id: 'a', zh: '甲', en: 'beta', admitted: ['delta'], deprecated: ['gamma'] }]),
    file('c.json', [{ id: 'a', zh: '甲', en: 'gamma', deprecated: ['alpha'] }]),
  ]);
  const concept = byPreferred(merged.concepts, 'gamma');
  const keys = [concept.preferred, ...concept.admitted, ...concept.deprecated].map(formKey);
  assert.equal(new Set(keys).size, keys.length, 'no form has two statuses');
  assert.deepEqual(concept.deprecated.map(formKey), [formKey('alpha')]);
  assert.deepEqual(concept.admitted.map(formKey).sort(), [formKey('beta'), formKey('delta')].sort());
  assert.deepEqual(merged.problems, []);
});
