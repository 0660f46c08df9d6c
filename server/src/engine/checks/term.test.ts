import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../analyze';
import { applyEdits } from '../edits';
import { compileTermbase } from '../match/matcher';
import { parseJsonTermbase } from '../termbase/json';
import { mergeTermbases } from '../termbase/merge';
import type { DocumentKind, Finding, SeveritySetting, TextEdit } from '../types';

const TERMBASE = {
  concepts: [
    { id: 'nswn', zh: '新型举国体制', zhTraditional: '新型舉國體制', en: 'new-style whole-of-nation system', deprecated: ['new type whole-nation system'], acronym: 'NSWN' },
    { id: 'won', zh: '举国体制', en: 'whole-of-nation system', admitted: ['whole-nation system'] },
    { id: 'mib', zh: '现代产业体系', en: 'modern industrial base' },
    { id: 'mzib', zh: '现代化产业体系', en: 'modernized industrial base', admitted: ['modernized industrial system'] },
    { id: 'dual', zh: '双循环', en: 'dual circulation strategy', deprecated: ['dual cycle strategy'] },
    { id: 'assoc', zh: '创新联合体', en: 'innovation associations', admitted: ['innovation consortia', 'innovation alliances'] },
    { id: 'two-layers', zh: '两张皮', en: 'two-layers problem', admitted: ['two-skins problem'] },
    { id: 'soe', en: 'state-owned enterprise', acronym: 'SOE' },
    { id: 'sti', en: 'science, technology, and innovation', acronym: 'STI' },
    { id: 'ccfea', en: 'Central Commission for Financial and Economic Affairs', acronym: 'CCFEA' },
    { id: 'gdp', en: 'gross domestic product', acronym: 'GDP' },
    { id: 'ndrc', en: 'National Development and Reform Commission', acronym: 'NDRC' },
    { id: 'nrdc', en: 'Natural Resources Defense Council', acronym: 'NRDC' },
  ],
};

const compiled = compileTermbase(mergeTermbases([parseJsonTermbase(JSON.stringify(TERMBASE), 't.json')]));

function check(text: string, kind: DocumentKind = 'markdown', rules?: Record<string, SeveritySetting>): Finding[] {
  const findings = analyze(text, { kind, rules }, compiled).findings;
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length, `${f.rule} has a range inside the text`);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
  }
  return findings;
}

const termFindings = (text: string, kind: DocumentKind = 'markdown', rules?: Record<string, SeveritySetting>) =>
  check(text, kind, rules).filter((f) => f.rule.startsWith('term/'));
const ofRule = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);
/** [rule, flagged source text] pairs, for compact assertions. */
const flagged = (text: string, findings: Finding[]) => findings.map((f) => [f.rule, text.slice(f.start, f.end)]);

/** The text a finding's preferred (else first) fix produces. */
function fixed(text: string, finding: Finding): string {
  const fix = finding.fixes?.find((f) => f.isPreferred) ?? finding.fixes?.[0];
  assert.ok(fix, `${finding.rule} at ${finding.start} has a fix`);
  return applyEdits(text, fix.edits);
}

// ---------------------------------------------------------------- term/deprecated

test('term/deprecated flags a deprecated rendering with the preferred form as the fix', () => {
  const text = 'China pursues the dual cycle strategy.';
  const findings = termFindings(text);
  assert.deepEqual(flagged(text, findings), [['term/deprecated', 'dual cycle strategy']]);
  const [finding] = findings;
  assert.equal(finding!.severity, 'warning');
  assert.match(finding!.message, /"dual cycle strategy".*"dual circulation strategy"/);
  assert.equal(finding!.data?.concept, 'dual');
  assert.equal(fixed(text, finding!), 'China pursues the dual circulation strategy.');
});

test('term/deprecated keeps a capital first letter in the fix', () => {
  const text = 'Dual cycle strategy documents multiplied.';
  const [finding] = ofRule(termFindings(text), 'term/deprecated');
  assert.equal(fixed(text, finding!), 'Dual circulation strategy documents multiplied.');
});

test('term/deprecated keeps a plural in the fix', () => {
  const text = 'Two new type whole-nation systems compete.';
  const [finding] = ofRule(termFindings(text), 'term/deprecated');
  assert.equal(text.slice(finding!.start, finding!.end), 'new type whole-nation systems');
  assert.equal(fixed(text, finding!), 'Two new-style whole-of-nation systems compete.');
});

test('term/deprecated keeps a plural in -ies in the fix: "strategies", not "strategys"', () => {
  const text = 'Both dual cycle strategies failed.';
  const [finding] = ofRule(termFindings(text), 'term/deprecated');
  assert.ok(finding);
  assert.equal(fixed(text, finding), 'Both dual circulation strategies failed.');
});

