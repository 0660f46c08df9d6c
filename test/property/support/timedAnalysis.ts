/**
 * Runs analyses in a child process with a wall-clock deadline per case: a
 * case that overruns is reported as such and the child is replaced, so a
 * quadratic parse of a 100 KB line costs the suite its deadline, not minutes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { DocumentKind } from '../../../server/src/engine/index';
import type { AnalysisReply, AnalysisRequest, RegexReply, RegexRequest } from './analysisChild';

export interface TimedCase {
  label: string;
  kind: DocumentKind;
  text?: string;
  unit?: string;
  count?: number;
}

export type TimedResult = Omit<TimedCase, 'text'> & { timedOut?: boolean; deadlineMs: number; reply?: AnalysisReply };

export class AnalysisChild {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 0;

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const child = fork(path.join(__dirname, 'analysisChild.ts'), [], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.child = child;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: { id: number }) => {
        if (message.id !== -1) return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the analysis child exited with ${code} before it was ready`)));
    });
    return this.ready;
  }

  /** Analyses one case; resolves with `timedOut` when it overruns `deadlineMs` (wall clock). */
  async run(testCase: TimedCase, deadlineMs: number): Promise<TimedResult> {
    const request: Omit<AnalysisRequest, 'id'> = {
      op: 'analyze',
      kind: testCase.kind,
      ...(testCase.text !== undefined ? { text: testCase.text } : { unit: testCase.unit ?? '', count: testCase.count ?? 0 }),
    };
    const { text: _text, ...described } = testCase;
    const outcome = await this.send<AnalysisReply>(request, deadlineMs);
    if (outcome === 'timeout') return { ...described, deadlineMs, timedOut: true };
    if (typeof outcome === 'string') return { ...described, deadlineMs, reply: { id: -1, cpuMs: 0, parseMs: 0, engineMs: 0, length: 0, findings: 0, error: outcome } };
    return { ...described, deadlineMs, reply: outcome };
  }

  /** Scans `inputs` with one regular expression; 'timeout' when the scan overruns `deadlineMs`. */
  async scan(source: string, flags: string, inputs: string[], deadlineMs: number): Promise<RegexReply | 'timeout' | string> {
    return this.send<RegexReply>({ op: 'regex', source, flags, inputs }, deadlineMs);
  }

  private async send<R extends { id: number }>(request: Omit<AnalysisRequest, 'id'> | Omit<RegexRequest, 'id'>, deadlineMs: number): Promise<R | 'timeout' | string> {
    await this.start();
    const child = this.child!;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        cleanup();
        this.stop();
        resolve('timeout');
      }, deadlineMs);
      const onMessage = (reply: R) => {
        if (reply.id !== id) return;
        cleanup();
        resolve(reply);
      };
      const onExit = (code: number | null, signal: string | null) => {
        cleanup();
        this.child = undefined;
        this.ready = undefined;
        resolve(`the analysing process died (exit ${code}, signal ${signal})`);
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ ...request, id });
    });
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.ready = undefined;
  }
}

/** One line per case for the test's diagnostics. */
export function describeResult(result: TimedResult): string {
  const size = result.reply?.length ?? (result.unit ?? '').length * (result.count ?? 0);
  const what = `${result.label} (${result.kind}, ${size} chars)`;
  if (result.timedOut) return `${what}: still running after ${result.deadlineMs} ms (stopped)`;
  const reply = result.reply!;
  if (reply.error) return `${what}: threw ${reply.error.split('\n')[0]}`;
  const parse = result.kind === 'markdown' ? ` (remark parse ${Math.round(reply.parseMs)} ms, engine ${Math.round(reply.engineMs)} ms)` : '';
  return `${what}: ${Math.round(reply.cpuMs)} ms CPU${parse}, ${reply.findings} findings${reply.invariant ? `; invariant broken: ${reply.invariant}` : ''}`;
}
