/** Helpers for the footnote tests: analyse a string, keep the footnote findings, apply a fix. */
import { analyze } from '../../analyze';
import { applyEdits } from '../../edits';
import { compileTermbase } from '../../match/matcher';
import type { DocumentKind, Finding, Fix } from '../../types';
import { noteIndex, type NoteIndex } from './index';

const EMPTY = compileTermbase({ concepts: [], problems: [], files: [] });

export function lint(text: string, kind: DocumentKind = 'plaintext'): Finding[] {
  return analyze(text, { kind }, EMPTY).findings.filter((f) => f.rule.startsWith('footnote/'));
}

export function indexOf(text: string, kind: DocumentKind = 'plaintext'): NoteIndex {
  return noteIndex(analyze(text, { kind }, EMPTY).context);
}

/** `rule@line:col message`, 1-based, for compact assertions. */
export function describe(text: string, findings: Finding[]): string[] {
  return findings.map((f) => {
    const before = text.slice(0, f.start);
    const line = before.split(/\r\n|\r|\n/).length;
    const col = f.start - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) ;
    return `${f.rule}@${line}:${col} ${f.message}`;
  });
}

export function rules(findings: Finding[]): string[] {
  return findings.map((f) => f.rule);
}

export function apply(text: string, fix: Fix | undefined): string {
  if (!fix) throw new Error('no fix');
  return applyEdits(text, fix.edits);
}
