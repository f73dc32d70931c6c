import { defineConfig } from 'drizzle-kit';

// One migration stream for PGlite and PostgreSQL: `npm run db:generate` after changing a *.tables.ts file.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/**/*.tables.ts',
  out: './drizzle',
});
