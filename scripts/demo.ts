/**
 * `npm run demo`: loads demo data into a running cluster through the typed client — users (their
 * logins printed), friendships, a group and a direct room with history, public playlists with
 * videos. Idempotent: a second run finds what the first made and adds nothing.
 * SEED_URL (or GATEWAY_PORT) names the gateway; http://localhost:8080 by default.
 */
import { loadDemo } from './demo/load-demo.ts';

const baseUrl = process.env.SEED_URL ?? `http://localhost:${process.env.GATEWAY_PORT ?? 8080}`;

try {
  const summary = await loadDemo(baseUrl);
  console.log(summary);
} catch (err) {
  console.error(`demo: ${(err as Error).message}`);
  process.exit(1);
}
