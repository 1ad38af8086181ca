/** The groups of operations in the API documents, in the order they are listed. */
export const API_TAGS = [
  {
    name: 'auth',
    description: 'Sign up, verify an email or a phone, sign in, refresh, sign out, sessions, passwords.',
  },
  { name: 'users', description: 'Your own profile and the public view of other users.' },
  { name: 'devices', description: 'Push tokens (FCM) of the signed-in session.' },
  { name: 'auth: uploads', description: 'Avatar uploads.' },
  { name: 'playco', description: 'Shared playlists and their items (PlayCo); live sessions are socket events.' },
  { name: 'chat: friends', description: 'Friends, friend requests and blocks.' },
  { name: 'chat: rooms', description: 'Direct, group and open rooms: members, invitations, settings.' },
  { name: 'chat: messages', description: 'Message history, sending, editing, read receipts, typing.' },
  { name: 'chat: uploads', description: 'Image uploads for messages.' },
  { name: 'files', description: 'Bytes of uploads kept by the local storage driver, under short-lived grants.' },
];
