// The Markdown parse floor as a whole process: read the file, parse it with
// remark-parse + remark-gfm, exit. `--read-only` only reads the file.
import { readFileSync } from 'node:fs';

const [file, mode] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
if (mode !== '--read-only') {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkGfm } = await import('remark-gfm');
  unified().use(remarkParse).use(remarkGfm).parse(text);
}
