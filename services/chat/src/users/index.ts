export { createUserDirectory, type UserDirectory, unknownUser } from './user-directory.ts';
