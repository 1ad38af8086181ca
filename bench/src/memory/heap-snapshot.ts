import { moduleOf } from '../profile/cpu-profile.ts';

/** The parts of a V8 `.heapsnapshot` the summary reads. */
export interface HeapSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface ModuleMemory {
  module: string;
  files: number;
  /** The scripts' source text kept in the heap. */
  sourceBytes: number;
  /** Their compiled functions: shared function infos, bytecode, scope infos, constant pools. */
  codeBytes: number;
}

export interface HeapSummary {
  totalBytes: number;
  /** Self size by V8 node type (`string`, `code`, `object`, …). */
  byType: Record<string, number>;
  /** What each module's loaded code holds, largest first. */
  modules: ModuleMemory[];
}

const COMPILED_PARTS = new Set([
  'function_data',
  'trusted_function_data',
  'bytecode',
  'scope_info',
  'feedback_metadata',
  'outer_scope_info_or_feedback_metadata',
  'name_or_scope_info',
]);
const BYTECODE_PARTS = new Set(['constant_pool', 'source_position_table', 'handler_table']);
const STRING_PARTS = new Set(['first', 'second', 'parent']);

/**
 * Where a heap's memory sits: self size by node type, and per module (npm package, workspace
 * folder, Node built-ins) the source text of its scripts and the compiled code of their functions.
 * A script is a `code` node with `name` and `source` edges; a function belongs to the script its
 * `script` edge names.
 */
export function summarizeHeapSnapshot(heap: HeapSnapshot): HeapSummary {
  const { meta } = heap.snapshot;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const [iType, iName, iSize, iEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) =>
    meta.node_fields.indexOf(f),
  ) as [number, number, number, number];
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const count = heap.nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += heap.nodes[i * nf + iEdges]! * ef;
  }
  firstEdge[count] = heap.edges.length;
  const type = (i: number) => meta.node_types[0][heap.nodes[i * nf + iType]!]!;
  const name = (i: number) => heap.strings[heap.nodes[i * nf + iName]!]!;
  const size = (i: number) => heap.nodes[i * nf + iSize]!;
  const edges = function* (i: number): Generator<[string, number]> {
    for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += ef) {
      const kind = meta.edge_types[0][heap.edges[e + eType]!];
      const label = kind === 'element' || kind === 'hidden' ? '' : heap.strings[heap.edges[e + eName]!]!;
      yield [label, heap.edges[e + eTo]! / nf];
    }
  };

  let totalBytes = 0;
  const byType: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    totalBytes += size(i);
    byType[type(i)] = (byType[type(i)] ?? 0) + size(i);
  }

  const modules = new Map<string, ModuleMemory>();
  const moduleOfScript = new Map<number, ModuleMemory>();
  const stringBytes = (root: number) => {
    let bytes = 0;
    const seen = new Set<number>();
    for (const stack = [root]; stack.length; ) {
      const node = stack.pop()!;
      if (seen.has(node)) continue;
      seen.add(node);
      bytes += size(node);
      for (const [label, to] of edges(node)) if (STRING_PARTS.has(label)) stack.push(to);
    }
    return bytes;
  };
  for (let i = 0; i < count; i++) {
    if (type(i) !== 'code') continue;
    let url: string | undefined;
    let source: number | undefined;
    for (const [label, to] of edges(i)) {
      if (label === 'name' && type(to) === 'string') url = name(to);
      if (label === 'source') source = to;
    }
    if (url === undefined || source === undefined) continue;
    const module = moduleOf(url, '').replace(/^node:.*/, 'node (built-in)');
    const entry = modules.get(module) ?? { module, files: 0, sourceBytes: 0, codeBytes: 0 };
    entry.files++;
    entry.sourceBytes += stringBytes(source);
    modules.set(module, entry);
    moduleOfScript.set(i, entry);
  }
  for (let i = 0; i < count; i++) {
    if (type(i) !== 'code') continue;
    let owner: ModuleMemory | undefined;
    let bytes = size(i);
    for (const [label, to] of edges(i)) {
      if (label === 'script') owner = moduleOfScript.get(to);
      if (!COMPILED_PARTS.has(label)) continue;
      bytes += size(to);
      for (const [part, sub] of edges(to)) if (BYTECODE_PARTS.has(part)) bytes += size(sub);
    }
    if (owner) owner.codeBytes += bytes;
  }
  return {
    totalBytes,
    byType,
    modules: [...modules.values()].sort((a, b) => b.sourceBytes + b.codeBytes - (a.sourceBytes + a.codeBytes)),
  };
}
