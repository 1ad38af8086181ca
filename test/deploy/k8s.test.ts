import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registry } from '../../packages/contracts/src/index.ts';
import { natsUsers } from '../../packages/runtime/src/security/nats-permissions.ts';
import { passwordVariable } from '../../packages/runtime/src/security/nats-server-config.ts';
import { realKustomize } from './support/kubectl.ts';
import { buildKustomization, type Resource } from './support/kustomize.ts';
import { strictSchemaErrors } from './support/strict-schema.ts';

const root = join(import.meta.dirname, '..', '..');
const k8s = join(root, 'k8s');
const services = readdirSync(join(root, 'services'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const appComponents = new Set(['gateway', 'service', 'worker']);
const OPS_PORT = 9090;

interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; runAsNonRoot?: boolean; runAsUser?: number };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: { containers: Container[]; securityContext?: { runAsNonRoot?: boolean; runAsUser?: number } };
}
type Workload = Resource & { spec: { selector: { matchLabels: Record<string, string> }; template: PodTemplate } };
type Selecting = Resource & { spec: { selector: { matchLabels: Record<string, string> } } };
interface NetworkPolicyRule {
  from?: { ipBlock?: unknown; namespaceSelector?: Record<string, unknown>; podSelector?: unknown }[];
}
type NetworkPolicy = Resource & {
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    policyTypes?: string[];
    ingress?: NetworkPolicyRule[];
  };
};

const of = <T extends Resource>(rs: Resource[], kind: string) => rs.filter((r) => r.kind === kind) as T[];
const named = <T extends Resource>(rs: Resource[], kind: string, name: string) =>
  of<T>(rs, kind).find((r) => r.metadata.name === name);
const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
const workloads = (rs: Resource[]) => [...of<Workload>(rs, 'Deployment'), ...of<Workload>(rs, 'StatefulSet')];
const apps = (rs: Resource[]) =>
  workloads(rs).filter((w) => appComponents.has(w.spec.template.metadata.labels['app.kubernetes.io/component']!));
const mainContainer = (w: Workload) => w.spec.template.spec.containers[0]!;
const portNumber = (c: Container, port: string | number) =>
  typeof port === 'number' ? port : c.ports?.find((p) => p.name === port)?.containerPort;

async function validateSchema(r: Resource): Promise<void> {
  const models = r.apiVersion.startsWith('monitoring.coreos.com/')
    ? '@kubernetes-models/prometheus-operator'
    : 'kubernetes-models';
  const model = await import(/* @vite-ignore */ `${models}/${r.apiVersion}/${r.kind}`);
  new model[r.kind](r).validate();
}

const overlays = {
  dev: buildKustomization(join(k8s, 'overlays', 'dev')),
  prod: buildKustomization(join(k8s, 'overlays', 'prod')),
};

