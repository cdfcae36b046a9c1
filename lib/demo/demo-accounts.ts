// The accounts `npm start` (demo mode) creates: a physician, a reviewer and two medical
// directors. Their passwords are public, in the README's
// Quick start, and are never printed: stdout is the server's log.
export const DEMO_USERS = [
  {
    email: "physician@demo.test",
    name: "Dr. Demo Physician",
    role: "physician",
    password: "demo-physician-0261",
  },
  {
    email: "reviewer@demo.test",
    name: "Demo Reviewer",
    role: "reviewer",
    password: "demo-reviewer-0261",
  },
  // Two medical directors, so a denial by one can be appealed to the other.
  {
    email: "director@demo.test",
    name: "Dr. Demo Director",
    role: "medical-director",
    specialty: "transplant",
    password: "demo-director-0261",
  },
  {
    email: "director2@demo.test",
    name: "Dr. Demo Second Director",
    role: "medical-director",
    specialty: "hematology/oncology",
    password: "demo-director2-0261",
  },
] as const;

/** What `npm start` prints before next start: where to go and who to sign in as, no password. */
export function demoBanner(port: string, users: readonly { email: string; role: string }[]) {
  return [
    "",
    `Demo mode — the prior authorization workspace on http://localhost:${port}`,
    ...users.map((u) => `  ${`${u.role}:`.padEnd(18)}${u.email}`),
    "The demo passwords are in README.md (Quick start). These accounts exist only because of",
    "npm start; a deployment runs next start and adds accounts with npm run user:add.",
    "",
  ].join("\n");
}
