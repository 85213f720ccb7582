import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Development tools (tools/: the Stripe test tool, …) are separate programs; the product reaches
// them only through settings (e.g. the Stripe SDK's host/port), never by importing them.
const noToolsImport = {
  group: ["@/tools/*", "**/tools/*"],
  message:
    "Product code never imports tools/ (development programs); configure the client instead.",
};

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "dist/**",
      ".data/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
    },
  },
  {
    // Only lib/ talks to the database: pages, components and route handlers call domain functions.
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/generated/prisma/client", "@/lib/generated/prisma/client.ts"],
              message: "Only lib/ may use the Prisma client.",
            },
            {
              group: ["@/lib/db", "@/lib/db.ts"],
              message: "Only lib/ may use the database; call a lib/<domain> function.",
            },
            noToolsImport,
          ],
        },
      ],
    },
  },
  {
    // The rest of the product (app/ and components/ get the rule above, with the Prisma one).
    files: ["**/*.{ts,tsx,mts,mjs}"],
    ignores: [
      "app/**",
      "components/**",
      "tools/**",
      "**/*.test.ts",
      "e2e/**",
      "scripts/**",
      "test/**",
      "bench/**",
      "playwright.config.ts",
    ],
    rules: { "no-restricted-imports": ["error", { patterns: [noToolsImport] }] },
  },
];

export default config;
