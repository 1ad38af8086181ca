import { defineEvent, defineJob, defineRequest, type Registry, registry } from '@seed/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inboxPrefixOf, natsUsers, servicesOf } from './nats-permissions.ts';
import { natsServerConfig, passwordVariable } from './nats-server-config.ts';

const permissionsOf = (r: Registry, user: string) => natsUsers(r).find((u) => u.user === user)!.permissions;
const clientFacing = registry.requests.filter((c) => c.access !== 'internal').map((c) => c.subject);

describe('NATS permissions from the contract registry', () => {
  it('lets the gateway alone publish signed-in and public requests', () => {
    for (const { user, permissions } of natsUsers(registry)) {
      const published = clientFacing.filter((s) => permissions.publish.allow.includes(s));
      expect(published, user).toEqual(user === 'gateway' ? clientFacing : []);
      expect(
        permissions.publish.allow.some((s) => s === '>' || /^[a-z]+\.>$/.test(s)),
        user,
      ).toBe(false);
    }
  });

  it('has each service serve its own subjects and publish only its own events', () => {
    for (const service of servicesOf(registry)) {
      const p = permissionsOf(registry, service);
      const own = registry.requests.filter((c) => c.subject.startsWith(`${service}.`)).map((c) => c.subject);
      expect(p.subscribe.allow, service).toEqual(
        expect.arrayContaining([...own, '$SRV.>', `${inboxPrefixOf(service)}.>`]),
      );
      const foreignRequests = registry.requests.filter((c) => !c.subject.startsWith(`${service}.`));
      expect(
        p.subscribe.allow.filter((s) => foreignRequests.some((c) => c.subject === s)),
        service,
      ).toEqual([]);
      const events = registry.events.map((e) => e.subject).filter((s) => p.publish.allow.includes(s));
      for (const subject of events)
        expect(subject.startsWith(`${service}.`) || subject.startsWith('gateway.'), subject).toBe(true);
    }
  });

  it('leaves the job streams to the worker and every inbox to its owner', () => {
    for (const { user, permissions } of natsUsers(registry)) {
      const inboxes = permissions.subscribe.allow.filter((s) => s.startsWith('_INBOX'));
      expect(inboxes, user).toEqual([`${inboxPrefixOf(user)}.>`]);
      if (user === 'worker') expect(permissions.publish.allow).toContain('$JS.ACK.JOBS.>');
      else
        expect(permissions.publish.deny, user).toEqual(
          expect.arrayContaining(['$JS.API.CONSUMER.MSG.NEXT.JOBS.>', '$JS.ACK.JOBS.>']),
        );
    }
  });

  it('gives a service added to the registry its own user with nothing else to list', () => {
    const cards: Registry = {
      ...registry,
      requests: [
        ...registry.requests,
        defineRequest({ subject: 'cards.card.get', access: 'user', request: z.object({}), reply: z.object({}) }),
        defineRequest({
          subject: 'cards.profile.owner',
          access: 'internal',
          request: z.object({}),
          reply: z.object({}),
        }),
      ],
      events: [...registry.events, defineEvent({ subject: 'cards.card.changed', payload: z.object({}) })],
      jobs: [...registry.jobs, defineJob({ subject: 'jobs.files.sync', payload: z.object({}) })],
    };
    expect(servicesOf(cards)).toContain('cards');
    const p = permissionsOf(cards, 'cards');
    expect(p.subscribe.allow).toEqual(expect.arrayContaining(['cards.card.get', 'cards.profile.owner']));
    expect(p.publish.allow).toEqual(expect.arrayContaining(['cards.card.changed', 'jobs.files.sync', 'auth.user.get']));
    expect(p.publish.allow).not.toContain('cards.card.get');
    expect(permissionsOf(cards, 'gateway').publish.allow).toContain('cards.card.get');
    expect(permissionsOf(cards, 'chat').publish.allow).toContain('cards.profile.owner');
    expect(permissionsOf(cards, 'worker').publish.allow).toEqual(
      expect.arrayContaining(['jobs.files.sync', 'dlq.jobs.files.sync']),
    );
    expect(natsServerConfig(natsUsers(cards))).toContain(`password: $${passwordVariable('cards')}`);
  });

  it('writes a TLS block when asked, and never a password', () => {
    const config = natsServerConfig(natsUsers(registry), {
      tls: { certFile: '/tls/tls.crt', keyFile: '/tls/tls.key', caFile: '/tls/ca.crt', verifyClients: true },
    });
    expect(config).toMatch(
      /tls \{\n {2}cert_file: "\/tls\/tls.crt"\n {2}key_file: "\/tls\/tls.key"\n {2}ca_file: "\/tls\/ca.crt"\n {2}verify: true\n\}/,
    );
    expect(config.match(/password: \$NATS_PASSWORD_[A-Z]+\n/g)).toHaveLength(natsUsers(registry).length);
  });
});
