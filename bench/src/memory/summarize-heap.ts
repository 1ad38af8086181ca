// `node bench/src/memory/summarize-heap.ts <file.heapsnapshot> [--top N]`: what fills a heap, by
// node type and by the module whose code (source text and compiled functions) it holds.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type HeapSnapshot, summarizeHeapSnapshot } from './heap-snapshot.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' } },
});
if (positionals.length !== 1) {
  console.error('usage: node bench/src/memory/summarize-heap.ts <file.heapsnapshot> [--top N]');
  process.exit(2);
}
const summary = summarizeHeapSnapshot(JSON.parse(readFileSync(positionals[0]!, 'utf8')) as HeapSnapshot);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2).padStart(6);
const code = summary.modules.reduce((sum, m) => sum + m.sourceBytes + m.codeBytes, 0);
console.log(`heap ${mb(summary.totalBytes)} MB; loaded code (source + compiled) ${mb(code)} MB`);
console.log(
  `by type: ${Object.entries(summary.byType)
    .sort((a, b) => b[1] - a[1])
    .map(([type, bytes]) => `${type} ${mb(bytes).trim()}`)
    .join(', ')}`,
);
console.log('    MB  source    code  files  module');
for (const m of summary.modules.slice(0, Number(values.top)))
  console.log(
    `${mb(m.sourceBytes + m.codeBytes)}  ${mb(m.sourceBytes)}  ${mb(m.codeBytes)}  ${String(m.files).padStart(5)}  ${m.module}`,
  );
