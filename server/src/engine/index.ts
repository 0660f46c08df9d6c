/**
 * The BriefLint engine: pure functions over text, offsets and a termbase.
 * No imports of vscode, vscode-languageserver or node:fs anywhere below this folder.
 */
export { analyze, analyzeDocument, type Analysis } from './analyze';
export { parseDocument, documentKindOf } from './document/index';
export type { BriefDocument, ProseRun, Heading } from './document/model';
export { LineIndex, type Position } from './lineIndex';
export { compileTermbase, scanTerms, type CompiledTermbase, type TermMatch, type TermForm, type FormKind } from './match/matcher';
export { loadTermbaseText, termbaseFormatOf } from './termbase/load';
export { mergeTermbases, formKey } from './termbase/merge';
export type { Concept, Termbase, TermbaseFile, TermbaseProblem } from './termbase/model';
export { ALL_CHECKS, RULES, findRule, severityFor } from './rules';
export { DEFAULT_ACRONYM_ALLOW_LIST, type AnalyzeOptions } from './options';
export type { Finding, Fix, TextEdit, RelatedLocation, Severity, SeveritySetting, DocumentKind } from './types';
export { SEVERITIES } from './types';
export { applyEdits } from './edits';
