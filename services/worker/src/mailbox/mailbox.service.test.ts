import { describe, expect, it } from 'vitest';
import { clickables, createMailboxService } from './mailbox.service.ts';

describe('development mailbox', () => {
  it('finds the links, their tokens and the codes of a message', () => {
    expect(clickables('Open http://localhost:8080/console/?action=verify-email&token=abc123 within 48 hours')).toEqual({
      links: ['http://localhost:8080/console/?action=verify-email&token=abc123'],
      tokens: ['abc123'],
      codes: [],
    });
    expect(clickables('Your Seed verification code is 048213. It expires in 5 minutes.').codes).toEqual(['048213']);
  });

  it('keeps the newest messages first, up to its size, and filters by recipient', () => {
    const mailbox = createMailboxService({ size: 2 });
    for (const to of ['a@example.com', 'B@example.com', 'a@example.com'])
      mailbox.record({ kind: 'email', to, subject: 's', text: `hi ${to}`, data: null });
    expect(mailbox.list({ limit: 10 }).map((m) => m.text)).toEqual(['hi a@example.com', 'hi B@example.com']);
    expect(mailbox.list({ to: 'b@EXAMPLE.com', limit: 10 })).toHaveLength(1);
    expect(mailbox.list({ limit: 1 })).toHaveLength(1);
  });
});
