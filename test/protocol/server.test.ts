/**
 * Protocol tests: the bundled server over --stdio, driven as an editor drives it.
 * Build first (`node esbuild.mjs`); `ensureBuilt` rebuilds a stale bundle.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, Location, MarkupContent } from 'vscode-languageserver/node';
import { ROOT, Session, editsFor, ensureBuilt, fileUri, makeWorkspace, positionOf, startServer, textAt } from './lspClient';

const SAMPLE = fs.readFileSync(path.join(ROOT, 'samples', 'nswn-brief.md'), 'utf8');

let session: Session;
let workspace: ReturnType<typeof makeWorkspace>;
let sampleUri: string;
/** A fresh copy of the sample under a new name, so that tests do not see each other's edits. */
let copies = 0;
async function openSampleCopy(): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = fileUri(workspace.write(`copy-${++copies}.md`, SAMPLE));
  await session.open(uri, SAMPLE);
  const diagnostics = await session.waitForDiagnostics(uri, (d) => d.length > 0);
  return { uri, diagnostics };
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

function find(diagnostics: Diagnostic[], rule: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === rule);
  assert.ok(found, `expected a ${rule} diagnostic among ${diagnostics.map((d) => d.code).join(', ')}`);
  return found;
}

before(async () => {
  ensureBuilt();
  // Only the sample lives in this workspace: workspace consistency has nothing to compare it with.
  workspace = makeWorkspace({ 'nswn-brief.md': SAMPLE });
  session = await startServer({ folder: workspace.dir, settings: { workspaceConsistency: false } });
  sampleUri = fileUri(path.join(workspace.dir, 'nswn-brief.md'));
  await session.open(sampleUri, SAMPLE);
});

after(async () => {
  await session?.stop();
  workspace?.remove();
});

describe('initialize', () => {
  test('announces incremental sync, hover, completion, definition, symbols, code actions and commands', () => {
    const capabilities = session.initializeResult.capabilities;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.completionProvider, { resolveProvider: true });
    assert.equal(capabilities.definitionProvider, true);
    assert.ok(capabilities.documentSymbolProvider);
    const kinds = (capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.deepEqual(kinds, ['quickfix', 'source.fixAll.brieflint', 'source.brieflint.renumberNotes']);
    assert.deepEqual(capabilities.executeCommandProvider?.commands, ['brieflint.server.addTerm', 'brieflint.server.renumberNotes']);
  });
});

