export { serveAccountsHandlers } from './accounts.handlers.ts';
export { type AccountsService, createAccountsService } from './accounts.service.ts';
export { createUserViews, isActive, type UserViews } from './user-views.ts';
export { createUsersRepository, type UserRow } from './users.repository.ts';
