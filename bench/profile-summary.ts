/**
 * Summarizes V8 CPU profiles (`node --cpu-prof`, or `npm run bench:lifecycle -- --cpu-prof DIR`):
 * self time by function and by package, heaviest first. Allocation profiles (`.heapprofile`,
 * `bench:lifecycle -- --alloc-prof DIR`) the same way: bytes allocated, garbage included.
 *
 *   npm run bench:profile -- DIR_OR_FILE [--top 40]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}
interface HeapNode {
  callFrame: Node['callFrame'];
  selfSize: number;
  children: HeapNode[];
}
type Frame = Node['callFrame'];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '40' } },
});
const target = positionals[0];
if (!target) throw new Error('usage: bench:profile DIR_OR_FILE');
const files = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile') || f.endsWith('.heapprofile'))
      .map((f) => join(target, f))
  : [target];

/** Each sample's frame and weight: µs of CPU, or bytes allocated. */
function* weights(file: string): Generator<[Frame, number]> {
  if (file.endsWith('.heapprofile')) {
    const stack = [(JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode }).head];
    for (let node = stack.pop(); node; node = stack.pop()) {
      yield [node.callFrame, node.selfSize];
      for (const child of node.children) stack.push(child);
    }
    return;
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const [i, id] of profile.samples.entries()) {
    yield [nodes.get(id)!.callFrame, profile.timeDeltas[i] ?? 0];
  }
}

const allocations = files.some((f) => f.endsWith('.heapprofile'));
if (allocations && files.some((f) => f.endsWith('.cpuprofile'))) {
  throw new Error('give CPU profiles and allocation profiles separately');
}
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
for (const file of files) {
  for (const [frame, weight] of weights(file)) {
    const url = frame.url.replace(/^file:\/\//, '');
    const where = url.includes('node_modules/')
      ? url.slice(url.lastIndexOf('node_modules/') + 13)
      : url.replace(/^.*\/(src|bench)\//, '$1/');
    const key = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + weight);
    const pkg = url.includes('node_modules/')
      ? url
          .slice(url.lastIndexOf('node_modules/') + 13)
          .split('/')
          .slice(0, url.includes('node_modules/@') ? 2 : 1)
          .join('/')
      : url.includes('/src/')
        ? `src/${url.split('/src/')[1]?.split('/')[0]}`
        : url
          ? url.startsWith('node:')
            ? 'node:internal'
            : url
          : frame.functionName.startsWith('(')
            ? frame.functionName
            : '(native)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + weight);
    total += weight;
  }
}
const top = Number(values.top);
const show = (title: string, map: Map<string, number>) => {
  const sum = allocations
    ? `${(total / 2 ** 20).toFixed(0)} MB allocated, sampled`
    : `${(total / 1e6).toFixed(1)} s sampled`;
  process.stdout.write(`\n${title} (total ${sum})\n`);
  for (const [k, v] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}\n`);
  }
};
const what = allocations ? 'Allocated' : 'Self time';
show(`${what} by package`, byPackage);
show(`${what} by function`, byFunction);