describe('diagnostics', () => {
  test('arrive on open with the rule id as code, a link to its documentation, and the fixes in data', async () => {
    const diagnostics = await session.waitForDiagnostics(sampleUri, (d) => d.length > 0);
    for (const d of diagnostics) {
      assert.equal(d.source, 'brieflint');
      assert.match(String(d.code), /^(term|acronym|footnote)\//);
      assert.match(d.codeDescription!.href, /^file:\/\/.*\/docs\/rules\.md#[a-z-]+$/);
    }
    const deprecated = find(diagnostics, 'term/deprecated');
    assert.equal(textAt(SAMPLE, deprecated.range), 'dual cycle strategy');
    assert.equal(deprecated.severity, 2);
    assert.ok(deprecated.codeDescription!.href.endsWith('/docs/rules.md#term-deprecated'));
    const data = deprecated.data as { version: number; fixes: { title: string; isPreferred?: boolean; edits: { newText: string }[] }[] };
    assert.equal(data.version, 1);
    assert.equal(data.fixes[0]!.edits[0]!.newText, 'dual circulation strategy');
    assert.equal(data.fixes[0]!.isPreferred, true);

    const nearMiss = find(diagnostics, 'term/near-miss');
    assert.equal(textAt(SAMPLE, nearMiss.range), 'NWNS');
    const inconsistent = find(diagnostics, 'term/inconsistent');
    assert.equal(textAt(SAMPLE, inconsistent.range), 'modernized industrial system');
    assert.equal(inconsistent.relatedInformation?.[0]?.location.uri, sampleUri);
    assert.equal(textAt(SAMPLE, inconsistent.relatedInformation![0]!.location.range), 'modernized industrial base');
  });

  test('skip code spans and link destinations: no diagnostic on the NWNS written in code or a URL', async () => {
    const diagnostics = await session.waitForDiagnostics(sampleUri, (d) => d.length > 0);
    const codeLine = positionOf(SAMPLE, '`NWNS`').line;
    assert.deepEqual(
      diagnostics.filter((d) => d.range.start.line === codeLine),
      [],
    );
  });

  test('refresh on save after an edit (run: onSave), for the new version', async () => {
    const { uri } = await openSampleCopy();
    const version = await session.replace(uri, SAMPLE.replace('dual cycle strategy', 'dual circulation strategy'));
    await session.save(uri);
    const diagnostics = await session.waitForDiagnostics(uri, () => true, 'diagnostics after save', version);
    assert.equal(diagnostics.some((d) => d.code === 'term/deprecated'), false);
    assert.ok(diagnostics.some((d) => d.code === 'term/near-miss'));
  });
});

describe('hover', () => {
  test('on a deprecated term shows the glossary card with the form status', async () => {
    const hover = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, 'dual cycle strategy', 1, 5) });
    const text = hoverText(hover);
    assert.match(text, /\*\*dual circulation strategy\*\*/);
    assert.match(text, /双循环/);
    assert.match(text, /traditional 雙循環/);
    assert.match(text, /shuāng xúnhuán/);
    assert.match(text, /"dual cycle strategy" is deprecated: use "dual circulation strategy"/);
    assert.match(text, /\*\*Source:\*\* Whole-of-Nation Innovation \(2024\)/);
    assert.equal(textAt(SAMPLE, hover!.range!), 'dual cycle strategy');
  });

  test('on hanzi names the Chinese term and keeps the two industrial bases apart', async () => {
    const modern = hoverText(await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, '(现代产业体系)', 1, 2) }));
    assert.match(modern, /\*\*modern industrial base\*\*/);
    assert.match(modern, /现代产业体系 is the Chinese term \(simplified\) for "modern industrial base"/);
    const modernized = hoverText(await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, '(现代化产业体系)', 1, 2) }));
    assert.match(modernized, /\*\*modernized industrial base\*\*/);
    assert.doesNotMatch(modernized, /\*\*modern industrial base\*\*/);
  });

  test('on an acronym the document defines shows its expansion and where it is defined', async () => {
    const atDefinition = hoverText(await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, '(CCFEA)', 1, 2) }));
    assert.match(atDefinition, /\*\*CCFEA\*\*: Central Commission for Financial and Economic Affairs/);
    const definitionLine = positionOf(SAMPLE, '(CCFEA)').line + 1;
    assert.match(atDefinition, new RegExp(`Defined here \\(line ${definitionLine}\\)`));
    const atEarlierUse = hoverText(await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, 'the CCFEA', 1, 6) }));
    assert.match(atEarlierUse, new RegExp(`Defined only later, on line ${definitionLine}`));
  });

  test('on a note marker shows the text of the note', async () => {
    const text = hoverText(await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, '[^2]', 1, 2) }));
    assert.match(text, /\*\*Note 2\*\*/);
    assert.match(text, /Speech on self-reliance in key and core technologies, 2016\./);
  });

  test('on a marker whose note is missing says so', async () => {
    const text = hoverText(await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, '[^4]', 1, 2) }));
    assert.match(text, /\*\*Note 4\*\* has no entry in the notes list/);
  });

  test('on plain prose is empty', async () => {
    const hover = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, 'Beijing now frames', 1, 2) });
    assert.equal(hover, null);
  });
});

