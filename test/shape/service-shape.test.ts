import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The shape every service follows (docs/service-shape.md), checked on the tree.

const root = resolve(import.meta.dirname, '../..');
const servicesDir = join(root, 'services');
const services = readdirSync(servicesDir).filter((s) => statSync(join(servicesDir, s)).isDirectory());

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/** The relative modules a file imports (static imports and re-exports). */
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'/g)].map((m) => m[1]!);

describe('every service', () => {
  it.each(services)('%s has the same top-level files', (name) => {
    const dir = join(servicesDir, name);
    for (const file of ['README.md', 'package.json', 'src/main.ts', 'src/app.ts', 'src/config.ts', 'test'])
      expect(existsSync(join(dir, file)), `${name}/${file}`).toBe(true);
    const ownsData = existsSync(join(dir, 'drizzle.config.ts'));
    for (const file of ['drizzle', 'src/db/schema.ts', 'src/db/database.ts', 'src/db/store.ts'])
      expect(existsSync(join(dir, file)), `${name}/${file}`).toBe(ownsData);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe(`@seed/${name}`);
    expect(pkg.exports).toEqual({ '.': './src/app.ts', './config': './src/config.ts' });
  });

  it.each(services)('%s keeps only main, app, config and operator commands beside its feature folders', (name) => {
    const src = join(servicesDir, name, 'src');
    const loose = readdirSync(src).filter(
      (f) => statSync(join(src, f)).isFile() && !['main.ts', 'app.ts', 'config.ts'].includes(f),
    );
    expect(loose.filter((f) => !/-cli\.ts$|\.test\.ts$/.test(f))).toEqual([]);
  });

  it.each(services)('%s: a feature folder reaches another only through its index.ts', (name) => {
    const src = join(servicesDir, name, 'src');
    const featureOf = (file: string) => {
      const [top, ...rest] = relative(src, file).split(sep);
      return rest.length > 0 && top !== 'db' && top !== '..' ? top : undefined;
    };
    const problems: string[] = [];
    for (const file of filesUnder(src)) {
      const mine = featureOf(file);
      for (const spec of importsOf(file)) {
        const target = resolve(dirname(file), spec);
        const theirs = featureOf(target);
        if (!theirs || theirs === mine) continue;
        if (target !== join(src, theirs, 'index.ts')) problems.push(`${relative(src, file)} → ${spec}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(services)('%s binds each feature’s contracts with serve<Feature>Handlers', (name) => {
    const src = join(servicesDir, name, 'src');
    for (const file of filesUnder(src).filter((f) => f.endsWith('.handlers.ts'))) {
      const feature = file.split(sep).at(-1)!.replace('.handlers.ts', '');
      const pascal = feature.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
      expect(readFileSync(file, 'utf8'), relative(root, file)).toContain(`export function serve${pascal}Handlers(`);
    }
  });

  it.each(services)('%s: tests start other services through the test kit, never from their source', (name) => {
    const dir = join(servicesDir, name);
    const tests = [
      ...filesUnder(join(dir, 'test')),
      ...filesUnder(join(dir, 'src')).filter((f) => f.endsWith('.test.ts')),
    ];
    const escaping = tests.flatMap((file) =>
      importsOf(file)
        .filter((spec) => !resolve(dirname(file), spec).startsWith(dir + sep))
        .map((spec) => `${relative(dir, file)} → ${spec}`),
    );
    expect(escaping).toEqual([]);
  });
});
