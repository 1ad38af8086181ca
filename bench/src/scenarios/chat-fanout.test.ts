import { describe, expect, it } from 'vitest';
import type { FanoutResult } from '../chat-fanout/fanout-run.ts';
import { checks, type Phase } from './chat-fanout.ts';

const result = (p50Ms: number, p99Ms: number): FanoutResult => ({
  sent: 1_000,
  expected: 1_000_000,
  received: 1_000_000,
  duplicates: 0,
  p50Ms,
  p99Ms,
  maxMs: p99Ms * 2,
  firstP50Ms: 1,
  firstP99Ms: 2,
});
const idle = { perSocket: 40 * 1024, marginal: 38 * 1024, base: 90e6, total: 170e6, sockets: 2_200 };
// 1,000 messages to 1,001 sockets: 1,001,000 deliveries, so 1,001 ms of CPU is 1 µs per delivery.
const bare: Phase = { result: result(4, 30), idle, cpuMs: { bare: 10_010, receivers: 5_000 } };
const chat = (p99Ms: number, gatewayMs: number): Phase => ({
  result: result(6, p99Ms),
  idle,
  cpuMs: { chat: 2_002, 'gateway-a': gatewayMs, 'gateway-b': gatewayMs, receivers: 5_000 },
});
const verdicts = (phase: Phase) => checks(bare, phase).map((c) => [c.name, c.actual, c.pass]);

describe('chat fan-out targets', () => {
  it('passes chat at 1.5× the bare server’s p99 with less gateway CPU per delivery', () => {
    expect(verdicts(chat(45, 4_004)).slice(0, 4)).toEqual([
      ['p99 send → receive, chat ÷ bare', '1.50× (45 vs 30 ms)', true],
      ['p50 send → receive, chat ÷ bare', '1.50× (6 vs 4 ms)', true],
      ['CPU per delivery, both gateways vs bare server', '8.0 µs vs 10.0 µs (0.80×)', true],
      ['CPU per delivery, gateways + chat vs bare server', '10.0 µs vs 10.0 µs (1.00×)', true],
    ]);
  });

  it('misses when chat’s p99 is past 1.5× the bare server’s or its gateways spend more per delivery', () => {
    expect(verdicts(chat(60, 6_006)).filter(([, , pass]) => !pass)).toEqual([
      ['p99 send → receive, chat ÷ bare', '2.00× (60 vs 30 ms)', false],
      ['CPU per delivery, both gateways vs bare server', '12.0 µs vs 10.0 µs (1.20×)', false],
    ]);
  });
});