describe('code actions', () => {
  async function actionsFor(uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    return session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
    });
  }

  test('offer the preferred replacement as a quick-fix whose edit gives the right text', async () => {
    const { uri, diagnostics } = await openSampleCopy();
    const actions = await actionsFor(uri, find(diagnostics, 'term/deprecated'));
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    assert.equal(preferred[0]!.kind, 'quickfix');
    const version = await session.applyEdits(uri, editsFor(preferred[0]!.edit, uri));
    assert.equal(session.text(uri), SAMPLE.replace('dual cycle strategy', 'dual circulation strategy'));
    await session.save(uri);
    const after = await session.waitForDiagnostics(uri, () => true, 'diagnostics after the fix', version);
    assert.equal(after.some((d) => d.code === 'term/deprecated'), false);
  });

  test('offer the fixes of the findings under the cursor when the client sends no diagnostics with the request', async () => {
    const { uri, diagnostics } = await openSampleCopy();
    const target = find(diagnostics, 'term/deprecated');
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: target.range.start, end: target.range.start },
      context: { diagnostics: [] },
    });
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, `actions: ${actions.map((a) => a.title).join(', ')}`);
    await session.applyEdits(uri, editsFor(preferred[0]!.edit, uri));
    assert.equal(session.text(uri), SAMPLE.replace('dual cycle strategy', 'dual circulation strategy'));
    const elsewhere = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(elsewhere.map((a) => a.title), [], 'the front matter has no finding, so no fix');
  });

  test('silence a rule with a comment that the engine then honours', async () => {
    const { uri, diagnostics } = await openSampleCopy();
    const target = find(diagnostics, 'term/deprecated');
    const silence = (await actionsFor(uri, target)).find((a) => a.title === 'Silence term/deprecated on this line');
    assert.ok(silence);
    const version = await session.applyEdits(uri, editsFor(silence.edit, uri));
    const text = session.text(uri);
    // Inside a paragraph, a comment line would split it: the comment goes at the end of the line.
    assert.equal(text.split('\n')[target.range.start.line], `${SAMPLE.split('\n')[target.range.start.line]} <!-- brieflint-disable-line term/deprecated -->`);
    assert.equal(text.replace(' <!-- brieflint-disable-line term/deprecated -->', ''), SAMPLE);
    await session.save(uri);
    const after = await session.waitForDiagnostics(uri, () => true, 'diagnostics after silencing', version);
    assert.equal(after.some((d) => d.code === 'term/deprecated'), false);
    assert.ok(after.some((d) => d.code === 'term/near-miss'), 'other rules still report');
  });

  test('silence at the start of a paragraph puts the comment on its own line above', async () => {
    const text = 'Intro.\n\nThe dual cycle strategy was announced in 2020.\n';
    const uri = fileUri(workspace.write('silence-above.md', text));
    await session.open(uri, text);
    const diagnostics = await session.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'term/deprecated'));
    const silence = (await actionsFor(uri, find(diagnostics, 'term/deprecated'))).find((a) => a.title.startsWith('Silence'));
    const version = await session.applyEdits(uri, editsFor(silence!.edit, uri));
    assert.equal(session.text(uri), 'Intro.\n\n<!-- brieflint-disable-next-line term/deprecated -->\nThe dual cycle strategy was announced in 2020.\n');
    await session.save(uri);
    const after = await session.waitForDiagnostics(uri, () => true, 'diagnostics after silencing', version);
    assert.deepEqual(after.filter((d) => d.code === 'term/deprecated'), []);
  });

  test('fix all of one rule in the document in one edit', async () => {
    const text = 'The dual cycle strategy matters.\n\nThe Dual cycle strategy of 2020, and the dual cycle strategy since.\n';
    const uri = fileUri(workspace.write('fix-all-rule.md', text));
    await session.open(uri, text);
    const diagnostics = await session.waitForDiagnostics(uri, (d) => d.filter((x) => x.code === 'term/deprecated').length === 3);
    const all = (await actionsFor(uri, diagnostics[0]!)).find((a) => a.title === 'Fix all 3 term/deprecated problems in this document');
    assert.ok(all);
    await session.applyEdits(uri, editsFor(all.edit, uri));
    assert.equal(session.text(uri), 'The dual circulation strategy matters.\n\nThe Dual circulation strategy of 2020, and the dual circulation strategy since.\n');
  });

  test('source.fixAll.brieflint applies the preferred fix of every error and warning, leaving none with an obvious fix', async () => {
    const { uri } = await openSampleCopy();
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.brieflint');
    const version = await session.applyEdits(uri, editsFor(actions[0]!.edit, uri));
    const text = session.text(uri);
    assert.ok(text.includes('dual circulation strategy'));
    assert.ok(text.includes('the NSWN as the'), 'the near-miss is corrected');
    assert.ok(text.includes('(NSWN, 新型举国体制)'), 'a hint (the acronym looked unused) is left alone');
    await session.save(uri);
    const after = await session.waitForDiagnostics(uri, () => true, 'diagnostics after fix all', version);
    const stillFixable = after.filter((d) => d.severity! <= 2 && (d.data as { fixes: { isPreferred?: boolean }[] }).fixes.some((f) => f.isPreferred));
    assert.deepEqual(stillFixable.map((d) => `${d.code}: ${d.message}`), []);
  });

  test('are not offered as source actions unless asked for', async () => {
    const { uri, diagnostics } = await openSampleCopy();
    const actions = await actionsFor(uri, find(diagnostics, 'term/deprecated'));
    assert.equal(actions.some((a) => a.kind?.startsWith('source')), false);
  });

  test('renumber the notes in order of first reference, markers and list together', async () => {
    const { uri, diagnostics } = await openSampleCopy();
    assert.ok(diagnostics.some((d) => d.code === 'footnote/order'));
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.brieflint.renumberNotes'] },
    });
    assert.equal(actions.length, 1);
    const version = await session.applyEdits(uri, editsFor(actions[0]!.edit, uri));
    const text = session.text(uri);
    assert.ok(text.indexOf('[^3]') < text.indexOf('[^4]'), 'the first-cited of the two is now 3');
    await session.save(uri);
    const after = await session.waitForDiagnostics(uri, () => true, 'diagnostics after renumbering', version);
    assert.equal(after.some((d) => d.code === 'footnote/order'), false);
  });

  test('a footnote/order problem offers renumbering once, as its preferred fix, without a copy of it in every diagnostic', async () => {
    const { uri, diagnostics } = await openSampleCopy();
    const order = find(diagnostics, 'footnote/order');
    const data = order.data as { fixes: { title: string }[]; isFixedByRenumbering?: boolean };
    assert.deepEqual(data.fixes.map((f) => f.title), [], 'the renumber edits do not travel in the diagnostic');
    assert.equal(data.isFixedByRenumbering, true);
    const actions = await actionsFor(uri, order);
    const renumber = actions.filter((a) => a.title === 'Renumber all notes in order of first citation');
    assert.equal(renumber.length, 1, actions.map((a) => a.title).join(', '));
    assert.equal(renumber[0]!.isPreferred, true);
    await session.applyEdits(uri, editsFor(renumber[0]!.edit, uri));
    const text = session.text(uri);
    assert.ok(text.indexOf('[^3]') < text.indexOf('[^4]'), 'the first-cited of the two is now 3');
  });

  test('a stale diagnostic is matched against the current text, never applied at old offsets', async () => {
    const { uri, diagnostics } = await openSampleCopy();
    const stale = find(diagnostics, 'term/deprecated');
    // Insert a line at the top: the stale diagnostic's range now points one line too high.
    const shifted = `New first line.\n${SAMPLE}`;
    await session.replace(uri, shifted);
    const moved = { ...stale, range: { start: { ...stale.range.start, line: stale.range.start.line + 1 }, end: { ...stale.range.end, line: stale.range.end.line + 1 } } };
    const actions = await actionsFor(uri, moved);
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred);
    await session.applyEdits(uri, editsFor(preferred.edit, uri));
    assert.equal(session.text(uri), shifted.replace('dual cycle strategy', 'dual circulation strategy'));
  });
});