test('term/deprecated stays quiet on the preferred form, in the notes list and in code', () => {
  assert.deepEqual(termFindings('China pursues the dual circulation strategy (双循环).'), []);
  assert.deepEqual(termFindings('Body.\n\n## Notes\n\n1. "The dual cycle strategy", a cited title.'), []);
  assert.deepEqual(termFindings('Write `dual cycle strategy` in code.'), []);
});

test('term/deprecated offers no fix across emphasis markup rather than drop the markup', () => {
  const text = 'The *dual* cycle strategy.';
  const [finding] = ofRule(termFindings(text), 'term/deprecated');
  assert.ok(finding);
  assert.ok(!finding.fixes || finding.fixes.length === 0);
});

// ---------------------------------------------------------------- term/inconsistent

test('term/inconsistent flags a later rendering, points at the first, and offers the first as the fix', () => {
  const text = 'A modernized industrial base grows.\nLater the modernized industrial system follows.';
  const findings = termFindings(text);
  assert.deepEqual(flagged(text, findings), [['term/inconsistent', 'modernized industrial system']]);
  const finding = findings[0]!;
  assert.match(finding.message, /"modernized industrial system".*"modernized industrial base".*line 1/);
  assert.deepEqual(finding.related?.map((r) => [r.start, r.end]), [[2, 28]]);
  assert.equal(fixed(text, finding), 'A modernized industrial base grows.\nLater the modernized industrial base follows.');
});

test('term/inconsistent offers both the first rendering and the preferred form when they differ', () => {
  const text = 'Innovation consortia formed. Then innovation alliances formed.';
  const [finding] = ofRule(termFindings(text), 'term/inconsistent');
  assert.ok(finding);
  assert.equal(text.slice(finding.start, finding.end), 'innovation alliances');
  assert.deepEqual(finding.fixes?.map((f) => f.edits.map((e) => e.newText)), [['innovation consortia'], ['Innovation associations', 'innovation associations']]);
  assert.equal(finding.fixes?.[0]?.isPreferred, true);
});

test('term/inconsistent\'s preferred-form fix writes it at the first rendering too, so the inconsistency is gone', () => {
  const text = 'Innovation consortia formed. Then innovation alliances formed.';
  const [finding] = ofRule(termFindings(text), 'term/inconsistent');
  const fix = finding?.fixes?.[1];
  assert.ok(fix);
  assert.equal(fix.title, 'Use the preferred form "innovation associations" here and at the first rendering');
  const after = applyEdits(text, fix.edits);
  assert.equal(after, 'Innovation associations formed. Then innovation associations formed.');
  assert.deepEqual(ofRule(termFindings(after), 'term/inconsistent'), []);
});

test('term/inconsistent flags every later different rendering, each pointing at the first', () => {
  const text = 'Innovation consortia formed. Then innovation alliances and innovation associations formed.';
  const findings = ofRule(termFindings(text), 'term/inconsistent');
  assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['innovation alliances', 'innovation associations']);
  assert.ok(findings.every((f) => f.related?.[0]?.start === 0));
});

test('term/inconsistent stays quiet on one rendering used twice, whatever its case or number', () => {
  assert.deepEqual(termFindings('A modernized industrial base grows. Modernized industrial bases follow; the modernized industrial base wins.'), []);
});

test('term/inconsistent ignores renderings in the notes list, hanzi and acronyms', () => {
  assert.deepEqual(termFindings('A modernized industrial base grows.\n\n## Notes\n\n1. Building the modernized industrial system, a cited title.'), []);
  assert.deepEqual(termFindings('The new-style whole-of-nation system (NSWN, 新型举国体制). The NSWN again; 新型舉國體制.'), []);
});

// ---------------------------------------------------------------- term/mismatch

test('term/mismatch accepts the brief\'s pair: modern (现代产业体系) and "modernized" (现代 化产业体系)', () => {
  const text = 'It calls for a modern industrial base (现代产业体系), and a few words later a "modernized industrial base" (现代 化产业体系).';
  assert.deepEqual(termFindings(text), []);
});

