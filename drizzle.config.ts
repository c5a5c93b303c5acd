import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is part of the workflow (offline); the app
// applies the generated migrations itself at start (lib/store/sql/open.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/store/sql/schema.ts",
  out: "./drizzle",
  ...(process.env.DATABASE_URL
    ? { dbCredentials: { url: process.env.DATABASE_URL } }
    : {}),
});
