export { createPasswordHasher, type PasswordHasher } from './password-hasher.ts';
export { servePasswordsHandlers } from './passwords.handlers.ts';
export {
  createPasswordGuard,
  createPasswordsService,
  hashNewPassword,
  type PasswordGuard,
  type PasswordsService,
} from './passwords.service.ts';
