import { appliesWhen } from "@/lib/policy/engine/evaluate";
import { getQuestion, isYesNo, optionFor } from "@/lib/policy/engine/questions";
import type { Condition, Gate, PolicyRules, Rule } from "@/lib/policy/engine/types";

// The wizard asks a question when its "asked when" holds on the answers that are themselves
// asked, and no earlier gate has decided the case or is still waiting for an answer
// (lib/policy/engine/evaluate.ts). The same reading in FHIRPath, as SDC root variables that each
// item's enableWhenExpression combines, so any SDC form filler enables exactly those questions.
// Every test reads only answers whose own question is asked (`asked_<field>`), so an answer a
// form filler keeps for a disabled item never counts: disabled items count as unanswered. An
// answer whose option is not offered for the case (an item's answerOptionsToggleExpression) does
// not count either, as evaluate() reads it.

export interface FhirPathVariable {
  name: string;
  expression: string;
}

const answer = (field: string) => `%resource.item.where(linkId = '${field}').answer`;

const literal = (value: string | number | boolean) =>
  typeof value === "string" ? `'${value}'` : String(value);

function valueTest(policy: PolicyRules, condition: Condition): string {
  const value = `${answer(condition.field)}.value`;
  if ("below" in condition) return `${value}.where($this < ${condition.below}).exists()`;
  if ("atLeast" in condition) return `${value}.where($this >= ${condition.atLeast}).exists()`;
  const question = getQuestion(policy, condition.field);
  if (question.kind === "choice" && !isYesNo(question))
    return `${value}.where(code in (${condition.in.map(literal).join(" | ")})).exists()`;
  return `${value}.where(${condition.in.map((v) => `$this = ${literal(v)}`).join(" or ")}).exists()`;
}

const all = (parts: readonly string[]) =>
  parts.length === 0 ? "true" : parts.map((p) => `(${p})`).join(" and ");
const any = (parts: readonly string[]) =>
  parts.length === 0 ? "false" : parts.map((p) => `(${p})`).join(" or ");

/** The gate's name in variable names: its question, or the conclusion at its step. */
const gateName = (gate: Gate) => gate.field ?? `conclusion${gate.step}`;

/** The policy's enable logic as FHIRPath, from its gates. */
export function enableLogic(policy: PolicyRules) {
  /**
   * A condition holds on the answers that count: its question is asked, its value fits, and a
   * value whose option is offered only in some cases is given in one of them.
   */
  const holds = (conditions: readonly Condition[]): string =>
    all(conditions.map((c) => `%asked_${c.field} and ${counts(c)}`));
  const counts = (c: Condition): string => {
    if (!("in" in c)) return valueTest(policy, c);
    const question = getQuestion(policy, c.field);
    const limited = c.in.filter((v) => optionFor(question, v)?.offered);
    if (limited.length === 0) return valueTest(policy, c);
    const free = c.in.filter((v) => !limited.includes(v));
    return any([
      ...(free.length ? [valueTest(policy, { field: c.field, in: free })] : []),
      ...limited.map(
        (v) =>
          `${valueTest(policy, { field: c.field, in: [v] })} and ${holds(optionFor(question, v)!.offered!.when)}`,
      ),
    ]);
  };
  const applies = (gate: Gate) =>
    gate.field ? `%asked_${gate.field}` : holds(appliesWhen(policy, gate));

  /** The first rule that holds lets the case go on (it decides nothing). */
  const goesOn = (rules: readonly Rule[]) =>
    any(
      rules.flatMap((rule, i) =>
        rule.determination
          ? []
          : [
              i === 0
                ? holds(rule.when)
                : `${holds(rule.when)} and (${any(rules.slice(0, i).map((r) => holds(r.when)))}).not()`,
            ],
      ),
    );

  const { gates } = policy;
  const asked = gates.flatMap((gate) =>
    gate.field
      ? [
          {
            name: `asked_${gate.field}`,
            expression: holds(getQuestion(policy, gate.field).askedWhen),
          },
        ]
      : [],
  );
  const passed = gates.map((gate) => ({
    name: `passed_${gateName(gate)}`,
    expression: gate.field
      ? all([`${answer(gate.field)}.exists()`, goesOn(gate.rules)])
      : goesOn(gate.rules),
  }));
  // reached_<gate>: every earlier gate either does not apply or let the case go on.
  const reached = gates.slice(1).map((gate, i) => {
    const previous = gates[i]!;
    const before = i === 0 ? "true" : `%reached_${gateName(previous)}`;
    return {
      name: `reached_${gateName(gate)}`,
      expression: all([before, `(${applies(previous)}).not() or %passed_${gateName(previous)}`]),
    };
  });
  return {
    /** The Questionnaire's root variables, in the order they are evaluated. */
    variables: [...asked, ...passed, ...reached] as FhirPathVariable[],
    /** An item's enableWhenExpression, or undefined for the first gate's question. */
    expressionFor: (field: string) =>
      gates.findIndex((g) => g.field === field) === 0
        ? undefined
        : `%asked_${field} and %reached_${field}`,
    /** Whether conditions hold on the answers that count, as a FHIRPath expression. */
    holds,
  };
}
