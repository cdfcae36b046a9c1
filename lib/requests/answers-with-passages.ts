import { askedEntries, countedAnswers, type Evaluation } from "@/lib/policy/engine/evaluate";
import { getPassage, sectionLabel } from "@/lib/policy/engine/passages";
import { citationsFor } from "@/lib/policy/engine/questions";
import type { Passage, Policy } from "@/lib/policy/engine/types";

export interface AnswerWithPassages {
  field: string;
  question: string;
  answer: string;
  passages: { id: string; section: string; passage: Passage }[];
}

/**
 * Every asked answer of an evaluation with the policy passages it rests on: one walk, read by the
 * request pages and the PDF alike.
 */
export function answersWithPassages(policy: Policy, evaluation: Evaluation): AnswerWithPassages[] {
  const answers = countedAnswers(evaluation);
  return askedEntries(evaluation).map((entry) => {
    const question = policy.questions.find((q) => q.field === entry.field);
    const ids = question ? citationsFor(question, entry.answer, answers) : entry.cites;
    return {
      field: entry.field,
      question: entry.question ?? question?.text ?? entry.field,
      answer: entry.answerLabel ?? "Not answered",
      passages: ids.map((id) => {
        const passage = getPassage(policy, id);
        return { id, section: sectionLabel(policy.meta, passage), passage };
      }),
    };
  });
}
