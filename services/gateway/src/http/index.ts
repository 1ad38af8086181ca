export { drainConnections, watchHttpActivity } from './connection-drain.ts';
export { contractRoutes } from './contract-routes.ts';
export { apiDocs } from './docs.ts';
export { healthRoutes, readinessChecks } from './health.ts';
export { createHttpServer, type GatewayFastify } from './http-server.ts';
export type { JsonSchema } from './openapi-models.ts';
export { errorResponsesOf, type OperationDocs } from './openapi-schema.ts';