describe('completion, definition, symbols', () => {
  test('completion offers termbase terms labelled with the preferred form, hanzi and definition in the detail', async () => {
    const result = await session.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, 'Beijing now', 1, 7) });
    const items = Array.isArray(result) ? result : result.items;
    const nswn = items.find((i) => i.label === 'new-style whole-of-nation system');
    assert.ok(nswn);
    assert.match(nswn.detail!, /^新型举国体制 — Xi-era update/);
    const acronym = items.find((i) => i.label === 'NSWN');
    assert.ok(acronym);
    assert.match(acronym.detail!, /new-style whole-of-nation system/);
    const miit = items.find((i) => i.label === 'MIIT');
    assert.ok(miit, 'an acronym the termbase or the document defines');
    const resolved = await session.request<CompletionItem>('completionItem/resolve', nswn);
    assert.match((resolved.documentation as MarkupContent).value, /\*\*Usage:\*\* Distinct from the older whole-of-nation system/);
  });

  test('completion inside a code span is empty', async () => {
    const result = await session.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, '`NWNS`', 1, 2) });
    assert.deepEqual(result, []);
  });

  test('definition goes from a note marker to its note and from an acronym to its definition', async () => {
    const note = await session.request<Location[]>('textDocument/definition', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, '[^2]', 1, 1) });
    assert.equal(note.length, 1);
    assert.equal(note[0]!.range.start.line, positionOf(SAMPLE, '[^2]:').line);
    const acronym = await session.request<Location[]>('textDocument/definition', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, 'the CCFEA', 1, 5) });
    assert.equal(acronym.length, 1);
    assert.equal(textAt(SAMPLE, acronym[0]!.range), 'CCFEA');
    assert.deepEqual(acronym[0]!.range.start, positionOf(SAMPLE, '(CCFEA)', 1, 1));
  });

  test('document symbols list the notes under one outline entry', async () => {
    const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: sampleUri } });
    const notes = symbols.find((s) => s.name === 'Notes');
    assert.ok(notes);
    assert.deepEqual(notes.children?.map((c) => c.name), ['1', '2', '3', '5']);
  });
});

