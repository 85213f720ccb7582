import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

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
          ],
        },
      ],
    },
  },
];

export default config;