test('term/mismatch flags swapped hanzi, with a fix to the right hanzi and related info on the English', () => {
  const text = 'It calls for a modern industrial base (现代化产业体系), and later a "modernized industrial base" (现代产业体系).';
  const findings = ofRule(termFindings(text), 'term/mismatch');
  assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['现代化产业体系', '现代产业体系']);
  const [first, second] = findings;
  assert.equal(first!.severity, 'error');
  assert.match(first!.message, /现代化产业体系.*"modernized industrial base".*"modern industrial base"/);
  assert.equal(text.slice(first!.related![0]!.start, first!.related![0]!.end), 'modern industrial base');
  assert.equal(fixed(text, first!), text.replace('(现代化产业体系)', '(现代产业体系)'));
  assert.equal(fixed(text, second!), text.replace('(现代产业体系)', '(现代化产业体系)'));
});

test('term/mismatch flags hanzi followed by the wrong English, with the right English as the fix', () => {
  const text = 'The plan builds 现代产业体系 (modernized industrial base) first.';
  const findings = ofRule(termFindings(text), 'term/mismatch');
  assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['modernized industrial base']);
  assert.equal(fixed(text, findings[0]!), 'The plan builds 现代产业体系 (modern industrial base) first.');
  assert.deepEqual(termFindings('The plan builds 现代产业体系 (modern industrial base) first.'), []);
});

test('term/mismatch accepts an acronym and the right hanzi together: "(NSWN, 新型举国体制)"', () => {
  assert.deepEqual(termFindings('The new-style whole-of-nation system (NSWN, 新型举国体制) leads.'), []);
});

test('term/mismatch flags an acronym with the hanzi of another concept: "(NSWN, 举国体制)"', () => {
  const text = 'The new-style whole-of-nation system (NSWN, 举国体制) leads.';
  assert.deepEqual(flagged(text, ofRule(termFindings(text), 'term/mismatch')), [['term/mismatch', '举国体制']]);
});

test('term/mismatch works with full-width parentheses and hanzi split by a space', () => {
  const wrong = 'A modern industrial base（现代 化产业 体系）here.';
  assert.deepEqual(flagged(wrong, ofRule(termFindings(wrong), 'term/mismatch')), [['term/mismatch', '现代 化产业 体系']]);
  assert.deepEqual(termFindings('A modern industrial base（现代 产业 体系）here.'), []);
});

test('term/mismatch skips the notes list', () => {
  assert.deepEqual(termFindings('Body.\n\n## Notes\n\n1. On the modern industrial base (现代化产业体系), a cited title.'), []);
});

// ---------------------------------------------------------------- term/near-miss

test('term/near-miss flags "NWNS" as a misspelling of "NSWN", with a fix', () => {
  const text = 'The NSWN came first. Then the NWNS sysstem grew.';
  const findings = termFindings(text);
  assert.deepEqual(flagged(text, findings), [['term/near-miss', 'NWNS']]);
  const finding = findings[0]!;
  assert.equal(finding.severity, 'warning');
  assert.match(finding.message, /"NWNS".*"NSWN".*new-style whole-of-nation system/);
  assert.equal(finding.data?.expected, 'NSWN');
  assert.equal(fixed(text, finding), 'The NSWN came first. Then the NSWN sysstem grew.');
});

test('term/near-miss flags a transposed longer acronym and keeps a plural "s" out of the fix', () => {
  const text = 'The CCFAE met. The NWNSs met.';
  const findings = termFindings(text);
  assert.deepEqual(flagged(text, findings), [['term/near-miss', 'CCFAE'], ['term/near-miss', 'NWNS']]);
  assert.equal(fixed(text, findings[1]!), 'The CCFAE met. The NSWNs met.');
});

test('term/near-miss stays quiet on known, allowed and ordinary words', () => {
  const text = 'The NSWN and the NSWNs, the WTO, GDP growth, SOEs and the SOE, the Ministry of Finance, China, PhD, U.S. and EU.';
  assert.deepEqual(termFindings(text), []);
});

test('term/near-miss stays quiet on two real acronyms one edit apart that are both known', () => {
  assert.deepEqual(termFindings('The NDRC and the NRDC disagree.'), []);
});

test('term/near-miss stays quiet on an acronym the document defines itself', () => {
  assert.deepEqual(termFindings('The Central Commission for Foreign Affairs (CCFA) met. The CCFA and the CCFEA differ.'), []);
});

test('term/near-miss stays quiet on ordinary words in an all-capitals heading', () => {
  const text = '# CHINA AND ITS INNOVATION SYSTEM\n\nBody text about STI.';
  assert.deepEqual(ofRule(termFindings(text), 'term/near-miss').map((f) => text.slice(f.start, f.end)), []);
});

