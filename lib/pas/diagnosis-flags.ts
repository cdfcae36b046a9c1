import type { EhrCode, EhrReader } from "@/lib/policy/engine/ehr-codes";
import { answerLabel, getQuestion, questionText } from "@/lib/policy/engine/questions";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import { isObject } from "@/lib/http/parse-json";

// Pure: a PAS Claim's diagnosis codes read as the policy package reads an EHR's codes (its
// EhrReader, the same one the CRD launch prefills with: one home for what a code means), and
// compared with the answers the QuestionnaireResponse gave. Codes propose, they do not decide: a
// disagreement is a flag for the reviewer, never a refusal, and the answers alone are evaluated.

/** Where the Claim's codes propose another answer than the one given. */
export interface DiagnosisFlag {
  field: string;
  /** The question as the case asks it. */
  question: string;
  /** The answer the codes propose, and the one the QuestionnaireResponse gave (labels). */
  proposed: string;
  answered: string;
  /** The codes behind the proposal, with the package's own title for each. */
  codes: { code: string; title: string }[];
}

/** Claim.diagnosis[].diagnosisCodeableConcept codings, as current Conditions. */
export function claimDiagnosisCodes(claim: Record<string, unknown>): EhrCode[] {
  const diagnoses = Array.isArray(claim.diagnosis) ? claim.diagnosis : [];
  return diagnoses.flatMap((d) => {
    const concept = isObject(d) ? d.diagnosisCodeableConcept : undefined;
    const codings = isObject(concept) && Array.isArray(concept.coding) ? concept.coding : [];
    return codings.flatMap((c) =>
      isObject(c) &&
      typeof c.system === "string" &&
      typeof c.code === "string" &&
      c.code.length <= 20
        ? [
            {
              resource: "Condition" as const,
              system: c.system,
              code: c.code,
              status: "current" as const,
            },
          ]
        : [],
    );
  });
}

/** Each answer the codes propose that the answers contradict; none where the question went unanswered. */
export function diagnosisFlags(
  policy: Pick<PolicyRules, "questions">,
  readEhr: EhrReader,
  codes: readonly EhrCode[],
  answers: Answers,
): DiagnosisFlag[] {
  if (codes.length === 0) return [];
  const prefill = readEhr(codes);
  return Object.entries(prefill.answers).flatMap(([field, proposed]) => {
    const given = answers[field];
    if (given === undefined || proposed === undefined || given === proposed) return [];
    const question = getQuestion(policy, field);
    return [
      {
        field,
        question: questionText(question, answers),
        proposed: answerLabel(question, proposed),
        answered: answerLabel(question, given),
        codes: (prefill.evidence[field] ?? []).map((e) => ({ code: e.code, title: e.title })),
      },
    ];
  });
}

/** The flag in plain words, as the case page shows it. */
export function diagnosisFlagText(flag: DiagnosisFlag): string {
  const codes = flag.codes.map((c) => `${c.code} “${c.title}”`).join(", ");
  return `The EHR's diagnosis code${flag.codes.length === 1 ? "" : "s"} ${codes} point${flag.codes.length === 1 ? "s" : ""} to “${flag.proposed}” for “${flag.question}”, but the answers say “${flag.answered}”. The answers were evaluated; check the record.`;
}
