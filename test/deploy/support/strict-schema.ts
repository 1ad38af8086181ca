/**
 * Strict validation of Kubernetes objects: each object is type-checked as a literal of its
 * kubernetes-models interface (the API's schema as TypeScript), so a field the schema does not
 * have, such as a `readinessProb:` typo, is an error; the schema validators accept those silently.
 */
import { join } from 'node:path';
import ts from 'typescript';
import type { Resource } from './kustomize.ts';

const root = join(import.meta.dirname, '..', '..', '..');
/** API groups whose models come from their own package (custom resources). */
const CRD_PACKAGES: Record<string, string> = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

function modelOf(r: Resource): string {
  const group = r.apiVersion.includes('/') ? r.apiVersion.split('/')[0]! : '';
  return `${CRD_PACKAGES[group] ?? 'kubernetes-models'}/${r.apiVersion}/${r.kind}`;
}

/** One line per field or value the schemas refuse, naming the object (`Deployment/gateway: …`). */
export function strictSchemaErrors(resources: Resource[]): string[] {
  const file = join(root, '__k8s_manifests__.ts');
  const statements = resources.map((r, i) => `export const r${i}: T${i} = ${JSON.stringify(r)};\n`);
  const source =
    resources.map((r, i) => `import type { I${r.kind} as T${i} } from '${modelOf(r)}';\n`).join('') +
    statements.join('');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, version, ...rest) =>
    name === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists;
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const sourceFile = program.getSourceFile(file)!;
  const importsEnd = source.indexOf('export const ');
  // Where each object's statement starts, to name the object a diagnostic falls in.
  const starts: number[] = [];
  let offset = importsEnd;
  for (const statement of statements) {
    starts.push(offset);
    offset += statement.length;
  }
  return program.getSemanticDiagnostics(sourceFile).map((d) => {
    const at = d.start ?? 0;
    const index = starts.findLastIndex((start) => start <= at);
    const r = resources[index];
    const where = at < importsEnd ? 'model' : `${r?.kind}/${r?.metadata.name}`;
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