test('term/near-miss flags a multi-word term one letter off, keeping a capital in the fix', () => {
  const text = 'Modernised industrial base plans and a modernized industrial bsae.';
  const findings = ofRule(termFindings(text), 'term/near-miss');
  assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['Modernised industrial base', 'modernized industrial bsae']);
  assert.equal(fixed(text, findings[0]!), 'Modernized industrial base plans and a modernized industrial bsae.');
  assert.equal(fixed(text, findings[1]!), 'Modernised industrial base plans and a modernized industrial base.');
});

test('term/near-miss stays quiet on the exact multi-word term and on phrases two edits away', () => {
  assert.deepEqual(termFindings('A modernized industrial base and a modern industrial base.'), []);
  assert.deepEqual(termFindings('A modernising industrial base.'), []);
});

// ---------------------------------------------------------------- term/unknown-zh

test('term/unknown-zh hints at unknown hanzi with the English before them', () => {
  const text = 'The search for new quality productive forces (新质生产力) goes on.';
  const findings = termFindings(text);
  assert.deepEqual(flagged(text, findings), [['term/unknown-zh', '新质生产力']]);
  assert.equal(findings[0]!.severity, 'hint');
  assert.deepEqual(findings[0]!.data, { zh: '新质生产力', en: 'new quality productive forces' });
});

test('term/unknown-zh reads full-width parentheses and joins hanzi split by a space', () => {
  const text = 'The new quality productive forces（新质 生产力）grow.';
  const findings = termFindings(text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.data?.zh, '新质生产力');
  assert.equal(findings[0]!.data?.en, 'new quality productive forces');
});

test('term/unknown-zh stays quiet on known hanzi, split or traditional', () => {
  assert.deepEqual(termFindings('The two-layers problem (两 张皮) and the new-style whole-of-nation system (新型舉國體制).'), []);
});

test('term/unknown-zh stays quiet in the notes list', () => {
  assert.deepEqual(termFindings('Body.\n\n## Notes\n\n1. Wang, "On new quality productive forces (新质生产力)", 2024.'), []);
});

// ---------------------------------------------------------------- traps

test('nothing is flagged inside code spans, code blocks or URLs', () => {
  const text = 'Use `NWNS` and `dual cycle strategy`.\n\n```\nNWNS modern industrial base (现代化产业体系)\n```\n\nSee https://example.com/NWNS/dual-cycle-strategy and [the site](https://x.org/NWNS).';
  assert.deepEqual(termFindings(text), []);
  assert.deepEqual(termFindings('See https://example.com/NWNS/dual-cycle-strategy now.', 'plaintext'), []);
});

test('findings in a heading have exact offsets', () => {
  const text = '## The dual cycle strategy and the NWNS\n\nBody.';
  assert.deepEqual(flagged(text, termFindings(text)), [['term/deprecated', 'dual cycle strategy'], ['term/near-miss', 'NWNS']]);
});

test('offsets stay exact with CRLF line ends', () => {
  const text = 'Line one.\r\nThe NWNS and the dual cycle\r\nstrategy.\r\n';
  assert.deepEqual(flagged(text, termFindings(text)), [['term/near-miss', 'NWNS'], ['term/deprecated', 'dual cycle\r\nstrategy']]);
  assert.deepEqual(flagged(text, termFindings(text, 'plaintext')), [['term/near-miss', 'NWNS'], ['term/deprecated', 'dual cycle\r\nstrategy']]);
});

test('offsets stay exact after emoji', () => {
  const text = '😀🇨🇳 The NWNS and the dual cycle strategy (现代化产业体系).';
  assert.deepEqual(flagged(text, termFindings(text)), [
    ['term/near-miss', 'NWNS'],
    ['term/deprecated', 'dual cycle strategy'],
    ['term/mismatch', '现代化产业体系'],
  ]);
});

test('offsets stay exact after escapes and entities', () => {
  const text = 'R&amp;D \\*notes\\* on the \\[NWNS\\] and dual cycle strategy\\.';
  assert.deepEqual(flagged(text, termFindings(text)), [['term/near-miss', 'NWNS'], ['term/deprecated', 'dual cycle strategy']]);
});

test('a term inside a longer word is never flagged', () => {
  assert.deepEqual(termFindings('The NWNSX plan, a redual cycle strategy and the dual cycle strategyx.'), []);
});

// ---------------------------------------------------------------- fix round-trip

const DEFECTIVE = [
  '# The dual cycle strategy',
  '',
  'Dual cycle strategy aside, the NWNS sets goals. A modernized industrial base grows; the modernized industrial system follows.',
  'A modern industrial base (现代化产业体系) too. Modernised industrial base once more, and the NSWN (新型举国体制).',
  '',
].join('\n');
const REPAIRED = [
  '# The dual circulation strategy',
  '',
  'Dual circulation strategy aside, the NSWN sets goals. A modernized industrial base grows; the modernized industrial base follows.',
  'A modern industrial base (现代产业体系) too. Modernized industrial base once more, and the NSWN (新型举国体制).',
  '',
].join('\n');

