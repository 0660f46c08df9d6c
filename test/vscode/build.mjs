// Bundles the VS Code API suite (test/vscode/suite.ts) into out/test/vscode/suite.js:
// one CommonJS file with a `run()` export, loaded by the extension host as
// extensionTestsPath under @vscode/test-electron and under code-server alike.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: { suite: 'test/vscode/suite.ts' },
  bundle: true,
  outdir: 'out/test/vscode',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
