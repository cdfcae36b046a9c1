// server-only guards React Server Component bundles; under Vitest and tsx there is nothing to guard.
export {};
