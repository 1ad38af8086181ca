import type { EventContract, RequestContract } from '../define.ts';
import { defineServiceCleanup } from '../platform/service-cleanup.contract.ts';
import { checkAvailability, deleteProfile, getProfile, signup, updateProfile } from './accounts.contract.ts';
import { invalidateDevices, listDevices, registerDevice, unregisterDevice } from './devices.contract.ts';
import { sessionRevoked, userCreated, userDeleted, userUpdated } from './events.contract.ts';
import { requestPasswordResetEmail, setPassword } from './passwords.contract.ts';
import { listSessions, login, logout, refreshSession, revokeSession } from './sessions.contract.ts';
import { completeAuthUpload, createAuthUpload } from './uploads.contract.ts';
import { findUser, getPublicUser, getUsers, searchUsers } from './users.contract.ts';
import { resendEmailVerification, sendPhoneCode, verifyEmail, verifyPhoneCode } from './verification.contract.ts';

export * from './accounts.contract.ts';
export * from './devices.contract.ts';
export * from './events.contract.ts';
export * from './passwords.contract.ts';
export * from './schemas.ts';
export * from './sessions.contract.ts';
export * from './uploads.contract.ts';
export * from './users.contract.ts';
export * from './verification.contract.ts';

/**
 * Served by auth; called by the worker's `jobs.cleanup.run`: purges expired codes, links, sessions
 * and keys, uploads never completed and avatars no longer in use.
 */
export const authCleanup = defineServiceCleanup('auth');

/** Every request auth serves besides `auth.jwks.get` (a platform contract). */
export const authRequests: RequestContract[] = [
  checkAvailability,
  sendPhoneCode,
  verifyPhoneCode,
  signup,
  verifyEmail,
  resendEmailVerification,
  login,
  refreshSession,
  logout,
  listSessions,
  revokeSession,
  setPassword,
  requestPasswordResetEmail,
  getProfile,
  updateProfile,
  createAuthUpload,
  completeAuthUpload,
  deleteProfile,
  getPublicUser,
  searchUsers,
  getUsers,
  findUser,
  registerDevice,
  unregisterDevice,
  listDevices,
  invalidateDevices,
  authCleanup,
];

export const authEvents: EventContract[] = [userCreated, userUpdated, userDeleted, sessionRevoked];
