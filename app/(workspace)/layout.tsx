import type { ReactNode } from "react";
import { signOutAction } from "@/app/actions/sign-out";
import { getCurrentUser } from "@/lib/server/current-user";

// Pages under here show patient data: rendered per request, never cached (no-store).
export const dynamic = "force-dynamic";

export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <>
      {user ? (
        <div className="border-b border-slate-300 bg-slate-50 print:hidden">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2 text-sm">
            <span>
              Signed in as <strong>{user.name}</strong> ({user.role})
            </span>
            <form action={signOutAction} className="ml-auto">
              <button type="submit" className="text-blue-800 underline">
                Sign out
              </button>
            </form>
          </div>
        </div>
      ) : null}
      {children}
    </>
  );
}
