import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { hookEveryRequest } = await import("./lib/server/request-hook");
  hookEveryRequest();
  // The subscriptions' outbox is drained from the start, before any request opens the database
  // (after a restart, the notifications left undelivered); not while `next build` renders pages.
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    const { startNotifyingWithTheApp } = await import("./lib/subscriptions/start");
    startNotifyingWithTheApp();
  }
}

// The error's name and digest and the route, never its message: a message can quote input.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("./lib/log/logger");
  const err = error as { name?: string; digest?: string };
  logger.error(
    {
      event: "request-error",
      error: err.name ?? "Error",
      digest: err.digest,
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      routeType: context.routeType,
    },
    "request failed",
  );
};
