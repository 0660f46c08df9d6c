/**
 * A child process that runs timed work sent over IPC: an analysis with the
 * bundled termbase (reporting the Markdown/plain-text parse and the checks
 * separately, whether it threw and whether the invariants held), or a full
 * scan of one regular expression over one input. The parent kills it when a
 * case overruns its deadline, so that one pathological input cannot hang the
 * suite.
 */
import { analyzeDocument, parseDocument, type DocumentKind } from '../../../server/src/engine/index';
import { parseMarkdownTree } from '../../../server/src/engine/document/markdown';
import { hasOversizedParagraph } from '../../../server/src/engine/document/index';
import { assertAnalysisInvariants, bundledTermbase } from './engine';

export interface AnalysisRequest {
  op: 'analyze';
  id: number;
  /** The document, or a unit repeated `count` times (cheaper to send than 5 MB). */
  text?: string;
  unit?: string;
  count?: number;
  kind: DocumentKind;
}

export interface RegexRequest {
  op: 'regex';
  id: number;
  source: string;
  flags: string;
  inputs: string[];
}

export interface AnalysisReply {
  id: number;
  cpuMs: number;
  /** CPU time of the Markdown parser itself (remark), measured apart for slow Markdown cases only; else 0. */
  parseMs: number;
  /** CPU time of the engine's own work: the document model, the term scan and the checks. */
  engineMs: number;
  length: number;
  findings: number;
  /** The stack of what analyze threw. */
  error?: string;
  /** The invariant that failed. */
  invariant?: string;
}

export interface RegexReply {
  id: number;
  /** CPU time of the slowest input, and which. */
  worstMs: number;
  worstInput: number;
  totalMs: number;
  error?: string;
}

/** Above this, a Markdown case's remark parse is timed apart. */
const REMARK_TIMING_THRESHOLD_MS = 200;

function cpuNow(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

const termbase = bundledTermbase();
// Warm the parser and the checks so that the first case does not pay for compilation.
for (const [text, kind] of [
  ['# Warm up\n\nThe NWNS (新型举国体制) and [a](b) *c*.¹\n\nNotes\n\n1. x\n', 'markdown'],
  ['Warm up NWNS.¹\n\nNotes\n\n1. x\n', 'plaintext'],
] as const) {
  analyzeDocument(parseDocument(text, kind), { kind }, termbase);
}

function analyzeCase(request: AnalysisRequest): AnalysisReply {
  const text = request.text ?? (request.unit ?? '').repeat(request.count ?? 0);
  const reply: AnalysisReply = { id: request.id, cpuMs: 0, parseMs: 0, engineMs: 0, length: text.length, findings: 0 };
  const start = cpuNow();
  try {
    // The real path (parseDocument falls back to the plain-text model when remark overflows its stack).
    const analysis = analyzeDocument(parseDocument(text, request.kind), { kind: request.kind }, termbase);
    reply.cpuMs = cpuNow() - start;
    // Only for a slow case is remark timed on its own, to tell its share from the engine's; not
    // where the real path reads the text as plain prose (remark would take minutes on it).
    if (request.kind === 'markdown' && reply.cpuMs > REMARK_TIMING_THRESHOLD_MS && !hasOversizedParagraph(text)) {
      const parseStart = cpuNow();
      try {
        parseMarkdownTree(text);
      } catch {
        // The overflow the fallback caught: its time is remark's all the same.
      }
      reply.parseMs = Math.min(reply.cpuMs, cpuNow() - parseStart);
    }
    reply.engineMs = reply.cpuMs - reply.parseMs;
    reply.findings = analysis.findings.length;
    try {
      assertAnalysisInvariants(text, analysis);
    } catch (error) {
      reply.invariant = (error as Error).message;
    }
  } catch (error) {
    reply.cpuMs = cpuNow() - start;
    reply.error = error instanceof Error ? `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 9).join('\n')}` : String(error);
  }
  return reply;
}

function regexCase(request: RegexRequest): RegexReply {
  const reply: RegexReply = { id: request.id, worstMs: 0, worstInput: -1, totalMs: 0 };
  let pattern: RegExp;
  try {
    pattern = new RegExp(request.source, request.flags.replace(/[gy]/g, '') + 'g');
  } catch (error) {
    reply.error = (error as Error).message;
    return reply;
  }
  request.inputs.forEach((input, i) => {
    const start = cpuNow();
    // A full scan, as the engine's exec loops do: every match from every position.
    pattern.lastIndex = 0;
    for (let m = pattern.exec(input); m; m = pattern.exec(input)) {
      if (m[0].length === 0) pattern.lastIndex++;
    }
    const elapsed = cpuNow() - start;
    reply.totalMs += elapsed;
    if (elapsed > reply.worstMs) {
      reply.worstMs = elapsed;
      reply.worstInput = i;
    }
  });
  return reply;
}

process.on('message', (request: AnalysisRequest | RegexRequest) => {
  process.send!(request.op === 'regex' ? regexCase(request) : analyzeCase(request));
});
process.send!({ id: -1, ready: true });
