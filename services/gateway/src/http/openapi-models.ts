import { documentedModels } from '@seed/contracts';
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';

let models: { registry: z.core.$ZodRegistry<{ id: string }>; names: Map<z.ZodType, string> } | undefined;

/** The documented models in a zod registry under their component names, built once. */
function modelRegistry() {
  if (models) return models;
  const registry = z.registry<{ id: string }>();
  const names = new Map<z.ZodType, string>();
  for (const [name, schema] of Object.entries(documentedModels)) {
    if (names.has(schema)) continue;
    registry.add(schema, { id: name });
    names.set(schema, name);
  }
  models = { registry, names };
  return models;
}

function pointAtComponents(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pointAtComponents);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node))
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? value.replace(/^#\/\$defs\//, COMPONENTS)
        : pointAtComponents(value);
  return out;
}

/** `components.schemas`: every documented model, each referring to the others by name. */
export function modelComponents(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(modelRegistry().registry, {
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => COMPONENTS + id,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
      return [name, rest];
    }),
  );
}

/**
 * A schema as JSON Schema 2020-12. Replies refer to the documented models they hold by name; a
 * request is written out whole, since the gateway spreads it over the path, query and body.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  if (io === 'input') {
    const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' });
    return rest as JsonSchema;
  }
  const { registry, names } = modelRegistry();
  const own = names.get(schema);
  if (own) return { $ref: COMPONENTS + own };
  const {
    $schema: _,
    $defs: _models,
    ...rest
  } = z.toJSONSchema(schema, { io, unrepresentable: 'any', metadata: registry });
  return pointAtComponents(rest) as JsonSchema;
}