describe.each(Object.entries(overlays))('k8s overlay %s', (overlay, resources) => {
  it('matches what kustomize itself builds', (ctx) => {
    const real = realKustomize(join(k8s, 'overlays', overlay));
    if (!real) return ctx.skip();
    const id = (r: Resource) => `${r.kind}/${r.metadata.name}`;
    const sorted = (rs: Resource[]) => [...rs].sort((a, b) => id(a).localeCompare(id(b)));
    expect(sorted(resources)).toEqual(sorted(real));
  });

  it('is valid against the Kubernetes API schemas', async () => {
    for (const r of resources) await expect(validateSchema(r), `${r.kind}/${r.metadata.name}`).resolves.toBeUndefined();
  });

  it('has no field the schemas do not know', () => {
    expect(strictSchemaErrors(resources)).toEqual([]);
  });

  it('puts everything in one namespace', () => {
    const namespaces = new Set(resources.filter((r) => r.kind !== 'Namespace').map((r) => r.metadata.namespace));
    expect([...namespaces]).toEqual([of(resources, 'Namespace')[0]?.metadata.name]);
  });

  it('runs every service folder as a workload of the one image', () => {
    expect(
      apps(resources)
        .map((w) => w.metadata.name)
        .sort(),
    ).toEqual([...services].sort());
    for (const w of apps(resources)) {
      expect(mainContainer(w).env?.find((e) => e.name === 'SERVICE')?.value, w.metadata.name).toBe(w.metadata.name);
    }
    expect(new Set(apps(resources).map((w) => mainContainer(w).image)).size).toBe(1);
  });

  it('probes, limits and confines every workload', () => {
    for (const w of workloads(resources)) {
      const c = mainContainer(w);
      const pod = w.spec.template.spec.securityContext;
      expect(selects(w.spec.selector.matchLabels, w.spec.template.metadata.labels), w.metadata.name).toBe(true);
      expect(c.readinessProbe, w.metadata.name).toBeDefined();
      expect(c.livenessProbe, w.metadata.name).toBeDefined();
      for (const k of ['cpu', 'memory']) {
        expect(c.resources?.requests?.[k], `${w.metadata.name} ${k} request`).toBeDefined();
        expect(c.resources?.limits?.[k], `${w.metadata.name} ${k} limit`).toBeDefined();
      }
      expect(pod?.runAsNonRoot, w.metadata.name).toBe(true);
      expect(pod?.runAsUser, w.metadata.name).toBeGreaterThan(0);
      expect(c.securityContext?.allowPrivilegeEscalation, w.metadata.name).toBe(false);
    }
  });

  it('checks readiness on /readyz and liveness on /healthz of the ops port', () => {
    for (const w of apps(resources)) {
      const c = mainContainer(w);
      expect(c.readinessProbe?.httpGet?.path, w.metadata.name).toBe('/readyz');
      expect(c.livenessProbe?.httpGet?.path, w.metadata.name).toBe('/healthz');
      expect(portNumber(c, c.readinessProbe!.httpGet!.port), w.metadata.name).toBe(OPS_PORT);
      expect(portNumber(c, c.livenessProbe!.httpGet!.port), w.metadata.name).toBe(OPS_PORT);
    }
  });

  it('configures every service from the ConfigMap and the Secret seed-secrets', () => {
    for (const w of apps(resources)) {
      const refs = mainContainer(w).envFrom ?? [];
      const configMaps = refs.flatMap((r) => (r.configMapRef ? [r.configMapRef.name] : []));
      expect(configMaps.length, w.metadata.name).toBeGreaterThan(0);
      for (const name of configMaps) expect(named(resources, 'ConfigMap', name), name).toBeDefined();
      expect(
        refs.some((r) => r.secretRef?.name === 'seed-secrets'),
        w.metadata.name,
      ).toBe(true);
    }
  });

  it('runs every process as its own NATS user, its password from seed-secrets', () => {
    for (const w of apps(resources)) {
      const env = (mainContainer(w).env ?? []) as {
        name: string;
        value?: string;
        valueFrom?: { secretKeyRef?: { name: string; key: string } };
      }[];
      const name = w.metadata.name;
      expect(env.find((e) => e.name === 'NATS_USER')?.value, name).toBe(name);
      expect(env.find((e) => e.name === 'NATS_PASSWORD')?.valueFrom?.secretKeyRef, name).toEqual({
        name: 'seed-secrets',
        key: passwordVariable(name),
      });
    }
  });

  it('gives every service a disruption budget and an autoscaler', () => {
    for (const w of apps(resources)) {
      const labels = w.spec.template.metadata.labels;
      const pdbs = of<Selecting>(resources, 'PodDisruptionBudget').filter((p) =>
        selects(p.spec.selector.matchLabels, labels),
      );
      expect(pdbs, w.metadata.name).toHaveLength(1);
      const hpa = of<
        Resource & {
          spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number };
        }
      >(resources, 'HorizontalPodAutoscaler').find(
        (h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === w.metadata.name,
      );
      expect(hpa, w.metadata.name).toBeDefined();
      expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(1);
      expect(hpa!.spec.maxReplicas).toBeGreaterThan(hpa!.spec.minReplicas);
    }
  });

  it('routes every Service to pods that have its target ports', () => {
    type Svc = Resource & { spec: { selector: Record<string, string>; ports: { targetPort: string | number }[] } };
    for (const s of of<Svc>(resources, 'Service')) {
      const pods = workloads(resources).filter((w) => selects(s.spec.selector, w.spec.template.metadata.labels));
      expect(pods.length, s.metadata.name).toBeGreaterThan(0);
      for (const p of s.spec.ports) {
        for (const w of pods) expect(portNumber(mainContainer(w), p.targetPort), `${s.metadata.name}`).toBeDefined();
      }
    }
    const gateway = named<Svc>(resources, 'Service', 'gateway')!;
    expect(gateway.spec.ports.map((p) => p.targetPort)).toContain('http');
    expect(portNumber(mainContainer(named<Workload>(resources, 'Deployment', 'gateway')!), 'http')).toBe(8080);
  });

  it('lets only the gateway be reached from outside', () => {
    const policies = of<NetworkPolicy>(resources, 'NetworkPolicy');
    const denyAll = policies.find(
      (p) => Object.keys(p.spec.podSelector.matchLabels ?? {}).length === 0 && !p.spec.ingress?.length,
    );
    expect(denyAll?.spec.policyTypes).toContain('Ingress');
    // A rule lets in the outside when it names no peer, an address block, any namespace, or a
    // namespace other than the monitoring one (e.g. the ingress controller's).
    const open = (rule: NetworkPolicyRule) =>
      !rule.from?.length ||
      rule.from.some((peer) => {
        if (peer.ipBlock) return true;
        if (!peer.namespaceSelector) return false;
        const names = (peer.namespaceSelector as { matchLabels?: Record<string, string> }).matchLabels ?? {};
        return names['kubernetes.io/metadata.name'] !== 'monitoring';
      });
    const public_ = policies.filter((p) => p.spec.ingress?.some(open));
    expect(public_.length).toBeGreaterThan(0);
    for (const p of public_) {
      const reached = workloads(resources).filter((w) =>
        selects(p.spec.podSelector.matchLabels, w.spec.template.metadata.labels),
      );
      expect(
        reached.map((w) => w.metadata.name),
        p.metadata.name,
      ).toEqual(['gateway']);
    }
  });
});

