// The members of a JSON value, for sweeps that make one member at a time hostile: the e2e sweep
// (e2e/hostile.ts) picks one at random, lib/http/hostile-members.test.ts walks them all.

export type MemberPath = (string | number)[];

/** Every path to a member of `root`, object keys and array indexes, parents before children. */
export function memberPaths(root: unknown): MemberPath[] {
  const found: MemberPath[] = [];
  const walk = (node: unknown, at: MemberPath) => {
    if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node)) {
        const key = Array.isArray(node) ? Number(k) : k;
        found.push([...at, key]);
        walk(v, [...at, key]);
      }
  };
  walk(root, []);
  return found;
}

/** A copy of `root` with the member at `path` set to (a copy of) `value`. */
export function withMember(root: unknown, path: MemberPath, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = structuredClone(value);
  return copy;
}
