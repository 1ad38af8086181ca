import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;
/** `input`: what a receiver accepts (before defaults and coercion); `output`: what a validating sender emits. */
export type SchemaIo = 'input' | 'output';

const COMPONENTS = '#/components/schemas/';
const SHARED_ID = '__shared';

/**
 * Collects zod schemas under component names and turns them into draft-07 JSON Schemas (the
 * dialect AsyncAPI schemas extend), each once: a schema registered again, or nested in another,
 * becomes a `$ref` to its component.
 */
export function createSchemaCatalog() {
  const registries = { input: z.registry<{ id: string }>(), output: z.registry<{ id: string }>() };
  const names = new Set<string>();

  return {
    /** Registers `schema` (if new for this io) and returns a `$ref` to its component. */
    ref(schema: z.ZodType, io: SchemaIo, name: string): { $ref: string } {
      const registry = registries[io];
      const existing = registry.get(schema)?.id;
      if (existing) return { $ref: COMPONENTS + existing };
      if (names.has(name)) throw new Error(`schema component ${name} is registered twice`);
      names.add(name);
      registry.add(schema, { id: name });
      return { $ref: COMPONENTS + name };
    },

    /** The `components.schemas` object: every registered schema and the shared definitions they use. */
    build(): Record<string, JsonSchema> {
      const out: Record<string, JsonSchema> = {};
      for (const io of ['input', 'output'] as const) {
        const { schemas } = z.toJSONSchema(registries[io], {
          target: 'draft-07',
          io,
          unrepresentable: 'any',
          uri: (id) => COMPONENTS + id,
        });
        for (const [id, schema] of Object.entries(schemas)) {
          if (id === SHARED_ID) hoistShared(schema as JsonSchema, io, out);
          else out[id] = clean(schema as JsonSchema, io);
        }
      }
      return out;
    },
  };
}

/**
 * Zod puts schemas reached by recursion, but not registered, under one `__shared` document with
 * `definitions`; AsyncAPI resolves references against the whole document, so each becomes a
 * component of its own.
 */
function hoistShared(shared: JsonSchema, io: SchemaIo, out: Record<string, JsonSchema>): void {
  const definitions = (shared.definitions ?? shared.$defs ?? {}) as Record<string, JsonSchema>;
  for (const [name, schema] of Object.entries(definitions)) out[sharedName(name, io)] = clean(schema, io);
}

const sharedName = (name: string, io: SchemaIo) => `Shared${io === 'input' ? 'Input' : 'Output'}_${name}`;

/** Drops per-document keywords and points every reference at a component. */
function clean(schema: JsonSchema, io: SchemaIo): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rewriteRefs(rest, io) as JsonSchema;
}

function rewriteRefs(node: unknown, io: SchemaIo): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, io));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' ? componentRef(value, io) : rewriteRefs(value, io);
  }
  return out;
}

function componentRef(ref: string, io: SchemaIo): string {
  const shared = ref.match(/^#\/components\/schemas\/__shared#\/(?:definitions|\$defs)\/([^/]+)$/);
  return shared?.[1] ? COMPONENTS + sharedName(shared[1], io) : ref;
}