describe('k8s dev overlay', () => {
  const rs = overlays.dev;
  const config = named<Resource & { data: Record<string, string> }>(rs, 'ConfigMap', 'seed-config')!.data;
  const secret = named<Resource & { stringData: Record<string, string> }>(rs, 'Secret', 'seed-secrets')!.stringData;
  const service = (name: string) => named<Resource & { spec: { ports: { port: number }[] } }>(rs, 'Service', name);

  it('runs NATS with JetStream, PostgreSQL and Redis in the cluster', () => {
    for (const name of ['nats', 'postgres', 'redis']) {
      expect(
        workloads(rs).find((w) => w.metadata.name === name),
        name,
      ).toBeDefined();
      expect(service(name), name).toBeDefined();
    }
    expect(mainContainer(workloads(rs).find((w) => w.metadata.name === 'nats')!).args).toContain('-js');
  });

  it('points the services at them', () => {
    const points = (url: string | undefined, name: string) => {
      const u = new URL(url!);
      expect(u.hostname).toBe(name);
      expect(service(name)!.spec.ports.map((p) => p.port)).toContain(Number(u.port));
    };
    points(config.NATS_URL, 'nats');
    points(secret.DATABASE_URL, 'postgres');
    expect(secret.AUTH_KEYS_SECRET?.length).toBeGreaterThanOrEqual(32);
    points(secret.REDIS_URL, 'redis');
    expect(decodeURIComponent(new URL(secret.DATABASE_URL!).password)).toBe(secret.POSTGRES_PASSWORD);
  });
});

describe('k8s dev overlay NATS', () => {
  const rs = overlays.dev;
  const nats = workloads(rs).find((w) => w.metadata.name === 'nats')!;
  const secret = named<Resource & { stringData: Record<string, string> }>(rs, 'Secret', 'seed-secrets')!.stringData;

  it('runs the generated configuration, with a password for every user of it', () => {
    const container = mainContainer(nats) as Container & { volumeMounts?: { name: string; mountPath: string }[] };
    expect(container.args?.slice(0, 2)).toEqual(['-c', '/etc/nats/nats-server.conf']);
    const volumes = (nats.spec.template.spec as { volumes?: { name: string; configMap?: { name: string } }[] }).volumes;
    const config = volumes?.find((v) => v.configMap?.name === 'nats-config');
    expect(container.volumeMounts?.find((m) => m.name === config?.name)?.mountPath).toBe('/etc/nats');
    const env = (container.env ?? []) as { name: string; valueFrom?: { secretKeyRef?: { key: string } } }[];
    for (const { user } of natsUsers(registry)) {
      expect(secret[passwordVariable(user)], user).toBeTruthy();
      expect(env.find((e) => e.name === passwordVariable(user))?.valueFrom?.secretKeyRef?.key, user).toBe(
        passwordVariable(user),
      );
    }
  });
});

