import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acronymFindings, applyFix, assertNoWordLost, covered, NO_TERMBASE, onlyFinding } from './testSupport';

const RULE = 'acronym/undefined';

test('reports an undefined acronym once, at its first use, with the number of uses', () => {
  const text = 'Cui directs research at the China Institute for WTO Studies. The WTO rules bind. WTO members agree.';
  const finding = onlyFinding(text, RULE, { termbase: NO_TERMBASE });
  assert.equal(covered(text, finding), 'WTO');
  assert.equal(finding.start, text.indexOf('WTO'));
  assert.equal(finding.message, '"WTO" is used 3 times and never defined');
  assert.deepEqual(finding.related?.map((r) => r.start), [text.indexOf('The WTO') + 4, text.indexOf('WTO members')]);
  assert.equal(finding.fixes, undefined);
});

test('says "once" for a single use', () => {
  assert.equal(onlyFinding('The China Institute for WTO Studies met.', RULE).message, '"WTO" is used once and never defined');
});

test('stays quiet on an acronym defined in the document', () => {
  assert.deepEqual(acronymFindings('The World Trade Organization (WTO) met. The WTO ruled.', RULE, { termbase: NO_TERMBASE }), []);
});

test('names the termbase expansion and defines the acronym at its first use', () => {
  const text = 'Reform of the SOE sector stalls. SOEs dominate steel.';
  const finding = onlyFinding(text, RULE);
  assert.equal(finding.message, '"SOE" is used 2 times and never defined; the termbase expands it as "state-owned enterprise"');
  const fixed = applyFix(text, finding);
  assert.equal(fixed, 'Reform of the state-owned enterprise (SOE) sector stalls. SOEs dominate steel.');
  assert.deepEqual(acronymFindings(fixed), []);
  assertNoWordLost(text, fixed);
});

test('defines a plural first use in the plural and capitalises at a sentence start', () => {
  const text = 'SOEs dominate steel. The SOE model persists.';
  const fixed = applyFix(text, onlyFinding(text, RULE));
  assert.equal(fixed, 'State-owned enterprises (SOEs) dominate steel. The SOE model persists.');
  assert.deepEqual(acronymFindings(fixed), []);
});

test('round-trips the fix in plain text with CRLF line ends', () => {
  const text = 'Title line\r\n\r\nThe NSWN is\r\nback, and the NSWN grows.\r\n';
  const finding = onlyFinding(text, RULE, { kind: 'plaintext' });
  const fixed = applyFix(text, finding);
  assert.equal(fixed, 'Title line\r\n\r\nThe new-style whole-of-nation system (NSWN) is\r\nback, and the NSWN grows.\r\n');
  assert.deepEqual(acronymFindings(fixed, undefined, { kind: 'plaintext' }), []);
});

test('skips acronyms on the default allow list: U.S., PhD, COVID-19, GDP', () => {
  const text = 'U.S. sanctions hit firms during COVID-19. She holds a PhD. GDP grew. The EU and UN watched.';
  assert.deepEqual(acronymFindings(text, RULE, { termbase: NO_TERMBASE }), []);
});

test('uses the configured allow list in place of the default one', () => {
  const text = 'U.S. sanctions hit the China Institute for WTO Studies.';
  const findings = acronymFindings(text, RULE, { termbase: NO_TERMBASE, allow: ['WTO'] });
  assert.deepEqual(findings.map((f) => covered(text, f)), ['U.S.']);
});

test('does not count headings, the notes list, code or URLs as uses', () => {
  const text = [
    '# About MERICS',
    '',
    'Text about `WTO` and https://example.org/IMF and [a link](https://example.org/CSIS).',
    '',
    '## Notes',
    '',
    '1. "Export Controls on the People\'s Republic of China (PRC)," BIS, 2022.',
    '2. PRC Ministry of Education, "Stranglehold technologies," 2018.',
    '',
  ].join('\n');
  assert.deepEqual(acronymFindings(text, RULE, { termbase: NO_TERMBASE }), []);
  // The same acronym in body prose is a use.
  assert.equal(acronymFindings(`${text}\nThe PRC replied.\n`, RULE, { termbase: NO_TERMBASE }).length, 0, 'prose after the notes is still notes in Markdown');
  assert.equal(acronymFindings(`The PRC replied.\n\n${text}`, RULE, { termbase: NO_TERMBASE }).length, 1);
});

