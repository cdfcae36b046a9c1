import {
  evidenceOf,
  familyOf,
  normalizeCode,
  type EhrEvidence,
  type EhrHint,
  type EhrPrefill,
  type EhrReader,
} from "@/lib/policy/engine/ehr-codes";
import { answerLabel, getQuestion } from "@/lib/policy/engine/questions";
import type { Answers } from "@/lib/policy/engine/types";
import { QUESTIONS } from "./questions";
import type { Diagnosis } from "./fields";
import {
  ICD_10_CM,
  IN_RELAPSE,
  MALIGNANCY_CODES,
  MALIGNANCY_HISTORY_CODES,
  NON_MALIGNANT_CODES,
  TRANSPLANT_CONDITION_CODES,
} from "./icd10";
import { transplantReading } from "./transplant-codes";

// rules-0261.md r3, "Answers prefilled from EHR data": a code proves that something happened, not
// what did not happen. So an answer is prefilled only where a code proves it (an allogeneic HSCT,
// a hematologic malignancy), and never one that would by itself lead to an adverse or
// experimental reading (no "Autologous HSCT only", no "Non-malignant condition", no DLI
// indication): those become hints beside the question.

const diagnosisLabel = (value: Diagnosis) =>
  answerLabel(getQuestion({ questions: QUESTIONS }, "diagnosis"), value);
const quoted = (e: EhrEvidence) => `EHR code ${e.code} “${e.title}”`;

/** Policy 0261's reading of a patient's EHR codes. Pure: the same codes, the same prefill. */
export const readEhr0261: EhrReader = (codes) => {
  const answers: Answers = {};
  const evidence: Record<string, EhrEvidence[]> = {};
  const hints: EhrHint[] = [];

  // priorTransplant: any allogeneic code anywhere in the history prefills Allogeneic; otherwise
  // an autologous one is a hint, as are codes that follow an allogeneic HSCT or any HSCT.
  const transplant = { allogeneic: [], autologous: [], toward: [], untyped: [] } as Record<
    "allogeneic" | "autologous" | "toward" | "untyped",
    EhrEvidence[]
  >;
  for (const found of codes) {
    if (found.resource === "Procedure") {
      const read = transplantReading(found.system, found.code);
      if (!read) continue;
      const key = read.reading === "toward-allogeneic" ? "toward" : read.reading;
      transplant[key].push(evidenceOf(found, read.title));
    } else if (found.system === ICD_10_CM) {
      // Transplant status and complications are history in any clinical status.
      const family = familyOf(TRANSPLANT_CONDITION_CODES, found.code);
      if (family)
        transplant[family.value === "toward-allogeneic" ? "toward" : "untyped"].push(
          evidenceOf(found, family.title),
        );
    }
  }
  if (transplant.allogeneic.length) {
    answers.priorTransplant = "allogeneic";
    evidence.priorTransplant = transplant.allogeneic;
  } else {
    const hint = (list: EhrEvidence[], text: (e: EhrEvidence) => string) =>
      list.forEach((e) => hints.push({ field: "priorTransplant", text: text(e), evidence: [e] }));
    hint(
      transplant.autologous,
      (e) => `${quoted(e)}: an autologous HSCT is recorded; was there a later allogeneic HSCT?`,
    );
    hint(
      transplant.toward,
      (e) =>
        `${quoted(e)}: this follows an allogeneic HSCT; if the record confirms one, answer Allogeneic.`,
    );
    hint(transplant.untyped, (e) => `${quoted(e)}: an HSCT is recorded; its type is not coded.`);
  }

  // diagnosis: current Conditions (active, recurrence, relapse, remission: pre-emptive DLI is
  // given in remission) with a malignancy code. Two different values prefill nothing.
  const malignancies = codes.flatMap((found) => {
    if (found.resource !== "Condition" || found.system !== ICD_10_CM) return [];
    const family = familyOf(MALIGNANCY_CODES, found.code);
    return family && found.status === "current" ? [{ found, family }] : [];
  });
  const values = [...new Set(malignancies.map((m) => m.family.value))];
  if (values.length === 1) {
    answers.diagnosis = values[0]!;
    evidence.diagnosis = malignancies.map((m) => evidenceOf(m.found, m.family.title));
  } else
    for (const { found, family } of malignancies) {
      const e = evidenceOf(found, family.title);
      hints.push({
        field: "diagnosis",
        text: `${quoted(e)} points to ${diagnosisLabel(family.value)}; other codes point elsewhere, so nothing was filled in.`,
        evidence: [e],
      });
    }

  // A non-malignant hint, never when a malignancy or a history of one is recorded in any
  // clinical status (inactive, resolved and status-less Conditions are read for this check).
  const anyMalignancy = codes.some(
    (found) =>
      found.resource === "Condition" &&
      found.system === ICD_10_CM &&
      (familyOf(MALIGNANCY_CODES, found.code) ?? familyOf(MALIGNANCY_HISTORY_CODES, found.code)),
  );
  if (!anyMalignancy)
    for (const found of codes) {
      if (found.resource !== "Condition" || found.system !== ICD_10_CM) continue;
      if (found.status !== "current") continue;
      const family = familyOf(NON_MALIGNANT_CODES, found.code);
      if (!family?.value) continue;
      const e = evidenceOf(found, family.title);
      hints.push({
        field: "diagnosis",
        text: `${quoted(e)}: a non-malignant condition is recorded. If the DLI is given for it, answer Non-malignant condition.`,
        evidence: [e],
      });
    }

  // dliIndication: never prefilled. "In relapse" is often the relapse before the HSCT.
  for (const { found } of malignancies)
    if (IN_RELAPSE.test(normalizeCode(found.code))) {
      const e = evidenceOf(found, familyOf(MALIGNANCY_CODES, found.code)!.title);
      hints.push({
        field: "dliIndication",
        text: `EHR code ${e.code} 'in relapse': if this relapse occurred after the HSCT, answer Relapsed.`,
        evidence: [e],
      });
    }

  return { answers, evidence, hints } satisfies EhrPrefill;
};
