/**
 * The termbase loaders (JSON, TBX, CSV) never throw on any input: truncated,
 * damaged, generated with hostile values, huge, an entity bomb, an external
 * entity or DTD pointing at a file or a URL (never resolved, never fetched).
 * Every problem names file:line:col as an editor counts lines, and a termbase
 * with thousands of bad entries still loads its good ones, quickly.
 *
 * Budget: 400 generated inputs, 150 truncations of each real termbase, and
 * the fixed cases below (about 10 s); `npm run fuzz` loads 10,000-entry
 * termbases and runs the generated inputs for as long as it is given.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadTermbaseText, type TermbaseFile } from '../../server/src/engine/index';
import { parseConfigText } from '../../server/src/engine/config';
import { ROOT, cpuTimeOf } from './support/engine';
import { checkTermbaseInput, findProperty } from './support/properties';
import { checkProperty } from './support/runner';
import { checkBadEntries, seedTermbases } from './support/termbaseInputs';

const SECRET_FILE = path.join(ROOT, 'test', 'fixtures', 'termbases', 'secret.txt');
const SECRET_MARKER = 'SECRET-MARKER-7f3a';

/** A local HTTP server that records every request: an external entity or DTD must never reach it. */
let server: Server;
let baseUrl = '';
const requests: string[] = [];

