/**
 * Protocol tests for term/workspace-inconsistent: briefs of one workspace
 * folder that render a concept differently, open in the editor or on disk.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { Session, editsFor, ensureBuilt, fileUri, makeWorkspace, startServer, textAt } from './lspClient';

const BASE = 'Xi wants a modernized industrial base (现代化产业体系) that is complete and secure.\n';
const SYSTEM = 'Planners say the modernized industrial system (现代化产业体系) must be secure.\n\nA modernized industrial system is the goal.\n';
const UNRELATED = 'This brief is about something else entirely.\n';
const RULE = 'term/workspace-inconsistent';

let session: Session;
let workspace: ReturnType<typeof makeWorkspace>;
const uriOf = (name: string) => fileUri(path.join(workspace.dir, name));
const ofRule = (d: Diagnostic[]) => d.filter((x) => x.code === RULE);

before(async () => {
  ensureBuilt();
  workspace = makeWorkspace({
    'a.md': BASE,
    'series/c.md': BASE,
    'b.md': SYSTEM,
    'notes.txt': UNRELATED,
    'node_modules/pkg/readme.md': SYSTEM.replace('system', 'systems'),
  });
  session = await startServer({ folder: workspace.dir, settings: {}, canWatchFiles: true });
});

after(async () => {
  await session?.stop();
  workspace?.remove();
});

test('reports a brief whose rendering differs from the other briefs on disk, pointing at them', async () => {
  await session.open(uriOf('b.md'), SYSTEM);
  const diagnostics = await session.waitForDiagnostics(uriOf('b.md'), (d) => ofRule(d).length > 0, 'a workspace finding');
  const [finding] = ofRule(diagnostics);
  assert.equal(finding!.severity, 3, 'information by default');
  assert.equal(textAt(SYSTEM, finding!.range), 'modernized industrial system');
  assert.match(finding!.message, /^"modernized industrial system" renders the same concept as "modernized industrial base" in (a\.md|series\/c\.md) \(line 1\) and 1 other brief; briefs in a series should agree$/);
  const related = finding!.relatedInformation!.map((r) => r.location.uri).sort();
  assert.deepEqual(related, [uriOf('a.md'), uriOf('series/c.md')]);
  assert.ok(finding!.codeDescription!.href.endsWith('#term-workspace-inconsistent'));
});

test('offers to adopt the other briefs\u2019 rendering throughout the brief', async () => {
  const uri = uriOf('b.md');
  const [finding] = ofRule(session.diagnostics.get(uri)!.diagnostics);
  const actions = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: finding!.range, context: { diagnostics: [finding] } });
  const adopt = actions.find((a) => a.title === 'Use "modernized industrial base" throughout this brief, as the other briefs do');
  assert.ok(adopt, actions.map((a) => a.title).join('\n'));
  const version = await session.applyEdits(uri, editsFor(adopt.edit, uri));
  assert.equal(session.text(uri), SYSTEM.replaceAll('modernized industrial system', 'modernized industrial base'));
  await session.save(uri);
  const after = await session.waitForDiagnostics(uri, () => true, 'diagnostics after adopting', version);
  assert.deepEqual(ofRule(after), []);
});

test('an open brief is compared with its live text, and the other open briefs follow', async () => {
  const b = uriOf('b.md');
  const a = uriOf('a.md');
  await session.open(a, BASE);
  await session.waitForDiagnostics(a, (d) => ofRule(d).length === 0, 'a.md without workspace findings');
  const version = await session.replace(b, SYSTEM);
  await session.save(b);
  await session.waitForDiagnostics(b, (d) => ofRule(d).length === 1, 'b.md with a workspace finding again', version);
  const aDiagnostics = await session.waitForDiagnostics(a, (d) => ofRule(d).length === 1, 'a.md to learn of b.md');
  assert.match(ofRule(aDiagnostics)[0]!.message, /renders the same concept as "modernized industrial system" in b\.md \(line 1\)/);
});

test('a change on disk to a brief that is not open is picked up from the watched-files notification', async () => {
  const b = uriOf('b.md');
  const c = path.join(workspace.dir, 'series', 'c.md');
  fs.writeFileSync(c, SYSTEM);
  await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(c), type: 2 }] });
  // Now a.md is the odd one out; b.md agrees with c.md, and only a.md (open) disagrees.
  const diagnostics = await session.waitForDiagnostics(b, (d) => ofRule(d).length === 1 && ofRule(d)[0]!.relatedInformation!.length === 1, 'b.md to see only a.md differ');
  assert.equal(ofRule(diagnostics)[0]!.relatedInformation![0]!.location.uri, uriOf('a.md'));
});

test('can be silenced for one line like any rule, and turned off in the settings', async () => {
  const b = uriOf('b.md');
  const silenced = `<!-- brieflint-disable-next-line ${RULE} -->\n${SYSTEM}`;
  const version = await session.replace(b, silenced);
  await session.save(b);
  await session.waitForDiagnostics(b, (d) => ofRule(d).length === 0, 'the silenced finding to go', version);
  await session.replace(b, SYSTEM);
  await session.save(b);
  await session.waitForDiagnostics(b, (d) => ofRule(d).length === 1, 'the finding to return');
  await session.changeSettings({ workspaceConsistency: false });
  await session.waitForDiagnostics(b, (d) => ofRule(d).length === 0, 'the finding to go with the setting off');
  await session.changeSettings({ rules: { [RULE]: 'warning' } });
  const back = await session.waitForDiagnostics(b, (d) => ofRule(d).length === 1, 'the finding back as a warning');
  assert.equal(ofRule(back)[0]!.severity, 2);
});
