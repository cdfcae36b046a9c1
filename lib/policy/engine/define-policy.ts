import { allCitesOf } from "./questions";
import {
  INCOMPLETE,
  type Condition,
  type Policy,
  type PolicyDefinition,
  type PolicyPackage,
  type PolicyRules,
} from "./types";

/**
 * A policy package from its definition: each version resolved (what it does not change, it
 * inherits from the definition) and checked, so a package that names a field, a determination
 * or a passage it does not have fails when it is loaded, not when a case reaches it.
 */
export function definePolicy<const F extends string>(
  definition: PolicyDefinition<F>,
): PolicyPackage<F> {
  const { meta, versions, ...base } = definition;
  if (versions.length === 0) throw new Error(`${meta.id}: a policy needs at least one version`);
  const resolved = versions.map(({ questions, gates, passages, ...version }): Policy<F> => ({
    id: meta.id,
    meta,
    ...version,
    questions: questions ?? base.questions,
    gates: gates ?? base.gates,
    determinations: base.determinations,
    determinationNote: base.determinationNote,
    passages: passages ?? base.passages,
  }));
  resolved.forEach((policy, i) => {
    const previous = resolved[i - 1];
    if (previous && previous.effectiveDate >= policy.effectiveDate)
      throw new Error(`${meta.id}: versions must be listed oldest first, by effective date`);
    check(policy);
  });
  return { meta, versions: resolved };
}

function check(policy: Policy) {
  const where = `${policy.id} ${policy.version}`;
  const fields = new Set(policy.questions.map((q) => q.field));
  const passages = new Set(policy.passages.map((p) => p.id));
  const determinations = new Set(policy.determinations.map((d) => d.value));
  const fail = (what: string) => {
    throw new Error(`${where}: ${what}`);
  };
  const conditions = (list: readonly Condition[], owner: string) => {
    for (const c of list)
      if (!fields.has(c.field)) fail(`${owner} names no question's field ${c.field}`);
  };
  const cites = (ids: readonly string[], owner: string) => {
    for (const id of ids) if (!passages.has(id)) fail(`${owner} cites no passage ${id}`);
  };
  if (!determinations.has(INCOMPLETE)) fail(`the determinations must include "${INCOMPLETE}"`);
  if (fields.size !== policy.questions.length) fail("two questions share a field");
  for (const q of policy.questions) {
    conditions(q.askedWhen, `question ${q.field}`);
    cites(allCitesOf(q), `question ${q.field}`);
    if (allCitesOf(q).length === 0) fail(`question ${q.field} cites no passage`);
    for (const v of [...(q.textFor ?? []), ...(q.helpFor ?? [])])
      conditions(v.when, `wording of ${q.field}`);
    for (const v of q.citesFor ?? []) conditions(v.when, `passages of ${q.field}`);
    if (q.kind === "number") continue;
    const booleans = q.options.filter((o) => typeof o.value === "boolean").length;
    if (booleans !== 0 && booleans !== q.options.length)
      fail(`question ${q.field} mixes yes/no with other values`);
    for (const o of q.options) {
      for (const v of o.helpFor ?? []) conditions(v.when, `help of ${q.field}=${String(o.value)}`);
      for (const v of o.citesFor ?? [])
        conditions(v.when, `passages of ${q.field}=${String(o.value)}`);
      if (o.offered) conditions(o.offered.when, `offer of ${q.field}=${String(o.value)}`);
      if (o.beside) cites([o.beside.passage], `quote beside ${q.field}=${String(o.value)}`);
    }
  }
  const gateFields = policy.gates.flatMap((g) => (g.field ? [g.field] : []));
  const order = policy.questions.map((q) => q.field);
  if (gateFields.join() !== order.join())
    fail("the gates must ask the questions once each, in the questions' order");
  for (const gate of policy.gates) {
    const owner = `gate ${gate.step} (${gate.title})`;
    if (gate.field === undefined) conditions(gate.appliesWhen, owner);
    for (const rule of gate.rules) {
      conditions(rule.when, owner);
      cites(rule.cites, owner);
      if (rule.determination && !determinations.has(rule.determination))
        fail(`${owner} decides ${rule.determination}, which is not a determination`);
    }
  }
}

/** The policy without its document's passages: what the browser needs to evaluate and ask. */
export function rulesOf<F extends string>({ passages, ...rules }: Policy<F>): PolicyRules<F> {
  void passages;
  return rules;
}
