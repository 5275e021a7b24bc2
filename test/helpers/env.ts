/** Real PostgreSQL for the services tier (`npm run test:services`), or undefined for PGlite. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
/** Real Redis for the services tier, or undefined for the memory cache. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;
/** True in the services tier, where PostgreSQL and Redis are required. */
export const SERVICES_TIER = process.env.DOCKET_TEST_TIER === "services";