function applyEveryFix(text: string, kind: DocumentKind): { result: string; findings: Finding[] } {
  const findings = termFindings(text, kind);
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((f) => f.isPreferred) ?? finding.fixes?.[0];
    assert.ok(fix, `${finding.rule} "${text.slice(finding.start, finding.end)}" has a fix`);
    edits.push(...fix.edits);
  }
  return { result: applyEdits(text, edits), findings };
}

test('applying every fix removes the findings and changes no other text (Markdown)', () => {
  const { result, findings } = applyEveryFix(DEFECTIVE, 'markdown');
  assert.deepEqual(findings.map((f) => f.rule).sort(), [
    'term/deprecated', 'term/deprecated', 'term/inconsistent', 'term/mismatch', 'term/near-miss', 'term/near-miss',
  ]);
  assert.equal(result, REPAIRED);
  assert.deepEqual(termFindings(result), []);
});

test('applying every fix removes the findings and changes no other text (plain text, CRLF, emoji)', () => {
  const toPlain = (text: string) => `😀 ${text.replace('# ', '').replace(/\n/g, '\r\n')}`;
  const { result, findings } = applyEveryFix(toPlain(DEFECTIVE), 'plaintext');
  assert.equal(findings.length, 6);
  assert.equal(result, toPlain(REPAIRED));
  assert.deepEqual(termFindings(result, 'plaintext'), []);
});

// ---------------------------------------------------------------- suppression

test('<!-- brieflint-disable-next-line term/near-miss --> silences the next line only', () => {
  const text = '<!-- brieflint-disable-next-line term/near-miss -->\nThe NWNS one.\nThe NWNS two.';
  assert.deepEqual(termFindings(text).map((f) => f.start), [text.lastIndexOf('NWNS')]);
});

test('disable-next-line for another rule does not silence term/near-miss', () => {
  const text = '<!-- brieflint-disable-next-line term/deprecated -->\nThe NWNS one and the dual cycle strategy.';
  assert.deepEqual(flagged(text, termFindings(text)), [['term/near-miss', 'NWNS']]);
});

test('<!-- brieflint-disable term --> … <!-- brieflint-enable term --> silences the family in between', () => {
  const text = 'The NWNS a.\n\n<!-- brieflint-disable term -->\n\nThe NWNS b and dual cycle strategy.\n\n<!-- brieflint-enable term -->\n\nThe NWNS c.';
  const findings = termFindings(text);
  assert.deepEqual(findings.map((f) => text.slice(f.start, f.end + 2)), ['NWNS a', 'NWNS c']);
});

test('a disable with no enable runs to the end of the document', () => {
  const text = 'The NWNS a.\n\n<!-- brieflint-disable term/near-miss -->\n\nThe NWNS b and dual cycle strategy.';
  assert.deepEqual(flagged(text, termFindings(text)), [['term/near-miss', 'NWNS'], ['term/deprecated', 'dual cycle strategy']]);
});

test('plain text: a "// brieflint-disable-next-line" line silences the next line', () => {
  const text = 'Intro.\r\n// brieflint-disable-next-line term/near-miss\r\nThe NWNS one.\r\nThe NWNS two.';
  assert.deepEqual(termFindings(text, 'plaintext').map((f) => f.start), [text.lastIndexOf('NWNS')]);
});

// ---------------------------------------------------------------- severity settings

test('severity settings: "off" drops a rule, the others stay', () => {
  const text = 'The NWNS and the dual cycle strategy.';
  assert.deepEqual(termFindings(text, 'markdown', { 'term/near-miss': 'off' }).map((f) => f.rule), ['term/deprecated']);
});

test('severity settings: "term/*" raises the family, an exact rule id wins over it', () => {
  const text = 'The NWNS and the dual cycle strategy (新质生产力).';
  const raised = termFindings(text, 'markdown', { 'term/*': 'error' });
  assert.deepEqual(raised.map((f) => [f.rule, f.severity]), [['term/near-miss', 'error'], ['term/deprecated', 'error'], ['term/unknown-zh', 'error']]);
  const mixed = termFindings(text, 'markdown', { 'term/*': 'error', 'term/deprecated': 'information' });
  assert.deepEqual(mixed.map((f) => f.severity), ['error', 'information', 'error']);
  assert.deepEqual(termFindings(text, 'markdown', { term: 'off' }), []);
});
