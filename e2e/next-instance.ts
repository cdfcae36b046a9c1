// Starts `next start` (the production build) as one more app instance for a test, and stops it.
import { spawn } from "node:child_process";

export interface Instance {
  base: string;
  /** SIGTERM by default; SIGKILL to stop it as a crash would. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export function startInstance(port: number, env: Record<string, string>): Instance {
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env },
    stdio: "ignore",
    // Its own process group, so npx and the server it starts are stopped together.
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async (signal = "SIGTERM") => {
      try {
        process.kill(-child.pid!, signal);
      } catch {}
      await exited;
    },
  };
}

/** Resolves once GET base+path answers `status`, or throws after `timeoutMs`. */
export async function waitFor(base: string, path: string, status: number, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}${path}`)).status === status) return;
    } catch {}
    if (Date.now() > until) throw new Error(`${base}${path} did not answer ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
