import type { NextConfig } from "next";
import { securityHeaders } from "./lib/security/headers";

/**
 * PARLEY_TARGET=aws (set by sst.config.ts for its build) makes the Lambda
 * build: DynamoDB is its only store, so the SQL engine is swapped for a module
 * that explains its absence, and PGlite (~9 MB zipped of WebAssembly) and pg
 * stay out of the server function.
 */
const forAws = process.env.PARLEY_TARGET === "aws";

const sqlPackages = ["@electric-sql/pglite", "pg"];

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from
  // node_modules at run time rather than bundled.
  serverExternalPackages: forAws ? [] : sqlPackages,
  // Migrations are read from disk when the SQL store opens; DynamoDB needs none.
  outputFileTracingIncludes: forAws ? {} : { "/**": ["./drizzle/**/*"] },
  // Belt and braces: even a stray import cannot pull the SQL drivers in.
  outputFileTracingExcludes: forAws
    ? { "/**": ["node_modules/@electric-sql/pglite/**", "node_modules/pg/**", "node_modules/pg-*/**", "drizzle/**"] }
    : {},
  turbopack: forAws ? { resolveAlias: { "@/lib/store/sql/open": "./lib/store/aws/sql-open-stub.ts" } } : {},
  poweredByHeader: false,
  // On every response, files and route handlers included; the page policy
  // (Content-Security-Policy) comes from proxy.ts, as it needs a nonce.
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ production: process.env.NODE_ENV === "production" }) }];
  },
  reactStrictMode: true,
};

export default nextConfig;
