import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import type { RequestSubmission } from "@/lib/validations/request-submission";
import { FUTURE_SERVICE_DATE } from "./dates";

/** The policy version the sample is answered under. */
export const SAMPLE_POLICY = coveragePolicy0261.versions[0]!;

/** A complete, medically necessary DLI request (relapsed CML after an allogeneic HSCT). */
export const SAMPLE_SUBMISSION: RequestSubmission = {
  patientName: "Ada Example",
  patientBirthDate: "1970-03-04",
  memberId: "M-1001",
  orderingPhysician: "Dr. Grace Hopper",
  npi: "1234567893",
  serviceDate: FUTURE_SERVICE_DATE,
  urgency: "expedited",
  clinicalNotes: "Relapse 9 months after allogeneic HSCT.",
  answers: {
    service: "dli",
    priorTransplant: "allogeneic",
    sameDonor: true,
    preparativeRegimen: false,
    diagnosis: "cml",
    dliIndication: "relapsed",
  },
};
