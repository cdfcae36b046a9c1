import "server-only";
import * as z from "zod";

// Validated once, at first use; a bad value stops the server with a message saying which.
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, "must be file:<path> or postgres://…")
    .default("file:./data/app.db"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Signs session cookies. Required in production; `npm start` (demo mode) makes one in ./data.
  AUTH_SECRET: z.optional(z.string().min(32, "must be at least 32 characters")),
  APP_URL: z.url().default("http://localhost:3000"),
  // The plan's list of CPT codes that need prior authorization (rules-0261.md r3: never the
  // policy's word alone). Unset: not configured, and CRD asserts nothing; empty: none need it.
  PRIOR_AUTH_CODES: z.optional(
    z
      .string()
      .transform((s) => s.replace(/\s+/g, ""))
      .pipe(z.string().regex(/^(\d{5}(,\d{5})*)?$/, "must be CPT codes separated by commas")),
  ),
  // Rule-based approval (lib/server/rule-approval.ts): off unless "1"; never for PAS.
  RULE_APPROVAL: z.enum(["0", "1"], "must be 0 or 1").default("0"),
  // The share of rule approvals drawn for a reviewer's retrospective audit, in whole percent.
  RULE_APPROVAL_AUDIT_PERCENT: z.coerce
    .number()
    .int("must be a whole number of percent")
    .min(0, "must be 0 to 100")
    .max(100, "must be 0 to 100")
    .default(10),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    throw new Error(`Invalid environment: ${problems.join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}

/** The cookie-signing secret: the configured one, or in development a fixed local one. */
export function authSecret(): string {
  const { AUTH_SECRET, NODE_ENV } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  if (NODE_ENV === "production")
    throw new Error("Invalid environment: AUTH_SECRET is required in production");
  return "development-only-secret-never-used-in-production";
}
