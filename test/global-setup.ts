import pg from "pg";
import { Redis } from "ioredis";

/** In the services tier, PostgreSQL and Redis are required: fail loudly rather than skip. */
export default async function setup(): Promise<void> {
  if (process.env.DOCKET_TEST_TIER !== "services") return;
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!databaseUrl || !redisUrl) {
    throw new Error("The services tier needs TEST_DATABASE_URL and TEST_REDIS_URL.");
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.end();
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  await redis.ping();
  redis.disconnect();
}