test('does not count all-caps bylines and titles as uses', () => {
  const markdown = '**JEROEN GROENEWEGEN-LAU**\n\nA DRAFT BRIEF BY THE BRIEFLINT TEAM\n\nBody text.\n';
  assert.deepEqual(acronymFindings(markdown, RULE, { termbase: NO_TERMBASE }), []);
  const plain = 'WHOLE-OF-NATION INNOVATION\n\nJEROEN GROENEWEGEN-LAU\n\nBody text.\n';
  assert.deepEqual(acronymFindings(plain, RULE, { termbase: NO_TERMBASE, kind: 'plaintext' }), []);
  // Two acronyms in a sentence are not a byline.
  assert.equal(acronymFindings('WTO and IMF rules bind.', RULE, { termbase: NO_TERMBASE }).length, 2);
});

test('does not report digits, Roman numerals, single letters or emphasis', () => {
  const text = "Huawei's 5G network and the C919 aircraft, after World War II and in Phase IV, plan B, this is NOT optional.";
  assert.deepEqual(acronymFindings(text, RULE, { termbase: NO_TERMBASE }), []);
});

test('does not report CamelCase names as acronyms', () => {
  assert.deepEqual(acronymFindings('BeiDou and WeChat grew; McKinsey agreed.', RULE, { termbase: NO_TERMBASE }), []);
});

test('reports a mixed-case acronym that is not allowed', () => {
  const text = 'The MoST was reformed.';
  const finding = onlyFinding(text, RULE);
  assert.equal(covered(text, finding), 'MoST');
  assert.equal(applyFix(text, finding), 'The Ministry of Science and Technology (MoST) was reformed.');
});

test('leaves a near-miss of a termbase acronym to term/near-miss', () => {
  const text = 'The new-style whole-of-nation system (NSWN, 新型举国体制) came first. The NWNS sysstem followed, and the NSWN grew.';
  assert.deepEqual(acronymFindings(text, RULE), []);
  const all = acronymFindings(text);
  assert.deepEqual(all, []);
  // Without a termbase there is no near-miss to defer to.
  assert.equal(acronymFindings(text, RULE, { termbase: NO_TERMBASE }).length, 1);
});

test('counts acronyms inside term matches and possessives as uses', () => {
  const text = "Institutes (New R&D Institutes,新型研发机构) spread. The R&D's reach grows.";
  const finding = onlyFinding(text, RULE);
  assert.equal(covered(text, finding), 'R&D');
  assert.match(finding.message, /used 2 times/);
});

test('stays quiet when the paragraph spells out the capitalised name', () => {
  const text = 'The UC Institute on Global Conflict and Cooperation (IGCC) links researchers across the University of California. It met.';
  assert.deepEqual(acronymFindings(text, RULE, { termbase: NO_TERMBASE }), []);
  assert.equal(acronymFindings('The UC Institute met. It is in California.', RULE, { termbase: NO_TERMBASE }).length, 1);
});

test('reports an undefined dotted acronym with its full stop', () => {
  const text = 'The P.R.C. replied.';
  assert.equal(covered(text, onlyFinding(text, RULE, { termbase: NO_TERMBASE })), 'P.R.C.');
});

test('counts acronyms in table cells as uses', () => {
  const text = '| Body | Role |\n| --- | --- |\n| WTO | IMF |\n';
  assert.deepEqual(acronymFindings(text, RULE, { termbase: NO_TERMBASE }).map((f) => covered(text, f)), ['WTO', 'IMF']);
});

test('stays quiet on an acronym defined with hanzi split by a space', () => {
  const text = 'The new-style whole-of-nation system (NSWN, 新型 举国体制) is back; the NSWN grows.';
  assert.deepEqual(acronymFindings(text), []);
});
