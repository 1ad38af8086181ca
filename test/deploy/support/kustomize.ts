/**
 * Builds a kustomization the way `kustomize build` does, for the subset this repository uses:
 * `resources` (files and directories), `namespace`, `images`, strategic-merge `patches` picked by
 * kind and name, and `configMapGenerator` from files without a name hash. Anything else throws,
 * so a manifest never passes untested.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  resources?: string[];
  namespace?: string;
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { path?: string; patch?: string; target?: { kind?: string; name?: string } }[];
  configMapGenerator?: {
    name: string;
    files?: string[];
    options?: { disableNameSuffixHash?: boolean; labels?: Record<string, string> };
  }[];
}

const supported = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches', 'configMapGenerator']);
const clusterScoped = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PersistentVolume']);

export function readYamlDocuments(file: string): Resource[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0]!.message}`);
      return d.toJS() as Resource | null;
    })
    .filter((d): d is Resource => d !== null);
}

export function buildKustomization(dir: string): Resource[] {
  const [k] = readYamlDocuments(join(dir, 'kustomization.yaml')) as unknown as Kustomization[];
  if (!k) throw new Error(`${dir}: empty kustomization`);
  const unknown = Object.keys(k).filter((key) => !supported.has(key));
  if (unknown.length > 0) throw new Error(`${dir}: ${unknown.join(', ')} not supported by this loader`);

  const resources: Resource[] = (k.resources ?? []).flatMap((entry) => {
    const path = resolve(dir, entry);
    return statSync(path).isDirectory() ? buildKustomization(path) : readYamlDocuments(path);
  });

  for (const g of k.configMapGenerator ?? []) {
    if (!g.options?.disableNameSuffixHash) throw new Error(`${dir}: ${g.name}: only generators without a name hash`);
    resources.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: g.name, ...(g.options.labels ? { labels: g.options.labels } : {}) },
      data: Object.fromEntries((g.files ?? []).map((f) => [f, readFileSync(resolve(dir, f), 'utf8')])),
    });
  }

  for (const p of k.patches ?? []) {
    const [patch] = p.path ? readYamlDocuments(resolve(dir, p.path)) : ([] as Resource[]);
    if (!patch) throw new Error(`${dir}: a patch needs a path to one document`);
    const target = p.target ?? { kind: patch.kind, name: patch.metadata.name };
    const { apiVersion: _a, kind: _k, metadata, ...changes } = patch;
    const { name: _n, ...metadataChanges } = metadata ?? {};
    let matched = 0;
    resources.forEach((r, i) => {
      if ((target.kind && r.kind !== target.kind) || (target.name && r.metadata.name !== target.name)) return;
      resources[i] = strategicMerge(r, { ...changes, metadata: metadataChanges }) as Resource;
      matched++;
    });
    if (matched === 0) throw new Error(`${dir}: patch ${p.path} matches no resource`);
  }

  for (const r of resources) {
    if (k.namespace && !clusterScoped.has(r.kind)) r.metadata.namespace = k.namespace;
    for (const image of k.images ?? []) setImage(r, image);
  }

  const ids = resources.map((r) => `${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`${dir}: ${duplicate} defined twice`);
  return resources;
}

/** Maps merge key by key, lists of named items merge by name, other lists are replaced, null deletes. */
export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch) && isNamedList(base) && isNamedList(patch)) {
    const merged = base.map((item) => {
      const change = patch.find((p) => p.name === item.name);
      return change ? strategicMerge(item, change) : item;
    });
    return [...merged, ...patch.filter((p) => !base.some((item) => item.name === p.name))];
  }
  if (!isMap(base) || !isMap(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = key in base ? strategicMerge(base[key], value) : structuredClone(value);
  }
  return out;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNamedList = (list: unknown[]): list is { name: string }[] =>
  list.every((item) => isMap(item) && typeof item.name === 'string');

/** kustomize's images transformer: every container image whose name matches gets the new name and tag. */
function setImage(node: unknown, image: NonNullable<Kustomization['images']>[number]): void {
  if (Array.isArray(node)) {
    for (const n of node) setImage(n, image);
    return;
  }
  if (!isMap(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) {
        const match = /^(?<name>[^@]+?)(?::(?<tag>[^:/@]+))?(?<digest>@.+)?$/.exec(String(c.image));
        if (match?.groups?.name !== image.name) continue;
        const tag = image.newTag ?? match.groups.tag;
        c.image = `${image.newName ?? image.name}${tag ? `:${tag}` : ''}${image.newTag ? '' : (match.groups.digest ?? '')}`;
      }
    }
    setImage(value, image);
  }
}