describe('robustness', () => {
  test('a request on an unknown document gets an empty answer and the server stays up', async () => {
    const unknown = { uri: 'file:///nowhere/missing.md' };
    const position = { line: 0, character: 0 };
    assert.equal(await session.request('textDocument/hover', { textDocument: unknown, position }), null);
    assert.deepEqual(await session.request('textDocument/completion', { textDocument: unknown, position }), []);
    assert.deepEqual(await session.request('textDocument/definition', { textDocument: unknown, position }), []);
    assert.deepEqual(await session.request('textDocument/documentSymbol', { textDocument: unknown }), []);
    assert.deepEqual(await session.request('textDocument/codeAction', { textDocument: unknown, range: { start: position, end: position }, context: { diagnostics: [] } }), []);
    const hover = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, 'dual cycle strategy', 1, 1) });
    assert.ok(hover);
  });

  test('a malformed request is logged with its stack and answered empty', async () => {
    const answer = await session.request('textDocument/hover', { textDocument: { uri: sampleUri } });
    assert.equal(answer, null);
    await session.waitFor('the error in the log', () => session.logs.find((l) => l.startsWith('hover failed:') && l.includes('    at ')));
    const hover = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: positionOf(SAMPLE, 'dual cycle strategy', 1, 1) });
    assert.ok(hover);
  });

  test('runs over IPC too', async () => {
    const ipc = await startServer({ transport: 'ipc', folder: workspace.dir });
    try {
      assert.equal(ipc.initializeResult.capabilities.hoverProvider, true);
      await ipc.open(sampleUri, SAMPLE);
      const diagnostics = await ipc.waitForDiagnostics(sampleUri, (d) => d.length > 0);
      assert.ok(diagnostics.some((d) => d.code === 'term/deprecated'));
    } finally {
      await ipc.stop();
    }
  });
});
