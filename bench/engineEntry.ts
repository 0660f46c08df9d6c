/**
 * What the benchmark measures in process, bundled by esbuild exactly as the
 * CLI and the server are (minified, CommonJS), so that the figures are those of
 * the shipped code rather than of the TypeScript loader.
 */
export { analyze, analyzeDocument } from '../server/src/engine/analyze';
export { parseDocument } from '../server/src/engine/document/index';
export { parseMarkdownTree } from '../server/src/engine/document/markdown';
export { compileTermbase, scanTerms, provideTermScan } from '../server/src/engine/match/matcher';
export { createCheckContext } from '../server/src/engine/check';
export { ALL_CHECKS } from '../server/src/engine/rules';
export { loadTermbaseText } from '../server/src/engine/termbase/load';
export { mergeTermbases } from '../server/src/engine/termbase/merge';
export { IncrementalAnalyzer } from '../server/src/engine/incremental';
export { unified } from 'unified';
export { default as remarkParse } from 'remark-parse';
export { default as remarkGfm } from 'remark-gfm';