describe('k8s prod overlay', () => {
  const rs = overlays.prod;
  type Policy = NetworkPolicy & {
    spec: {
      podSelector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; values: string[] }[] };
      egress?: { to?: unknown[]; ports?: { port: number; protocol: string }[] }[];
    };
  };
  const policies = of<Policy>(rs, 'NetworkPolicy');
  const egressFor = (w: Workload) =>
    policies.filter((p) => {
      const labels = w.spec.template.metadata.labels;
      const m = p.spec.podSelector;
      return (
        p.spec.policyTypes?.includes('Egress') &&
        selects(m.matchLabels, labels) &&
        (m.matchExpressions ?? []).every((e) => e.values.includes(labels[e.key] ?? ''))
      );
    });
  const egressPorts = (w: Workload) =>
    egressFor(w).flatMap((p) => (p.spec.egress ?? []).flatMap((r) => (r.ports ?? []).map((x) => x.port)));

  it('serves HTTPS through an Ingress with a certificate from cert-manager', () => {
    type Ingress = Resource & {
      metadata: { annotations?: Record<string, string> };
      spec: {
        tls?: { hosts: string[]; secretName: string }[];
        rules: {
          host: string;
          http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] };
        }[];
      };
    };
    const [ingress] = of<Ingress>(rs, 'Ingress');
    expect(ingress).toBeDefined();
    expect(Object.keys(ingress!.metadata.annotations ?? {})).toContain('cert-manager.io/cluster-issuer');
    expect(ingress!.spec.tls?.[0]?.secretName).toBeTruthy();
    for (const rule of ingress!.spec.rules) {
      expect(ingress!.spec.tls?.[0]?.hosts).toContain(rule.host);
      for (const path of rule.http.paths)
        expect(path.backend.service).toEqual({ name: 'gateway', port: { name: 'http' } });
    }
    const gatewayService = named<Resource & { spec: { type?: string } }>(rs, 'Service', 'gateway')!;
    expect(gatewayService.spec.type ?? 'ClusterIP').toBe('ClusterIP');
  });

  it('lets clients reach the gateway only through the ingress controller', () => {
    const gateway = policies.find((p) => p.metadata.name === 'gateway-ingress')!;
    expect(gateway.spec.ingress).toEqual([
      expect.objectContaining({
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
      }),
    ]);
  });

  it('lets nothing out of a pod but DNS, NATS, PostgreSQL and Redis, and HTTPS and SMTP where needed', () => {
    const denyAll = policies.find(
      (p) => Object.keys(p.spec.podSelector.matchLabels ?? {}).length === 0 && p.spec.policyTypes?.includes('Egress'),
    );
    expect(denyAll?.spec.egress ?? []).toEqual([]);
    for (const w of apps(rs)) {
      const ports = egressPorts(w);
      expect(ports, w.metadata.name).toEqual(expect.arrayContaining([53, 4222, 5432, 6379]));
      const component = w.spec.template.metadata.labels['app.kubernetes.io/component'];
      expect(ports.includes(443), w.metadata.name).toBe(component !== 'gateway');
      expect(ports.includes(587), w.metadata.name).toBe(w.metadata.name === 'worker');
    }
  });

  it('has Prometheus scrape every process and alert on what breaks', () => {
    type ServiceMonitor = Resource & {
      spec: { selector: { matchLabels: Record<string, string> }; endpoints: { port: string }[] };
    };
    type Svc = Resource & { spec: { selector: Record<string, string>; ports: { name: string }[] } };
    const [monitor] = of<ServiceMonitor>(rs, 'ServiceMonitor');
    const scraped = of<Svc>(rs, 'Service').filter(
      (s) =>
        selects(monitor!.spec.selector.matchLabels, s.metadata.labels ?? {}) &&
        s.spec.ports.some((p) => p.name === 'metrics'),
    );
    for (const w of apps(rs))
      expect(
        scraped.some((s) => selects(s.spec.selector, w.spec.template.metadata.labels)),
        w.metadata.name,
      ).toBe(true);
    expect(monitor!.spec.endpoints.map((e) => e.port)).toEqual(['metrics']);
    for (const w of apps(rs)) {
      const annotations = (w.spec.template.metadata as { annotations?: Record<string, string> }).annotations ?? {};
      expect(annotations['prometheus.io/scrape'], w.metadata.name).toBe('true');
      expect(Number(annotations['prometheus.io/port']), w.metadata.name).toBe(OPS_PORT);
    }

    const [rule] = of<Resource & { spec: { groups: { rules: { alert: string; expr: string }[] }[] } }>(
      rs,
      'PrometheusRule',
    );
    const composeRules = parse(readFileSync(join(root, 'deploy', 'monitoring', 'rules.yml'), 'utf8'));
    expect(rule!.spec).toEqual(composeRules);
    const alerts = rule!.spec.groups.flatMap((g) => g.rules);
    const alertOn = (metric: RegExp) => alerts.filter((a) => metric.test(a.expr)).map((a) => a.alert);
    expect(alertOn(/seed_jobs_stream_messages\{role="dead_letter"\}/)).toHaveLength(1);
    expect(alertOn(/seed_outbox_oldest_age_seconds.*> 60/)).toHaveLength(1);
    expect(alertOn(/seed_jobs_consumer_pending/)).toHaveLength(1);
    expect(alertOn(/seed_http_requests_total\{status=~"5\.\."\}/)).toHaveLength(1);
    expect(alertOn(/nodejs_eventloop_lag/)).toHaveLength(1);
    expect(alertOn(/^up\{/)).toHaveLength(1);
  });

  it('ships the Grafana dashboard of the request path and the jobs', () => {
    const cm = named<Resource & { data: Record<string, string> }>(rs, 'ConfigMap', 'seed-grafana-dashboard')!;
    expect(cm.metadata.labels?.grafana_dashboard).toBe('1');
    const dashboard = JSON.parse(cm.data['seed-dashboard.json']!) as {
      panels: { type: string; title: string; targets?: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    for (const metric of [
      'seed_http_requests_total',
      'seed_nats_request_duration_seconds_bucket',
      'seed_jobs_stream_messages',
      'seed_jobs_consumer_pending',
      'seed_outbox_oldest_age_seconds',
      'seed_db_pool_active',
    ])
      expect(
        exprs.some((e) => e.includes(metric)),
        metric,
      ).toBe(true);
  });

  const config = named<Resource & { data: Record<string, string> }>(rs, 'ConfigMap', 'seed-config')!.data;

  it('uses managed NATS, PostgreSQL and Redis and commits no secret', () => {
    expect(
      workloads(rs)
        .map((w) => w.metadata.name)
        .sort(),
    ).toEqual([...services].sort());
    expect(new URL(config.NATS_URL!).hostname).toContain('.');
    expect(of(rs, 'Secret')).toEqual([]);
  });

  it('runs more replicas than dev, from a registry image', () => {
    type Hpa = Resource & { spec: { minReplicas: number } };
    for (const hpa of of<Hpa>(rs, 'HorizontalPodAutoscaler')) {
      const dev = named<Hpa>(overlays.dev, 'HorizontalPodAutoscaler', hpa.metadata.name)!;
      expect(hpa.spec.minReplicas, hpa.metadata.name).toBeGreaterThan(dev.spec.minReplicas);
    }
    expect(mainContainer(apps(rs)[0]!).image).toMatch(/^[\w.-]+\.[a-z]+\/.+:.+$/);
  });
});

describe('strict manifest check', () => {
  it('fails on a misspelt field, naming the object and the field', () => {
    const withTypo = structuredClone(overlays.prod);
    const gateway = named<Workload>(withTypo, 'Deployment', 'gateway')!;
    const container = mainContainer(gateway) as unknown as Record<string, unknown>;
    container.readinessProb = container.readinessProbe;
    delete container.readinessProbe;
    const errors = strictSchemaErrors(withTypo);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Deployment\/gateway: .*readinessProb.* does not exist in type 'IContainer'/);
  });
});

