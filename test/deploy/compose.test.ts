import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { passwordVariable } from '../../packages/runtime/src/security/nats-server-config.ts';
import { readDockerfile, stagesOf } from './support/dockerfile.ts';

const root = join(import.meta.dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: string | { context: string; target?: string };
  command?: string[] | string;
  environment?: Record<string, string> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: (string | { target: number; published: string | number })[];
  volumes?: (string | { type: string; source: string; target: string })[];
  deploy?: { replicas?: number };
}
interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
const services = Object.entries(compose.services);
const serviceFolders = readdirSync(join(root, 'services'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'services', d.name, 'src', 'main.ts')))
  .map((d) => d.name);

function envOf(s: ComposeService): Record<string, string> {
  if (!Array.isArray(s.environment)) return s.environment ?? {};
  return Object.fromEntries(s.environment.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}
const dependencies = (s: ComposeService) =>
  Array.isArray(s.depends_on)
    ? Object.fromEntries(s.depends_on.map((d) => [d, { condition: 'service_started' }]))
    : (s.depends_on ?? {});
/** `${VAR:-default}` as compose resolves it when VAR is unset. */
const interpolate = (v: string) => v.replace(/\$\{\w+:-([^}]*)\}/g, '$1');
const apps = services.filter(([, s]) => envOf(s).SERVICE);
/** URLs where clients reach the cluster (links, upload URLs), not hosts the services dial. */
const clientFacing = new Set(['PUBLIC_BASE_URL', 'EMAIL_VERIFY_URL', 'PASSWORD_RESET_URL']);
const gateways = apps.filter(([, s]) => envOf(s).SERVICE === 'gateway');
/** What `docker compose up` starts: services of a profile (monitoring) only start when asked for. */
const defaults = services.filter(([, s]) => !(s as { profiles?: string[] }).profiles?.length);
const publishing = defaults.filter(([, s]) => (s.ports ?? []).length > 0);

