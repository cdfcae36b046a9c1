import { describe, expect, it } from "vitest";
import { isValidNpi } from "./npi";
import { FUTURE_SERVICE_DATE } from "@/test/dates";
import { SAMPLE_POLICY } from "@/test/sample-submission";
import { requestSubmissionSchemaFor } from "./request-submission";

const requestSubmissionSchema = requestSubmissionSchemaFor(SAMPLE_POLICY);

describe("isValidNpi", () => {
  it.each([
    ["1234567893", true], // CMS's worked example
    ["1245319599", true],
    ["1234567890", false],
    ["123456789", false],
    ["12345678931", false],
    ["123456789a", false],
  ])("%s → %s", (npi, valid) => {
    expect(isValidNpi(npi)).toBe(valid);
  });
});

const VALID = {
  patientName: "Ada Example",
  patientBirthDate: "1970-03-04",
  memberId: "M-1001",
  orderingPhysician: "Dr. Grace Hopper",
  npi: "1234567893",
  serviceDate: FUTURE_SERVICE_DATE,
  urgency: "standard",
  clinicalNotes: "",
  answers: { service: "dli", priorTransplant: "none" },
};

const issuesOf = (input: unknown) => {
  const result = requestSubmissionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join("."), i.message]);
};

describe("requestSubmissionSchema", () => {
  it("accepts a complete request", () => {
    expect(issuesOf(VALID)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["a blank name", { patientName: "   " }, "patientName", "Patient name is required"],
    [
      "a long name",
      { patientName: "x".repeat(201) },
      "patientName",
      "Patient name must be at most 200 characters",
    ],
    [
      "a birth date that is not a date",
      { patientBirthDate: "04/03/1970" },
      "patientBirthDate",
      "Date of birth must be a date (YYYY-MM-DD)",
    ],
    [
      "February 30",
      { patientBirthDate: "1970-02-30" },
      "patientBirthDate",
      "Date of birth is not a real calendar date",
    ],
    [
      "a birth date in the future",
      { patientBirthDate: "2999-01-01", serviceDate: "2999-02-01" },
      "patientBirthDate",
      "Date of birth cannot be in the future",
    ],
    [
      "a member ID with spaces",
      { memberId: "M 1001" },
      "memberId",
      "Member ID must be 1 to 40 letters, digits or hyphens",
    ],
    [
      "an empty date of birth",
      { patientBirthDate: "" },
      "patientBirthDate",
      "Date of birth is required",
    ],
    ["an empty NPI", { npi: "" }, "npi", "NPI is required"],
    ["a 9-digit NPI", { npi: "123456789" }, "npi", "NPI must be 10 digits"],
    [
      "an NPI with a wrong check digit",
      { npi: "1234567890" },
      "npi",
      "NPI check digit does not match: check the number",
    ],
    [
      "service before birth",
      { serviceDate: "1960-01-01", retrospective: true },
      "serviceDate",
      "Planned date of service cannot be before the date of birth",
    ],
    [
      "a past date of service not marked retrospective",
      { serviceDate: "2020-01-01" },
      "serviceDate",
      "Planned date of service is in the past: if the service was already given, mark the request as retrospective; otherwise correct the date",
    ],
    [
      "a retrospective request for a future date",
      { retrospective: true },
      "retrospective",
      "A retrospective request is for a service already given: its planned date of service must be in the past",
    ],
    [
      "an unknown urgency",
      { urgency: "urgent" },
      "urgency",
      "Urgency must be standard or expedited",
    ],
    [
      "notes over 4,000 characters",
      { clinicalNotes: "x".repeat(4001) },
      "clinicalNotes",
      "Clinical notes must be at most 4,000 characters",
    ],
    [
      "bad answers",
      { answers: { service: "x" } },
      "answers.service",
      "must be one of: dli, hpc-boost",
    ],
  ])("names %s", (_name, change, path, message) => {
    expect(issuesOf({ ...VALID, ...change })).toEqual([[path, message]]);
  });

  it("rejects unknown fields, such as a determination sent by the client", () => {
    const result = requestSubmissionSchema.safeParse({
      ...VALID,
      determination: "medically-necessary",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: "unrecognized_keys", keys: ["determination"] }),
    ]);
  });
});
