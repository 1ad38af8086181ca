export { ifMatchVersion } from './binding-headers.ts';
export { contractRoutes } from './contract-routes.ts';
export { readCookie, tokenCookie } from './cookies.ts';
export { apiDocs } from './docs.ts';
export { toHttpError } from './error-mapping.ts';
export { healthRoutes, readinessChecks } from './health.ts';
export { createHttpServer, type GatewayFastify } from './http-server.ts';
export type { JsonSchema } from './openapi-models.ts';