before(async () => {
  assert.ok(readFileSync(SECRET_FILE, 'utf8').includes(SECRET_MARKER), 'the secret fixture holds its marker');
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.end(`<!ENTITY leaked "${SECRET_MARKER}">`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

after(() => server?.close());

/** Gives a fetch that something might have started the time to arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

function allText(file: TermbaseFile): string {
  return JSON.stringify(file);
}

const BOMB_ENTITIES = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)].join('\n  ');
const GOOD_ENTRY = '<termEntry id="good"><langSet xml:lang="en"><tig><term>modern industrial base</term></tig></langSet><langSet xml:lang="zh"><tig><term>现代产业体系</term></tig></langSet></termEntry>';

test(findProperty('termbase/loaders').claim, (t) => checkProperty(t, findProperty('termbase/loaders')));

test('problems in a file with CR or CRLF line ends are placed on the line an editor shows', () => {
  const json = '{\n  "concepts": [\n    { "id": "no-english" }\n  ]\n}\n';
  const tbx = '<?xml version="1.0"?>\n<martif>\n<text><body>\n<termEntry id="x"><langSet xml:lang="zh"><tig><term>新型举国体制</term></tig></langSet></termEntry>\n</body></text></martif>\n';
  const csv = 'id,en,zh\nx,,新型举国体制\n';
  for (const [name, text, line] of [['t.json', json, 3], ['t.tbx', tbx, 4], ['t.csv', csv, 2]] as const) {
    for (const ending of ['\n', '\r\n', '\r']) {
      const file = loadTermbaseText(text.replace(/\n/g, ending), name);
      assert.ok(file.problems.length > 0, `${name} reports its bad entry`);
      assert.equal(file.problems[0]!.line, line, `${name} with ${JSON.stringify(ending)} line ends: ${file.problems[0]!.message}`);
    }
  }
});

test('150 truncations of each real termbase load without throwing', (t) => {
  let loads = 0;
  for (const seed of seedTermbases()) {
    const step = Math.max(1, Math.ceil(seed.text.length / 150));
    for (let end = 0; end <= seed.text.length; end += step) {
      checkTermbaseInput(seed.text.slice(0, end), seed.name);
      loads++;
    }
  }
  t.diagnostic(`${loads} truncated termbases loaded`);
});

test('an entity bomb in a TBX file is not expanded: the bomb entry is skipped with its line and column, the rest loads at once', () => {
  const tbx = `<?xml version="1.0"?>\n<!DOCTYPE martif [\n  ${BOMB_ENTITIES}\n]>\n<martif type="TBX-Basic" xml:lang="en"><text><body>\n<termEntry id="bomb"><langSet xml:lang="en"><tig><term>&lol9;</term></tig></langSet></termEntry>\n${GOOD_ENTRY}\n</body></text></martif>\n`;
  let file: TermbaseFile | undefined;
  const ms = cpuTimeOf(() => {
    file = loadTermbaseText(tbx, 'bomb.tbx');
  });
  assert.ok(ms < 500, `loaded in ${Math.round(ms)} ms`);
  assert.deepEqual(file!.concepts.map((c) => c.id), ['good']);
  const bombLine = tbx.split('\n').findIndex((l) => l.includes('&lol9;')) + 1;
  const problem = file!.problems.find((p) => p.message.includes('&lol9;'));
  assert.ok(problem, `the entity is reported: ${JSON.stringify(file!.problems)}`);
  assert.equal(problem.line, bombLine);
  assert.equal(problem.column, tbx.split('\n')[bombLine - 1]!.indexOf('&lol9;') + 1);
  assert.ok(allText(file!).length < 10_000, 'nothing was expanded');
});

test('an external entity, an external DTD and a parameter entity are never resolved or fetched', async () => {
  const fileUrl = pathToFileURL(SECRET_FILE).href;
  const doctypes = [
    `<!DOCTYPE martif [<!ENTITY xxe SYSTEM "${fileUrl}">]>`,
    `<!DOCTYPE martif [<!ENTITY xxe SYSTEM "${SECRET_FILE}">]>`,
    `<!DOCTYPE martif [<!ENTITY xxe SYSTEM "${baseUrl}/entity">]>`,
    `<!DOCTYPE martif [<!ENTITY xxe PUBLIC "-//X//Y" "${baseUrl}/public">]>`,
    `<!DOCTYPE martif SYSTEM "${baseUrl}/external.dtd">`,
    `<!DOCTYPE martif [<!ENTITY % remote SYSTEM "${baseUrl}/parameter"> %remote; <!ENTITY xxe "&leaked;">]>`,
  ];
  for (const doctype of doctypes) {
    const tbx = `<?xml version="1.0"?>\n${doctype}\n<martif type="TBX-Basic" xml:lang="en" xmlns:xi="http://www.w3.org/2001/XInclude"><text><body>\n<termEntry id="xxe"><langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet></termEntry>\n<termEntry id="xi"><langSet xml:lang="en"><tig><term><xi:include href="${fileUrl}" parse="text"/>x</term></tig></langSet></termEntry>\n${GOOD_ENTRY}\n</body></text></martif>\n`;
    const file = loadTermbaseText(tbx, 'xxe.tbx');
    assert.ok(!allText(file).includes(SECRET_MARKER), `${doctype}: the secret leaked into ${allText(file).slice(0, 300)}`);
    assert.ok(file.concepts.some((c) => c.id === 'good'), `${doctype}: the good entry loads`);
    for (const problem of file.problems) assert.ok(problem.line >= 1 && problem.column >= 1);
  }
  const json = JSON.stringify({ $schema: `${baseUrl}/schema.json`, concepts: [{ id: 'a', en: 'modern industrial base' }] });
  assert.equal(loadTermbaseText(json, 'remote-schema.json').concepts.length, 1);
  parseConfigText(JSON.stringify({ $schema: `${baseUrl}/config-schema.json`, termbases: [`${baseUrl}/termbase.json`] }), '.brieflint.json');
  await settle();
  assert.deepEqual(requests, [], 'nothing was fetched');
});

test('the CLI given a hostile TBX termbase fetches nothing, leaks nothing and reports problems on one line each', async () => {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'brieflint-xxe-'));
  try {
    const fileUrl = pathToFileURL(SECRET_FILE).href;
    const tbx = `<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM "${fileUrl}"> <!ENTITY % p SYSTEM "${baseUrl}/cli"> %p;\n  ${BOMB_ENTITIES}\n]>\n<martif xml:lang="en"><text><body>\n<termEntry id="xxe"><langSet xml:lang="en"><tig><term>&xxe; &lol9;</term></tig></langSet></termEntry>\n${GOOD_ENTRY}\n</body></text></martif>\n`;
    writeFileSync(path.join(dir, 'evil.tbx'), tbx);
    writeFileSync(path.join(dir, 'brief.md'), 'A modern industrial base (现代化产业体系) matters.\n');
    const result = spawnSync(process.execPath, [cli, 'check', '--termbase', 'evil.tbx', 'brief.md'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    await settle();
    assert.deepEqual(requests, [], 'nothing was fetched');
    assert.ok(!`${result.stdout}${result.stderr}`.includes(SECRET_MARKER), 'the secret did not leak');
    assert.match(result.stderr, /^evil\.tbx:\d+:\d+: error: XML error: external entity &xxe; is never resolved/m);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(result.status === 0 || result.status === 1, `the check ran (exit ${result.status}): ${result.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a termbase with 2,000 bad entries among 4,000 loads its 2,000 good ones, reports each bad one on its own line, and loads in under 0.8 s', (t) => {
  checkBadEntries(t, 4_000, 800);
});

test('a deeply nested or enormous value does not bring a loader down', () => {
  const cases: [string, string][] = [
    ['deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['deep.json', `{"concepts":[${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}]}`],
    ['deep.tbx', `<martif>${'<x>'.repeat(5_000)}${'</x>'.repeat(5_000)}</martif>`],
    ['long.json', JSON.stringify({ concepts: [{ id: 'x', en: 'a'.repeat(2_000_000) }] })],
    ['long.csv', `id,en\nx,"${'a'.repeat(2_000_000)}"\n`],
    ['quotes.csv', '"'.repeat(1_000_000)],
    ['commas.csv', `id,en\n${','.repeat(1_000_000)}\n`],
    ['lt.tbx', '<'.repeat(1_000_000)],
    ['amp.tbx', `<martif>${'&'.repeat(1_000_000)}</martif>`],
  ];
  for (const [name, text] of cases) {
    const ms = cpuTimeOf(() => checkTermbaseInput(text, name));
    assert.ok(ms < 1000, `${name} (${text.length} characters) took ${Math.round(ms)} ms CPU`);
  }
});

test('50,000 nested TBX elements load in under a second', () => {
  const text = `<martif>${'<x>'.repeat(50_000)}${'</x>'.repeat(50_000)}</martif>`;
  const ms = cpuTimeOf(() => checkTermbaseInput(text, 'deep.tbx'));
  assert.ok(ms < 1000, `deep.tbx (${text.length} characters) took ${Math.round(ms)} ms CPU`);
});
