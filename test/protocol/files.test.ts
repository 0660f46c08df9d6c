/**
 * Protocol tests for settings, the workspace config file, termbase files
 * (reload, broken, problems on the file) and adding a term to the workspace
 * termbase. Each workspace is a temporary folder.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Hover, MarkupContent } from 'vscode-languageserver/node';
import { Session, ensureBuilt, fileUri, makeWorkspace, positionOf, startServer, textAt } from './lspClient';

const HOUSE_TERMBASE = `{
  // The house termbase: comments and this layout must survive edits by BriefLint.
  "name": "House terms",
  "concepts": [
    {"id": "innovation-consortium", "zh": "创新联合体", "en": "innovation consortium", "deprecated": ["innovation alliance"]}
  ]
}
`;

const CONFIG = `{
  "termbases": ["terminology/house.json"],
  "rules": { "term/near-miss": "off" }
}
`;

const DRAFT = `# Draft

Firms now join an innovation alliance (创新联合体) that the NWNS steers, and the dual cycle strategy frames it.

Planners also speak of new quality productive forces (新质生产力).
`;

before(() => ensureBuilt());

describe('settings and the workspace config file', () => {
  let session: Session;
  let workspace: ReturnType<typeof makeWorkspace>;
  let uri: string;

  before(async () => {
    workspace = makeWorkspace({ '.brieflint.json': CONFIG, 'terminology/house.json': HOUSE_TERMBASE, 'draft.md': DRAFT });
    session = await startServer({ folder: workspace.dir, settings: {} });
    uri = fileUri(path.join(workspace.dir, 'draft.md'));
    await session.open(uri, DRAFT);
  });

  after(async () => {
    await session?.stop();
    workspace?.remove();
  });

  test('.brieflint.json adds its termbase after the bundled one and sets rule severities', async () => {
    const diagnostics = await session.waitForDiagnostics(uri, (d) => d.length > 0);
    const deprecated = diagnostics.filter((d) => d.code === 'term/deprecated').map((d) => textAt(DRAFT, d.range));
    assert.deepEqual(deprecated, ['innovation alliance', 'dual cycle strategy']);
    assert.equal(diagnostics.some((d) => d.code === 'term/near-miss'), false, 'term/near-miss is off in .brieflint.json');
  });

  test('a configuration change is pulled again and applied; the config file wins over the settings', async () => {
    const next = session.nextDiagnostics(uri);
    await session.changeSettings({ rules: { 'term/deprecated': 'error', 'term/near-miss': 'warning' } });
    const diagnostics = await next();
    const deprecated = diagnostics.filter((d) => d.code === 'term/deprecated');
    assert.equal(deprecated.length, 2);
    assert.ok(deprecated.every((d) => d.severity === 1));
    assert.equal(diagnostics.some((d) => d.code === 'term/near-miss'), false);
    assert.ok(session.configurationRequests.length >= 2, 'settings were requested again');
  });

  test('a bad setting falls back to its default with one warning', async () => {
    const bad = { run: 'sometimes', rules: { 'term/deprecated': 'loud', 'term/no-such-rule': 'error' }, acronyms: { allow: 'WTO' } };
    let next = session.nextDiagnostics(uri);
    await session.changeSettings(bad);
    const diagnostics = await next();
    const warnings = () => session.messages.filter((m) => m.type === 2).map((m) => m.message);
    assert.ok(warnings().some((m) => m.includes('brieflint.run must be "onSave" or "onType", not "sometimes"; using "onSave"')));
    assert.ok(warnings().some((m) => m.includes('brieflint.rules["term/deprecated"] must be error, warning, information, hint or off, not "loud"')));
    assert.ok(warnings().some((m) => m.includes('unknown rule "term/no-such-rule"')));
    assert.ok(warnings().some((m) => m.includes('brieflint.acronyms.allow must be a list of acronyms')));
    assert.ok(diagnostics.filter((d) => d.code === 'term/deprecated').every((d) => d.severity === 2), 'the default severity is used');
    const count = warnings().length;
    next = session.nextDiagnostics(uri);
    await session.changeSettings({ ...bad });
    await next();
    assert.equal(warnings().length, count, 'the same warnings are not shown twice');
  });

  test('an edit to .brieflint.json applies without a restart', async () => {
    await session.changeSettings({});
    fs.writeFileSync(path.join(workspace.dir, '.brieflint.json'), CONFIG.replace('"term/near-miss": "off"', '"term/near-miss": "error"'));
    const diagnostics = await session.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'term/near-miss'), 'a near-miss after the config edit');
    assert.equal(diagnostics.find((d) => d.code === 'term/near-miss')!.severity, 1);
  });

  test('problems in .brieflint.json are shown on the file itself', async () => {
    const configUri = fileUri(path.join(workspace.dir, '.brieflint.json'));
    fs.writeFileSync(path.join(workspace.dir, '.brieflint.json'), '{\n  "termbases": ["terminology/house.json"],\n  "rulez": {}\n}\n');
    const problems = await session.waitForDiagnostics(configUri, (d) => d.length > 0);
    assert.match(problems[0]!.message, /unknown setting "rulez"/);
    assert.equal(problems[0]!.range.start.line, 2);
  });
});

test('with run: onType, an edit is checked without a save', async () => {
  // Workspace consistency is off so that no background re-check (after the folder is listed) can explain the result.
  const workspace = makeWorkspace({ 'draft.md': DRAFT });
  const session = await startServer({ folder: workspace.dir, settings: { run: 'onType', workspaceConsistency: false } });
  try {
    const uri = fileUri(path.join(workspace.dir, 'draft.md'));
    await session.open(uri, DRAFT);
    await session.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'term/deprecated'), 'diagnostics on open', 1);
    const version = await session.replace(uri, DRAFT.replace('dual cycle strategy', 'dual circulation strategy'));
    const diagnostics = await session.waitForDiagnostics(uri, () => true, 'diagnostics of the unsaved edit', version);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'term/deprecated'), []);
  } finally {
    await session.stop();
    workspace.remove();
  }
});

describe('termbase files', () => {
  let session: Session;
  let workspace: ReturnType<typeof makeWorkspace>;
  let uri: string;
  let termbaseFile: string;
  let termbaseUri: string;

  before(async () => {
    workspace = makeWorkspace({ '.brieflint.json': CONFIG, 'terminology/house.json': HOUSE_TERMBASE, 'draft.md': DRAFT });
    termbaseFile = path.join(workspace.dir, 'terminology', 'house.json');
    termbaseUri = fileUri(termbaseFile);
    session = await startServer({ folder: workspace.dir, settings: {} });
    uri = fileUri(path.join(workspace.dir, 'draft.md'));
    await session.open(uri, DRAFT);
    await session.waitForDiagnostics(uri, (d) => d.some((x) => textAt(DRAFT, x.range) === 'innovation alliance'));
  });

  after(async () => {
    await session?.stop();
    workspace?.remove();
  });

  test('an edit to a termbase file reloads it', async () => {
    fs.writeFileSync(termbaseFile, HOUSE_TERMBASE.replace('"innovation alliance"', '"innovation league"'));
    const diagnostics = await session.waitForDiagnostics(uri, (d) => !d.some((x) => textAt(DRAFT, x.range) === 'innovation alliance'), 'the deprecated form to go');
    assert.ok(diagnostics.some((d) => d.code === 'term/deprecated' && textAt(DRAFT, d.range) === 'dual cycle strategy'), 'the bundled termbase is still in force');
    fs.writeFileSync(termbaseFile, HOUSE_TERMBASE);
    await session.waitForDiagnostics(uri, (d) => d.some((x) => textAt(DRAFT, x.range) === 'innovation alliance'), 'the deprecated form to come back');
  });

  test('a broken termbase shows its problems on the file and the last good version stays in force', async () => {
    fs.writeFileSync(termbaseFile, '{\n  "concepts": [\n    {"id": "innovation-consortium", "zh": "创新联合体", "en": \n');
    const problems = await session.waitForDiagnostics(termbaseUri, (d) => d.some((x) => x.severity === 1));
    assert.ok(problems.some((d) => /JSON syntax error/.test(d.message)), problems.map((d) => d.message).join('\n'));
    assert.ok(problems.some((d) => /keeps using the last version that loaded without errors \(1 concepts\)/.test(d.message)));
    const hover = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(DRAFT, 'innovation alliance', 1, 3) });
    assert.match((hover!.contents as MarkupContent).value, /"innovation alliance" is deprecated: use "innovation consortium"/);
    const diagnostics = session.diagnostics.get(uri)!.diagnostics;
    assert.ok(diagnostics.some((d) => textAt(DRAFT, d.range) === 'innovation alliance'));

    fs.writeFileSync(termbaseFile, HOUSE_TERMBASE.replace('"innovation consortium"', '"innovation union"'));
    await session.waitForDiagnostics(termbaseUri, (d) => d.length === 0, 'the problems to clear');
    await session.waitForDiagnostics(uri, (d) => d.some((x) => /use "innovation union"/.test(x.message)), 'the repaired termbase to apply');
  });

  test('a merge conflict with another termbase is shown on the entry that caused it, with the range of its text', async () => {
    // Its own text has no problems (the server keeps no copy of such a file): the conflict arises when it is merged.
    const text = HOUSE_TERMBASE.replace(
      '\n  ]',
      ',\n    {"id": "clash", "zh": ["新型举国体制", "自立自强"], "en": "clashing term"}\n  ]',
    );
    fs.writeFileSync(termbaseFile, text);
    const problems = await session.waitForDiagnostics(termbaseUri, (d) => d.some((x) => /matches 2 earlier concepts/.test(x.message)), 'the merge conflict');
    const conflict = problems.find((d) => /matches 2 earlier concepts/.test(d.message))!;
    const entryLine = text.split('\n').findIndex((line) => line.includes('"clash"'));
    assert.equal(conflict.range.start.line, entryLine);
    assert.ok(conflict.range.end.character > conflict.range.start.character + 1, 'the range covers a token of the entry, read from the file');
    fs.writeFileSync(termbaseFile, HOUSE_TERMBASE);
    await session.waitForDiagnostics(termbaseUri, (d) => d.length === 0, 'the conflict to clear');
  });

  test('an entry-level problem is reported at its line and the valid entries still load', async () => {
    const text = `{
  "concepts": [
    {"id": "innovation-consortium", "zh": "创新联合体", "en": "innovation consortium", "deprecated": ["innovation alliance"]},
    {"id": "broken", "zh": "坏"}
  ]
}
`;
    // The first load of a file with errors has no earlier version: its valid entries are used.
    const other = path.join(workspace.dir, 'terminology', 'extra.json');
    fs.writeFileSync(other, text);
    fs.writeFileSync(path.join(workspace.dir, '.brieflint.json'), CONFIG.replace('"terminology/house.json"', '"terminology/house.json", "terminology/extra.json"'));
    const problems = await session.waitForDiagnostics(fileUri(other), (d) => d.length > 0);
    const missing = problems.find((d) => /has no preferred English term/.test(d.message));
    assert.ok(missing);
    assert.equal(missing.range.start.line, 3);
  });
});

describe('adding a term to the workspace termbase', () => {
  async function addFromDiagnostic(session: Session, uri: string): Promise<{ result: unknown; action: CodeAction }> {
    const diagnostics = await session.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'term/unknown-zh'));
    const unknown = diagnostics.find((d) => d.code === 'term/unknown-zh')!;
    assert.deepEqual((unknown.data as { payload: unknown }).payload, { zh: '新质生产力', en: 'new quality productive forces' });
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } });
    const action = actions.find((a) => a.command?.command === 'brieflint.server.addTerm');
    assert.ok(action, actions.map((a) => a.title).join('\n'));
    assert.equal(action.title, 'Add 新质生产力 ("new quality productive forces") to the workspace termbase');
    const result = await session.request('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
    return { result, action };
  }

  test('appends to the termbase named in .brieflint.json, keeping its comments and layout', async () => {
    const workspace = makeWorkspace({ '.brieflint.json': CONFIG, 'terminology/house.json': HOUSE_TERMBASE, 'draft.md': DRAFT });
    const session = await startServer({ folder: workspace.dir, settings: {} });
    try {
      const uri = fileUri(path.join(workspace.dir, 'draft.md'));
      await session.open(uri, DRAFT);
      const termbaseFile = path.join(workspace.dir, 'terminology', 'house.json');
      const { result } = await addFromDiagnostic(session, uri);
      assert.deepEqual(result, { file: termbaseFile, id: 'new-quality-productive-forces', isCreated: false });
      const written = fs.readFileSync(termbaseFile, 'utf8');
      const lastEntryEnd = HOUSE_TERMBASE.indexOf('}\n  ]') + 1;
      assert.equal(written.slice(0, lastEntryEnd), HOUSE_TERMBASE.slice(0, lastEntryEnd), 'everything before the new entry is unchanged');
      assert.equal(written.slice(written.lastIndexOf('}\n  ]')), HOUSE_TERMBASE.slice(lastEntryEnd - 1), 'and everything after it');
      assert.match(written, /\n {4}\{"id": "new-quality-productive-forces", "zh": "新质生产力", "en": "new quality productive forces", "source": "draft.md"\}\n {2}\]/);
      await session.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'term/unknown-zh'), 'the term to be known');
    } finally {
      await session.stop();
      workspace.remove();
    }
  });

  test('creates the workspace termbase and registers it in a new .brieflint.json when there is none', async () => {
    const workspace = makeWorkspace({ 'draft.md': DRAFT });
    const session = await startServer({ folder: workspace.dir, settings: {} });
    try {
      const uri = fileUri(path.join(workspace.dir, 'draft.md'));
      await session.open(uri, DRAFT);
      const { result } = await addFromDiagnostic(session, uri);
      const created = path.join(workspace.dir, 'brieflint.termbase.json');
      assert.deepEqual(result, { file: created, id: 'new-quality-productive-forces', isCreated: true });
      assert.deepEqual(JSON.parse(fs.readFileSync(created, 'utf8')), {
        concepts: [{ id: 'new-quality-productive-forces', zh: '新质生产力', en: 'new quality productive forces', source: 'draft.md' }],
      });
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(workspace.dir, '.brieflint.json'), 'utf8')), { termbases: ['brieflint.termbase.json'] });
      const diagnostics = await session.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'term/unknown-zh'), 'the term to be known');
      assert.ok(diagnostics.some((d) => d.code === 'term/near-miss'), 'the new config keeps the default rules');
      const again = await session.request('workspace/executeCommand', { command: 'brieflint.server.addTerm', arguments: [{ uri, zh: '新质 生产力', en: 'new productive forces' }] });
      assert.deepEqual(again, { file: created, id: 'new-quality-productive-forces', isAlreadyPresent: true });
    } finally {
      await session.stop();
      workspace.remove();
    }
  });

  test('refuses to touch a termbase with JSON syntax errors', async () => {
    const broken = '{ "concepts": [ {"id": "a", "en": "b"} ';
    const workspace = makeWorkspace({ '.brieflint.json': CONFIG, 'terminology/house.json': broken, 'draft.md': DRAFT });
    const session = await startServer({ folder: workspace.dir, settings: {} });
    try {
      const uri = fileUri(path.join(workspace.dir, 'draft.md'));
      await session.open(uri, DRAFT);
      const { result } = await addFromDiagnostic(session, uri);
      const file = path.join(workspace.dir, 'terminology', 'house.json');
      assert.deepEqual(result, { file, error: 'cannot add 新质生产力 to terminology/house.json: the termbase is not valid JSON; fix it first (nothing was written)' });
      assert.equal(fs.readFileSync(file, 'utf8'), broken);
      await session.waitFor('a warning', () => session.messages.find((m) => m.type === 2 && m.message.includes('the termbase is not valid JSON')));
    } finally {
      await session.stop();
      workspace.remove();
    }
  });
});

