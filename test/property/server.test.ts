/**
 * The language server stays up through random sequences of LSP messages
 * (opens, incremental edits with random and out-of-range ranges, hover, code
 * actions, completion, configuration changes, termbase and config edits on
 * disk, closes, commands with bad arguments, requests for unknown documents
 * and out-of-range positions), no handler fails, and afterwards it still
 * answers correctly on a known document. Its memory does not grow over edit
 * cycles.
 *
 * Needs dist/server.js (built if missing). Budget: 10 sequences of up to 80
 * messages, each on a fresh server, and 1,500 edit cycles for memory (about
 * 10 s); `npm run fuzz` runs more sequences and 10,000 edit cycles.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ROOT } from './support/engine';
import { seedFor } from './support/runner';
import { SERVER } from './support/lspSession';
import { assertNoLeak, checkServerSequence, describeMemory, measureServerMemory, serverAction } from './support/serverProperty';

before(() => {
  if (!existsSync(SERVER)) {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, `the server builds: ${build.stderr}`);
  }
});

test('the server stays up through random LSP message sequences and then answers correctly on a known document', async (t) => {
  const seed = seedFor('server/message-sequences') ?? (Date.now() | 0);
  const details = await fc.check(
    fc.asyncProperty(fc.array(serverAction(), { minLength: 10, maxLength: 80 }), async (actions) => {
      await checkServerSequence(actions);
      return true;
    }),
    { numRuns: 10, seed, plugins: [fc.interruptAfterTimeLimit(60_000)] },
  );
  t.diagnostic(`${details.numRuns} sequences (seed ${details.seed}; replay with FC_SEED=${details.seed})`);
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance);
    assert.fail(`${fc.defaultReportMessage(details)}\n${error}`);
  }
});

test('the server memory does not grow over 1,500 edit cycles', async (t) => {
  const text = readFileSync(path.join(ROOT, 'samples', 'nswn-brief.md'), 'utf8');
  const outcome = await measureServerMemory(1_500, 400, text);
  t.diagnostic(describeMemory(outcome));
  assertNoLeak(outcome);
});
