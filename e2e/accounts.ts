// The accounts the e2e server is seeded with (scripts/e2e-server.ts); test-only passwords.
import { LATER_SERVICE_DATE } from "../test/dates";
import { REVISION_1_CASES, REVISION_2_CASES } from "../test/stored-requests";
export const ACCOUNTS = {
  physician: {
    email: "physician1@e2e.test",
    name: "Dr. One",
    role: "physician",
    password: "physician-one-pass",
  },
  otherPhysician: {
    email: "physician2@e2e.test",
    name: "Dr. Two",
    role: "physician",
    password: "physician-two-pass",
  },
  reviewer: {
    email: "reviewer1@e2e.test",
    name: "Reviewer One",
    role: "reviewer",
    password: "reviewer-one-pass",
  },
  otherReviewer: {
    email: "reviewer2@e2e.test",
    name: "Reviewer Two",
    role: "reviewer",
    password: "reviewer-two-pass",
  },
  // Medical directors (physician reviewers): only they deny and decide appeals, each with a
  // specialty 0261's appeals accept.
  director: {
    email: "director1@e2e.test",
    name: "Dr. Director One",
    role: "medical-director",
    specialty: "transplant",
    password: "director-one-pass",
  },
  otherDirector: {
    email: "director2@e2e.test",
    name: "Dr. Director Two",
    role: "medical-director",
    specialty: "hematology/oncology",
    password: "director-two-pass",
  },
  // Used only by the invalid-submission test, so its request count is its own.
  formTester: {
    email: "physician3@e2e.test",
    name: "Dr. Three",
    role: "physician",
    password: "physician-three-pass",
  },
  // Used only by the hostile-input sweeps (route handlers, server actions), so the rows each
  // may store are its own.
  sweeper: {
    email: "physician4@e2e.test",
    name: "Dr. Four",
    role: "physician",
    password: "physician-four-pass",
  },
  actionSweeper: {
    email: "physician5@e2e.test",
    name: "Dr. Five",
    role: "physician",
    password: "physician-five-pass",
  },
  // Used only by the one-request-per-submission tests (the form, the API), each with its own
  // list of requests to count.
  submitter: {
    email: "physician6@e2e.test",
    name: "Dr. Six",
    role: "physician",
    password: "physician-six-pass",
  },
  keyholder: {
    email: "physician7@e2e.test",
    name: "Dr. Seven",
    role: "physician",
    password: "physician-seven-pass",
  },
  admin: { email: "admin@e2e.test", name: "Admin", role: "admin", password: "admin-account-pass" },
} as const;

const SEEDED = {
  patientName: "Seeded Patient",
  patientBirthDate: "1975-01-02",
  orderingPhysician: "Dr. One",
  npi: "1234567893",
  serviceDate: LATER_SERVICE_DATE,
  urgency: "standard",
  clinicalNotes: "",
  answers: {
    service: "hpc-boost",
    priorTransplant: "autologous",
    sameDonor: true,
    preparativeRegimen: false,
    boostIndication: "promote-engraftment",
  },
} as const;

/** Seeded into a fresh database with the fixed references R-<year>-000001 and -000002. */
export const SEEDED_REQUESTS = [
  { ...SEEDED, memberId: "SEED-0001" },
  { ...SEEDED, memberId: "SEED-0002" },
];

export const seededReference = (n: number) =>
  `R-${new Date().getUTCFullYear()}-${String(n).padStart(6, "0")}`;

/**
 * Requests stored under earlier rules revisions (rows as that revision's engine wrote them), owned
 * by the first physician; see test/stored-requests.ts.
 */
export const STORED_REQUESTS = [
  {
    reference: "R-2025-000001",
    memberId: "OLD-0001",
    stored: REVISION_1_CASES["hpc-conditioning"],
  },
  {
    reference: "R-2025-000002",
    memberId: "OLD-0002",
    stored: REVISION_1_CASES["dli-relapsed-cml"],
  },
  // Rules revision 2 read it as not medically necessary; revision 3 asks the indication again.
  {
    reference: "R-2025-000003",
    memberId: "OLD-0003",
    stored: REVISION_2_CASES["hpc-autologous-enhance-chimerism"],
  },
] as const;
