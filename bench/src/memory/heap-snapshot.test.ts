import { describe, expect, it } from 'vitest';
import { type HeapSnapshot, summarizeHeapSnapshot } from './heap-snapshot.ts';

// Nodes: [type, name, self_size, edge_count]; edges: [type, name_or_index, to_node (index × 4)].
const ZOD = 'file:///seed/node_modules/.pnpm/zod@4.1.0/node_modules/zod/v4/core/schemas.js';
const strings = [
  '',
  ZOD,
  'export const z = …',
  '(shared function info)',
  'name',
  'source',
  'script',
  'bytecode',
  'BytecodeArray',
  'Object',
];
const heap: HeapSnapshot = {
  snapshot: {
    meta: {
      node_fields: ['type', 'name', 'self_size', 'edge_count'],
      node_types: [['hidden', 'object', 'string', 'code']],
      edge_fields: ['type', 'name_or_index', 'to_node'],
      edge_types: [['context', 'element', 'property', 'internal']],
    },
  },
  nodes: [
    3,
    0,
    100,
    2, // 0: the script (code) → name, source
    2,
    1,
    60,
    0, // 1: its url (string)
    2,
    2,
    1_000,
    0, // 2: its source (string)
    3,
    3,
    50,
    2, // 3: a shared function info → script, bytecode
    3,
    8,
    400,
    0, // 4: its bytecode
    1,
    9,
    30,
    0, // 5: an object
  ],
  edges: [3, 4, 4, 3, 5, 8, 3, 6, 0, 3, 7, 16],
  strings,
};

describe('heap snapshot summary', () => {
  it('sums self sizes by node type', () => {
    expect(summarizeHeapSnapshot(heap)).toMatchObject({
      totalBytes: 1_640,
      byType: { code: 550, string: 1_060, object: 30 },
    });
  });

  it("charges a script's source and its functions' compiled code to the package it came from", () => {
    expect(summarizeHeapSnapshot(heap).modules).toEqual([
      { module: 'zod', files: 1, sourceBytes: 1_000, codeBytes: 450 },
    ]);
  });
});