describe('kustomization loader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-kustomize-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a patch that matches nothing, so a renamed resource is noticed', () => {
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "1"}\n');
    writeFileSync(join(dir, 'patch.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {x: "2"}\n');
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [cm.yaml]\npatches:\n  - path: patch.yaml\n');
    expect(() => buildKustomization(dir)).toThrow(/matches no resource/);
  });

  it('refuses kustomize features it does not implement', () => {
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [cm.yaml]\nsecretGenerator: []\n');
    expect(() => buildKustomization(dir)).toThrow(/secretGenerator not supported/);
  });
});

describe('k8s console', () => {
  const rs = buildKustomization(join(k8s, 'console'));

  it('is valid against the Kubernetes API schemas', async () => {
    for (const r of rs) await expect(validateSchema(r), `${r.kind}/${r.metadata.name}`).resolves.toBeUndefined();
  });

  it('serves the console image unprivileged, probed on /console/, reachable on its HTTP port only', () => {
    const w = named<Workload>(rs, 'Deployment', 'console')!;
    const c = mainContainer(w);
    expect(c.image).toBe('seed-console:dev');
    expect(c.readinessProbe?.httpGet?.path).toBe('/console/');
    expect(w.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 101 });
    expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
    const policy = named<NetworkPolicy>(rs, 'NetworkPolicy', 'console-ingress')!;
    expect(selects(policy.spec.podSelector.matchLabels, w.spec.template.metadata.labels)).toBe(true);
  });
});
