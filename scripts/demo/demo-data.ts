/** What `npm run demo` loads: stable names and message ids, so a second run finds the first run's data. */
export const DEMO_PASSWORD = 'seed demo password';

export const demoUsers = [
  { key: 'ada', email: 'ada.demo@example.com', nickname: 'demo_ada', name: 'Ada Lovelace' },
  { key: 'grace', email: 'grace.demo@example.com', nickname: 'demo_grace', name: 'Grace Hopper' },
  { key: 'alan', email: 'alan.demo@example.com', nickname: 'demo_alan', name: 'Alan Turing' },
] as const;
export type DemoUserKey = (typeof demoUsers)[number]['key'];

export const demoFriendships: [DemoUserKey, DemoUserKey][] = [
  ['ada', 'grace'],
  ['ada', 'alan'],
  ['grace', 'alan'],
];

export const demoGroupRoom = {
  name: 'Demo: Book club',
  owner: 'ada' as DemoUserKey,
  members: ['grace', 'alan'] as DemoUserKey[],
  history: [
    ['ada', 'Welcome to the book club! This month: "The Analytical Engine".'],
    ['grace', 'Started it last night. The chapter on punched cards is great.'],
    ['alan', 'Can we meet Thursday at eight?'],
    ['ada', 'Thursday at eight works. See you all there.'],
  ] as [DemoUserKey, string][],
};

export const demoDirectRoom = {
  between: ['ada', 'grace'] as [DemoUserKey, DemoUserKey],
  history: [
    ['grace', 'Did you see the new compiler build?'],
    ['ada', 'Yes, it passed every test on the first try.'],
  ] as [DemoUserKey, string][],
};

export const demoPlaylists = [
  {
    owner: 'ada' as DemoUserKey,
    name: 'Demo: Focus music',
    description: 'Long pieces for long thoughts',
    videos: ['https://www.youtube.com/watch?v=jfKfPfyJRdk', 'https://www.youtube.com/watch?v=5qap5aO4i9A'],
  },
  {
    owner: 'grace' as DemoUserKey,
    name: 'Demo: Road trip',
    description: 'Everyone may add a song',
    videos: ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://youtu.be/fJ9rUzIMcZQ'],
  },
];
