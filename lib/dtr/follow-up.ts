import type { Bundle, Questionnaire, QuestionnaireResponse } from "@medplum/fhirtypes";
import { reviewerQuestions } from "@/lib/request-model/pend-documents";
import { PACKAGE_BUNDLE_PROFILE, QR_CONTEXT } from "./structure-definitions";
import { MAX_TEXT } from "@/lib/validations/text-limits";

// Pure: the follow-up Questionnaire of a request for more information that asks the EHR for data
// (LOINC 102089-0): one text item per question the reviewer wrote (one a line), fetched with the
// pend item's DTR context id from $questionnaire-package and answered over CDex
// $submit-attachment; the answers become the reply's text.

export interface FollowUp {
  contextId: string;
  criterion: string;
  question: string;
}

export const followUpId = (contextId: string) => `follow-up-${contextId}`;
export const followUpUrl = (base: string, contextId: string) =>
  `${base}/Questionnaire/${followUpId(contextId)}`;
const linkIdOf = (i: number) => `question-${i + 1}`;

export function followUpQuestionnaire(base: string, followUp: FollowUp, now: Date): Questionnaire {
  return {
    resourceType: "Questionnaire",
    id: followUpId(followUp.contextId),
    url: followUpUrl(base, followUp.contextId),
    status: "active",
    title: `More information about: ${followUp.criterion}`,
    subjectType: ["Patient"],
    date: now.toISOString(),
    item: reviewerQuestions(followUp.question).map((text, i) => ({
      linkId: linkIdOf(i),
      text,
      type: "text",
      required: true,
    })),
  };
}

/** The follow-up Questionnaire first, then a draft response with no answers. */
export function followUpBundle(
  base: string,
  followUp: FollowUp,
  coverage: { reference: string; beneficiary: string },
  now: Date,
): Bundle {
  const questionnaire = followUpQuestionnaire(base, followUp, now);
  const draft: QuestionnaireResponse = {
    resourceType: "QuestionnaireResponse",
    meta: { lastUpdated: now.toISOString() },
    extension: [{ url: QR_CONTEXT, valueReference: { reference: coverage.reference } }],
    questionnaire: questionnaire.url,
    status: "in-progress",
    subject: { reference: coverage.beneficiary },
    authored: now.toISOString(),
  };
  return {
    resourceType: "Bundle",
    meta: { profile: [PACKAGE_BUNDLE_PROFILE] },
    type: "collection",
    timestamp: now.toISOString(),
    entry: [
      { fullUrl: questionnaire.url, resource: questionnaire },
      { fullUrl: `urn:uuid:${crypto.randomUUID()}`, resource: draft },
    ],
  };
}

export type FollowUpAnswers = { ok: true; text: string } | { ok: false; problems: string[] };

/**
 * A response to a follow-up Questionnaire as the reply's text: each question, then its answer.
 * Every question must be answered with text; problems are named by their path under `at`.
 */
export function followUpAnswers(
  followUp: FollowUp,
  response: Record<string, unknown>,
  at: string,
): FollowUpAnswers {
  const questions = reviewerQuestions(followUp.question);
  const items = Array.isArray(response.item) ? (response.item as unknown[]) : [];
  const problems: string[] = [];
  const answers = new Map<string, string>();
  items.forEach((item, i) => {
    const path = `${at}.item[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item))
      return problems.push(`${path}: must be an item with a linkId`);
    const { linkId, answer } = item as { linkId?: unknown; answer?: unknown };
    const k = questions.findIndex((_q, j) => linkIdOf(j) === linkId);
    if (k < 0)
      return problems.push(`${path}.linkId: ${JSON.stringify(linkId)} is not a question here`);
    const first = Array.isArray(answer) ? (answer[0] as { valueString?: unknown }) : undefined;
    const value = typeof first?.valueString === "string" ? first.valueString.trim() : "";
    if (!value || value.length > MAX_TEXT)
      return problems.push(`${path}.answer: one valueString of 1 to 4,000 characters`);
    answers.set(linkIdOf(k), value);
  });
  questions.forEach((_q, j) => {
    if (!answers.has(linkIdOf(j)) && problems.length === 0)
      problems.push(`${at}.item: question ${j + 1} (${linkIdOf(j)}) is not answered`);
  });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    text: questions.map((q, j) => `${q}\n${answers.get(linkIdOf(j))}`).join("\n\n"),
  };
}
