"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { field, secondaryButton } from "@/components/ui/styles";
import { postMessage } from "./post-message";

type Said = { ok: boolean; text: string } | undefined;

function useAssign(reference: string) {
  const router = useRouter();
  const [said, setSaid] = useState<Said>();
  const [pending, startTransition] = useTransition();
  const assign = (assignee: string, done: string) =>
    startTransition(async () => {
      const form = new FormData();
      form.set("assignee", assignee);
      const result = await postMessage(`/api/requests/${reference}/assignment`, form);
      setSaid(result.ok ? { ok: true, text: done } : { ok: false, text: result.formError });
      if (result.ok) router.refresh();
    });
  return { said, pending, assign };
}

const Status = ({ said }: { said: Said }) => (
  <span role="status" className={said?.ok ? "text-green-800" : "font-medium text-red-800"}>
    {said?.text ?? ""}
  </span>
);

/**
 * "Assign to me", for a row of the queue. It stays in place once the row is yours, without the
 * button, so what it said ("Assigned to you.") is still read after the queue is read again.
 */
export function AssignToMe({ reference, offered }: { reference: string; offered: boolean }) {
  const { said, pending, assign } = useAssign(reference);
  return (
    <span className="block">
      {offered ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => assign("me", "Assigned to you.")}
          className="text-blue-800 underline disabled:opacity-60"
          aria-label={`Assign ${reference} to me`}
        >
          Assign to me
        </button>
      ) : null}{" "}
      <Status said={said} />
    </span>
  );
}

/** Who works on the case: anyone who takes review steps, or nobody. */
export function AssignmentForm({
  reference,
  assignedTo,
  staff,
}: {
  reference: string;
  assignedTo: string | null;
  staff: readonly { id: string; label: string }[];
}) {
  const id = useId();
  const { said, pending, assign } = useAssign(reference);
  const [chosen, setChosen] = useState(assignedTo ?? "");
  return (
    <form
      className="mt-4 flex flex-wrap items-end gap-2 rounded border border-slate-300 p-3"
      aria-label="Assignment"
      onSubmit={(e) => {
        e.preventDefault();
        assign(chosen, chosen ? "Assigned." : "No longer assigned to anyone.");
      }}
    >
      <label htmlFor={id} className="block w-full font-medium">
        Assigned to
      </label>
      <select
        id={id}
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
        className={`${field} max-w-full`}
      >
        <option value="">Nobody</option>
        {staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className={secondaryButton}>
        Assign
      </button>
      <Status said={said} />
    </form>
  );
}
