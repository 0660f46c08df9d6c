/**
 * One server session on one document, with the server's own log: where an
 * edit's time goes. `node --import tsx bench/serverProbe.ts FILE [TERMBASE] [EDITS]`
 * (after `node esbuild.mjs`). Node options: the client's (`SERVER_NODE_OPTIONS`),
 * or `PROBE_NODE_ARGS` when set (empty for none).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';
import { SERVER_NODE_OPTIONS } from '../server/src/lsp/protocol';

async function main() {
  const [source, termbase, editArg] = process.argv.slice(2);
  if (!source) throw new Error('usage: serverProbe.ts FILE [TERMBASE] [EDITS]');
  const folder = path.resolve('bench/results/tmp/probe', path.basename(source));
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, path.basename(source));
  writeFileSync(file, readFileSync(source));
  const client = new LspClient(path.resolve('dist/server.js'), folder, process.env.PROBE_NODE_ARGS !== undefined ? process.env.PROBE_NODE_ARGS.split(' ').filter(Boolean) : [...SERVER_NODE_OPTIONS]);
  await client.initialize([pathToFileURL(folder).href], { run: 'onSave', bundledTermbase: !termbase, termbases: termbase ? [path.resolve(termbase)] : [] });
  const uri = pathToFileURL(file).href;
  const base = readFileSync(file, 'utf8');
  let start = performance.now();
  const opened = client.diagnostics(uri, 1, 180_000);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.md') ? 'markdown' : 'plaintext', version: 1, text: base } });
  const first = await opened;
  console.log(`open → ${first.diagnostics.length} diagnostics: ${(performance.now() - start).toFixed(0)} ms, RSS ${client.residentMegabytes().toFixed(0)} MB`);
  const edits = Number(editArg ?? 5);
  let version = 1;
  for (let k = 1; k <= edits; k++) {
    const at = base.indexOf(' the ', Math.floor((base.length * k) / (edits + 1))) + 4;
    const before = base.slice(0, at);
    const line = before.split('\n').length - 1;
    const character = at - (before.lastIndexOf('\n') + 1);
    version++;
    start = performance.now();
    const fresh = client.diagnostics(uri, version, 60_000);
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }] });
    client.notify('textDocument/didSave', { textDocument: { uri } });
    await fresh;
    console.log(`edit ${k}: ${(performance.now() - start).toFixed(0)} ms`);
  }
  console.log(`RSS ${client.residentMegabytes().toFixed(0)} MB`);
  await client.shutdown();
  console.log(client.stderr.split('\n').filter((l) => /analysed|ms/.test(l)).slice(0, 20).join('\n'));
}

void main();
