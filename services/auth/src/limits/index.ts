export { atEqualTime } from './equal-time.ts';
export { enforce, tooMany } from './limit-errors.ts';
export { accountLockSubject, createLoginLockout, type LoginLockout } from './login-lockout.ts';
export { createRateLimiter, type RateLimiter } from './rate-limiter.ts';
