"use client";

import { useId, useState } from "react";
import {
  MAX_ATTACHMENTS,
  checkAttachment,
  checkAttachmentCount,
} from "@/lib/request-model/attachment-check";
import { field } from "@/components/ui/styles";
import { fileSize } from "@/lib/requests/file-size";

/**
 * A file field for a message's attachments. Each chosen file is checked here by its first bytes,
 * as the server will check it again, so a wrong file is named before anything is sent.
 * `errors` are the server's, by path ("files", "files.0").
 */
export function AttachmentInput({
  id: given,
  errors,
  onProblems,
}: {
  /** The file control's id, when a form's error summary links to it. */
  id?: string;
  errors: Record<string, string>;
  onProblems: (problems: string[]) => void;
}) {
  const generated = useId();
  const id = given ?? generated;
  const [chosen, setChosen] = useState<{ name: string; size: number; problem?: string }[]>([]);
  const serverErrors = Object.entries(errors)
    .filter(([path]) => path === "files" || path.startsWith("files."))
    .map(([, message]) => message);
  const problems = [...chosen.flatMap((c) => (c.problem ? [c.problem] : [])), ...serverErrors];

  async function inspect(files: FileList | null) {
    const list = [...(files ?? [])];
    const checked = await Promise.all(
      list.map(async (file) => {
        const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
        const result = checkAttachment(file.name, head, file.size);
        return {
          name: file.name,
          size: file.size,
          problem: result.ok ? undefined : result.message,
        };
      }),
    );
    const tooMany = checkAttachmentCount(list.length);
    setChosen(tooMany ? [...checked, { name: "", size: 0, problem: tooMany }] : checked);
    onProblems([
      ...checked.flatMap((c) => (c.problem ? [c.problem] : [])),
      ...(tooMany ? [tooMany] : []),
    ]);
  }

  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        Attachments (optional: PDF, PNG or JPEG, at most 10 MB each, up to {MAX_ATTACHMENTS})
      </label>
      <input
        id={id}
        type="file"
        name="files"
        multiple
        accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
        className={`${field} w-full`}
        aria-invalid={problems.length ? true : undefined}
        aria-describedby={problems.length ? `${id}-problems` : undefined}
        onChange={(e) => void inspect(e.target.files)}
      />
      {chosen.some((c) => c.name) ? (
        <ul className="mt-1 text-sm text-slate-700">
          {chosen
            .filter((c) => c.name)
            .map((c, i) => (
              <li key={i}>
                {c.name}, {fileSize(c.size)}
              </li>
            ))}
        </ul>
      ) : null}
      {problems.length ? (
        <ul id={`${id}-problems`} className="mt-1 text-sm font-medium text-red-800">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
