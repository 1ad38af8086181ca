export { createUserDirectory, type UserDirectory } from './user-directory.ts';
