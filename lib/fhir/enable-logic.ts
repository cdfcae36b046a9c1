import type { Condition } from "@/lib/policy/conditions";
import type { Field } from "@/lib/policy/fields";
import { GATES, type Gate, type Rule } from "@/lib/policy/gates";
import { getQuestion } from "@/lib/policy/questions";
import { isYesNo } from "./items";

// The wizard asks a question when its "asked when" holds on the answers that are themselves
// asked, and no earlier gate has decided the case or is still waiting for an answer
// (lib/policy/evaluate.ts). The same reading in FHIRPath, as SDC root variables that each
// item's enableWhenExpression combines, so any SDC form filler enables exactly those questions.
// Every test reads only answers whose own question is asked (`asked_<field>`), so an answer a
// form filler keeps for a disabled item never counts: disabled items count as unanswered.

export interface FhirPathVariable {
  name: string;
  expression: string;
}

const answer = (field: Field) => `%resource.item.where(linkId = '${field}').answer`;

const literal = (value: string | number | boolean) =>
  typeof value === "string" ? `'${value}'` : String(value);

function valueTest(condition: Condition): string {
  const value = `${answer(condition.field)}.value`;
  if ("below" in condition) return `${value}.where($this < ${condition.below}).exists()`;
  if ("atLeast" in condition) return `${value}.where($this >= ${condition.atLeast}).exists()`;
  const question = getQuestion(condition.field);
  if (question.kind === "choice" && !isYesNo(question))
    return `${value}.where(code in (${condition.in.map(literal).join(" | ")})).exists()`;
  return `${value}.where(${condition.in.map((v) => `$this = ${literal(v)}`).join(" or ")}).exists()`;
}

const all = (parts: readonly string[]) =>
  parts.length === 0 ? "true" : parts.map((p) => `(${p})`).join(" and ");
const any = (parts: readonly string[]) =>
  parts.length === 0 ? "false" : parts.map((p) => `(${p})`).join(" or ");

/** A condition holds on the answers that are asked: its question is asked, and its value fits. */
const holds = (conditions: readonly Condition[]) =>
  all(conditions.map((c) => `%asked_${c.field} and ${valueTest(c)}`));

/** The gate's name in variable names: its question, or the conclusion at its step. */
const gateName = (gate: Gate) => gate.field ?? `conclusion${gate.step}`;

const applies = (gate: Gate) => (gate.field ? `%asked_${gate.field}` : holds(gate.appliesWhen));

/** The first rule that holds lets the case go on (it decides nothing). */
function goesOn(rules: readonly Rule[]): string {
  return any(
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
}

/** The Questionnaire's root variables, in the order they are evaluated. */
export function enableVariables(): FhirPathVariable[] {
  const asked = GATES.flatMap((gate) =>
    gate.field
      ? [{ name: `asked_${gate.field}`, expression: holds(getQuestion(gate.field).askedWhen) }]
      : [],
  );
  const passed = GATES.map((gate) => ({
    name: `passed_${gateName(gate)}`,
    expression: gate.field
      ? all([`${answer(gate.field)}.exists()`, goesOn(gate.rules)])
      : goesOn(gate.rules),
  }));
  // reached_<gate>: every earlier gate either does not apply or let the case go on.
  const reached = GATES.slice(1).map((gate, i) => {
    const previous = GATES[i]!;
    const before = i === 0 ? "true" : `%reached_${gateName(previous)}`;
    return {
      name: `reached_${gateName(gate)}`,
      expression: all([before, `(${applies(previous)}).not() or %passed_${gateName(previous)}`]),
    };
  });
  return [...asked, ...passed, ...reached];
}

/** An item's enableWhenExpression, or undefined for the first question (always asked). */
export function enableExpression(field: Field): string | undefined {
  const index = GATES.findIndex((g) => g.field === field);
  return index === 0 ? undefined : `%asked_${field} and %reached_${field}`;
}
