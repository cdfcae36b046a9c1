import { askedEntries, countedAnswers, type Evaluation } from "@/lib/policy/engine/evaluate";
import { getPassage, sectionLabel } from "@/lib/policy/engine/passages";
import { citationsFor, optionFor, optionHelp, questionHelp } from "@/lib/policy/engine/questions";
import type { Passage, Policy } from "@/lib/policy/engine/types";

export interface AnswerWithPassages {
  field: string;
  question: string;
  answer: string;
  /** The help the form showed with the question and the chosen answer, in this case only. */
  help: string[];
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
    const option =
      question && entry.answer !== undefined ? optionFor(question, entry.answer) : undefined;
    return {
      field: entry.field,
      question: entry.question ?? question?.text ?? entry.field,
      answer: entry.answerLabel ?? "Not answered",
      help: question
        ? [...questionHelp(question, answers), ...(option ? optionHelp(option, answers) : [])]
        : [],
      passages: ids.map((id) => {
        const passage = getPassage(policy, id);
        return { id, section: sectionLabel(policy.meta, passage), passage };
      }),
    };
  });
}
