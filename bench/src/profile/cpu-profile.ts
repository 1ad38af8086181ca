/** The parts of a V8 `.cpuprofile` (as `node --cpu-prof` writes it) that the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
  /** µs before each sample. */
  timeDeltas: number[];
}

export interface FrameTime {
  /** `function (module)` */
  frame: string;
  module: string;
  us: number;
  share: number;
}

export interface ProfileSummary {
  /** Sampled time in the window, in µs, idle included. */
  totalUs: number;
  /** Time the process ran JavaScript, native code or GC (all but `(idle)`), in µs. */
  busyUs: number;
  /** Self time by module, busiest first; shares are of busy time. */
  modules: FrameTime[];
  /** Self time by function. */
  selfFrames: FrameTime[];
  /** Time with the function anywhere on the stack (each sample counted once per function). */
  inclusiveFrames: FrameTime[];
}

const PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/;
const WORKSPACE = /\/((?:packages|services|bench)\/[^/]+)\/src\/(.*?)\.ts$/;

/**
 * Where a frame's code lives: an npm package (`@nats-io/nats-core`), a workspace package and its
 * folder (`packages/runtime nats`), a Node built-in (`node:internal/…` as `node internals`), or a
 * V8 pseudo-frame such as `(garbage collector)`.
 */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = PACKAGE.exec(url);
  if (pkg) return pkg[1]!;
  const workspace = WORKSPACE.exec(url);
  if (workspace) {
    const folder = workspace[2]!.includes('/') ? workspace[2]!.split('/')[0] : workspace[2];
    return `${workspace[1]} ${folder}`;
  }
  if (url.startsWith('node:internal/')) return `node:${url.slice('node:internal/'.length).split('/')[0]}`;
  if (url.startsWith('node:')) return url;
  return url.split('/').slice(-2).join('/');
}

const frameName = (fn: string, module: string) => `${(fn || '(anonymous)').slice(0, 80)} (${module})`;

/**
 * Self and inclusive time by module and function over the samples of the last `lastSeconds` of
 * the profile (all of it by default), so start-up and warm-up can be left out.
 */
export function summarizeProfile(
  profile: CpuProfile,
  opts: { lastSeconds?: number; top?: number } = {},
): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const top = opts.top ?? 25;
  const from = opts.lastSeconds === undefined ? Number.NEGATIVE_INFINITY : profile.endTime - opts.lastSeconds * 1e6;

  const self = new Map<string, number>();
  const modules = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const moduleNames = new Map<string, string>();
  let totalUs = 0;
  let idleUs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (at < from || us <= 0) return;
    totalUs += us;
    const leaf = byId.get(id);
    if (!leaf) return;
    if (leaf.callFrame.functionName === '(idle)') {
      idleUs += us;
      return;
    }
    const leafModule = moduleOf(leaf.callFrame.url, leaf.callFrame.functionName);
    const leafName = frameName(leaf.callFrame.functionName, leafModule);
    moduleNames.set(leafName, leafModule);
    self.set(leafName, (self.get(leafName) ?? 0) + us);
    modules.set(leafModule, (modules.get(leafModule) ?? 0) + us);
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const frame = byId.get(node)!.callFrame;
      if (frame.functionName === '(root)') break;
      const module = moduleOf(frame.url, frame.functionName);
      const name = frameName(frame.functionName, module);
      if (seen.has(name)) continue;
      seen.add(name);
      moduleNames.set(name, module);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  });
  const busyUs = totalUs - idleUs;
  const ranked = (times: Map<string, number>, moduleOfKey: (key: string) => string) =>
    [...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, us]) => ({ frame, module: moduleOfKey(frame), us, share: busyUs ? us / busyUs : 0 }));
  return {
    totalUs,
    busyUs,
    modules: ranked(modules, (m) => m),
    selfFrames: ranked(self, (f) => moduleNames.get(f) ?? ''),
    inclusiveFrames: ranked(inclusive, (f) => moduleNames.get(f) ?? ''),
  };
}

/** The summary as text: busy share, then modules, self frames and inclusive frames with their shares. */
export function formatProfileSummary(name: string, s: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  const list = (title: string, rows: FrameTime[], label: (r: FrameTime) => string) => [
    title,
    ...rows.map((r) => `  ${pct(r.share)}  ${label(r)}`),
  ];
  return [
    `${name}: ${(s.busyUs / 1e6).toFixed(1)} s busy of ${(s.totalUs / 1e6).toFixed(1)} s sampled; shares are of busy time`,
    ...list('self time by module:', s.modules, (r) => r.module),
    ...list('self time by function:', s.selfFrames, (r) => r.frame),
    ...list('inclusive time by function:', s.inclusiveFrames, (r) => r.frame),
  ].join('\n');
}