describe('docker-compose.yml', () => {
  it('gives every service an image or a build, and a health check', () => {
    for (const [name, s] of services) {
      expect(s.image ?? s.build, name).toBeTruthy();
      expect(s.healthcheck?.disable, name).not.toBe(true);
      expect(s.healthcheck?.test?.length, name).toBeGreaterThan(0);
    }
  });

  it('runs every service of services/, and nothing else, from the one image', () => {
    expect([...new Set(apps.map(([, s]) => envOf(s).SERVICE))].sort()).toEqual([...serviceFolders].sort());
    expect(new Set(apps.map(([, s]) => s.image)).size).toBe(1);
    for (const [name, s] of apps) expect(s.build, name).toBeDefined();
  });

  it('gives every process its own NATS user, whose password the NATS server reads too', () => {
    const nats = compose.services.nats!;
    expect(nats.command).toEqual(expect.arrayContaining(['-c', '/etc/nats/nats-server.conf']));
    expect((nats.volumes ?? []).map(String)).toContain('./deploy/nats/nats-server.conf:/etc/nats/nats-server.conf:ro');
    for (const [name, s] of apps) {
      const env = envOf(s);
      expect(env.NATS_USER, name).toBe(env.SERVICE);
      expect(env.NATS_PASSWORD, name).toBe(envOf(nats)[passwordVariable(env.SERVICE!)]);
    }
  });

  it('can start Prometheus with the alert rules and Grafana with the dashboard, under the monitoring profile', () => {
    const monitoring = services.filter(([, s]) => (s as { profiles?: string[] }).profiles?.includes('monitoring'));
    expect(monitoring.map(([name]) => name).sort()).toEqual(['grafana', 'prometheus']);
    const prometheus = parse(readFileSync(join(root, 'deploy', 'monitoring', 'prometheus.yml'), 'utf8'));
    const targets: string[] = prometheus.scrape_configs.flatMap((c: { static_configs: { targets: string[] }[] }) =>
      c.static_configs.flatMap((t) => t.targets),
    );
    expect(targets.sort()).toEqual(apps.map(([name, s]) => `${name}:${envOf(s).OPS_PORT}`).sort());
    const mounts = (s: ComposeService) => (s.volumes ?? []).map(String).map((v) => v.split(':')[0]);
    expect(mounts(compose.services.prometheus!)).toContain('./deploy/monitoring/rules.yml');
    expect(mounts(compose.services.grafana!)).toContain('./k8s/monitoring/seed-dashboard.json');
  });

  it('makes the operator supply the auth key secret instead of defaulting it', () => {
    expect(envOf(compose.services.auth!).AUTH_KEYS_SECRET).toMatch(/^\$\{AUTH_KEYS_SECRET:\?/);
  });

  it('configures every service through its environment, naming hosts that exist', () => {
    for (const [name, s] of apps) {
      const env = envOf(s);
      for (const key of ['NATS_URL', 'REDIS_URL', 'LOG_LEVEL', 'OPS_PORT'])
        expect(env[key], `${name} ${key}`).toBeTruthy();
      if (env.SERVICE !== 'gateway') expect(env.DATABASE_URL, name).toBeTruthy();
      for (const [key, value] of Object.entries(env).filter(([k]) => k.endsWith('_URL') && !clientFacing.has(k))) {
        expect(compose.services[new URL(interpolate(value)).hostname], `${name} ${key}`).toBeDefined();
      }
      expect(JSON.stringify(s.healthcheck?.test), name).toContain(`127.0.0.1:${env.OPS_PORT}/readyz`);
    }
  });

  it('starts a service only once every service it depends on is healthy', () => {
    for (const [name, s] of services) {
      for (const [dep, { condition }] of Object.entries(dependencies(s))) {
        expect(compose.services[dep], `${name} -> ${dep}`).toBeDefined();
        expect(condition, `${name} -> ${dep}`).toBe('service_healthy');
      }
    }
    for (const [name, s] of apps) {
      const needs = Object.keys(dependencies(s));
      for (const url of Object.entries(envOf(s)).filter(([k]) => k.endsWith('_URL') && !clientFacing.has(k))) {
        expect(needs, name).toContain(new URL(interpolate(url[1])).hostname);
      }
    }
  });

  it('has no dependency cycle', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, path: string[]) => {
      if (done.has(name)) return;
      expect(visiting.has(name), `cycle ${[...path, name].join(' -> ')}`).toBe(false);
      visiting.add(name);
      for (const dep of Object.keys(dependencies(compose.services[name]!))) visit(dep, [...path, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const [name] of services) visit(name, []);
  });

  it('runs PostgreSQL 15, Redis 7 and NATS 2.9 with JetStream', () => {
    expect(compose.services.postgres?.image).toMatch(/^postgres:15\b/);
    expect(compose.services.redis?.image).toMatch(/^redis:7\b/);
    expect(compose.services.nats?.image).toMatch(/^nats:2\.9\b/);
    expect(compose.services.nats?.command).toContain('-js');
  });

  it('puts two gateway replicas behind one published port', () => {
    const replicas = gateways.reduce((n, [, s]) => n + (s.deploy?.replicas ?? 1), 0);
    expect(replicas).toBeGreaterThanOrEqual(2);
    expect(publishing.map(([name]) => name)).toHaveLength(1);
    const [lbName, lb] = publishing[0]!;
    expect(gateways.map(([name]) => name)).not.toContain(lbName);
    expect(lb.ports).toHaveLength(1);

    const mount = (lb.volumes ?? []).map(String).find((v) => v.includes('nginx'));
    const conf = readFileSync(resolve(root, mount!.split(':')[0]!), 'utf8');
    const upstream = /upstream\s+(\w+)\s*\{([^}]*)\}/.exec(conf)!;
    const servers = [...upstream[2]!.matchAll(/^\s*server\s+([\w.-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(servers.sort()).toEqual(gateways.map(([name, s]) => `${name}:${envOf(s).PORT}`).sort());
    // Socket.IO's polling transport needs a client's requests to reach one replica.
    expect(upstream[2]).toMatch(/^\s*ip_hash;/m);
    expect(conf).toMatch(new RegExp(`proxy_pass\\s+http://${upstream[1]};`));
    expect(conf).toMatch(/proxy_set_header\s+Upgrade\s+\$http_upgrade;/);
    const published = String(lb.ports![0]).split(':').at(-1);
    expect(conf).toMatch(new RegExp(`listen\\s+${published};`));
  });

  it('mounts files that exist and declares the volumes it names', () => {
    for (const [name, s] of services) {
      for (const v of (s.volumes ?? []).map(String)) {
        const source = v.split(':')[0]!;
        if (source.startsWith('.')) expect(existsSync(resolve(root, source)), `${name} ${source}`).toBe(true);
        else expect(compose.volumes ?? {}, `${name} ${source}`).toHaveProperty(source);
      }
    }
  });
});

describe('Dockerfile', () => {
  const instructions = readDockerfile(join(root, 'Dockerfile'));
  const stages = stagesOf(instructions);
  const args = Object.fromEntries(
    instructions
      .slice(
        0,
        instructions.findIndex((i) => i.keyword === 'FROM'),
      )
      .filter((i) => i.keyword === 'ARG')
      .map((i) => i.args.split('=') as [string, string]),
  );
  const stageNames = stages.map((s) => s.name);
  const last = instructions.slice(instructions.findLastIndex((i) => i.keyword === 'FROM'));

  it('has the stages compose builds and copies from', () => {
    for (const [name, s] of apps) {
      if (typeof s.build === 'object' && s.build.target) expect(stageNames, name).toContain(s.build.target);
    }
    for (const i of instructions.filter((i) => i.keyword === 'COPY')) {
      const from = /--from=(\S+)/.exec(i.args)?.[1];
      if (from) expect(stageNames).toContain(from);
    }
  });

  it('builds on an exact Node 24 slim image with an exact pnpm, the ones development uses', () => {
    const tools = readFileSync(join(root, 'scripts', 'lib', 'tools.sh'), 'utf8');
    const pnpm = /PNPM_VERSION="\$\{SEED_PNPM_VERSION:-([^}]+)\}"/.exec(tools)?.[1];
    for (const s of stages) {
      const image = s.image.replace(/\$\{(\w+)\}/g, (_, k: string) => args[k] ?? '');
      if (stageNames.includes(image)) continue;
      expect(image).toMatch(/^node:24\.\d+\.\d+-slim$/);
    }
    const pnpmArg = instructions.find((i) => i.keyword === 'ARG' && i.args.startsWith('PNPM_VERSION='))?.args;
    expect(pnpmArg).toMatch(/^PNPM_VERSION=\d+\.\d+\.\d+$/);
    expect(pnpmArg).toBe(`PNPM_VERSION=${pnpm}`);
  });

  it('installs exactly the locked dependencies', () => {
    const installs = instructions.filter((i) => i.keyword === 'RUN' && /pnpm install/.test(i.args));
    expect(installs.length).toBeGreaterThan(0);
    for (const i of installs) expect(i.args).toContain('--frozen-lockfile');
  });

  it('runs the service named by SERVICE as a non-root user', () => {
    const user = last.findLast((i) => i.keyword === 'USER')?.args;
    expect(user).toBeDefined();
    expect(user!.split(':')[0]).not.toMatch(/^(root|0)$/);
    const cmd = last.findLast((i) => i.keyword === 'CMD')!.args;
    expect(cmd).toContain('node');
    expect(cmd).toMatch(/services\/\$\{SERVICE[^}]*\}\/src\/main\.ts/);
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['**/node_modules', '.git', '.env', '.tools']) expect(ignored).toContain(entry);
  });
});
