import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/jobs/bench-jobs.ts',
  out: './drizzle',
  schemaFilter: ['bench_jobs'],
});
