import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { RequestForm } from "@/components/requests/request-form";
import { requireRole } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Submit a request" };

export default async function NewRequestPage() {
  const user = await requireRole(["physician"], "/requests/new");
  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Submit a request</h1>
      <p className="mt-2 text-slate-700">
        The policy answers come from the questionnaire; the server evaluates them again when you
        submit.
      </p>
      {/* A fresh one-time token for every rendering: a resent form repeats it, a new visit does not. */}
      <RequestForm defaultPhysician={user.name} submissionToken={randomUUID()} />
    </main>
  );
}
