import "server-only";
import Link from "next/link";
import { getCurrentUser } from "@/lib/server/current-user";
import { logger } from "@/lib/log/logger";

/** "Sign in" for a visitor; the way to their own work for someone signed in. */
export async function HeaderAccountLink() {
  let user = null;
  try {
    user = await getCurrentUser();
  } catch (error) {
    // A public page stays up when the session store does not answer: the visitor can still
    // read the policy and use the questionnaire.
    logger.warn({ event: "header.session-unavailable", err: (error as Error).message });
  }
  const [href, label] = !user
    ? ["/sign-in", "Sign in"]
    : user.role === "physician"
      ? ["/requests", "My requests"]
      : ["/review", "Review queue"];
  return (
    <Link href={href} prefetch={false} className="ml-auto text-blue-800 underline">
      {label}
    </Link>
  );
}
