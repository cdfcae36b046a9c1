// Starts `next start` on the production build for a benchmark, and stops it on exit.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

export { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/chromium";

export interface NextServer {
  base: string;
  /** SIGTERM to the server's process group. */
  stop: () => void;
  /** SIGKILL to the server's process group (npx and the node server alike); resolves once it has exited. */
  kill: () => Promise<void>;
}

export async function startNext(
  port: number,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<NextServer> {
  if (!existsSync(".next/BUILD_ID")) {
    console.error("No production build in .next: run `npx next build` first.");
    process.exit(1);
  }
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: "ignore",
    detached: true,
    env: options.env ?? process.env,
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const exitedEarly = (code: number | null) => {
    console.error(`next start exited early (code ${code}); is port ${port} free?`);
    process.exit(1);
  };
  const signal = (name: NodeJS.Signals) => {
    server.off("exit", exitedEarly);
    process.off("exit", stop);
    try {
      process.kill(-server.pid!, name);
    } catch {}
  };
  const stop = () => signal("SIGTERM");
  const kill = async () => {
    signal("SIGKILL");
    await exited;
    // The group dies at once, but wait until the port is closed so a restart can bind it.
    while (await answers(base)) await new Promise((r) => setTimeout(r, 100));
  };
  process.on("exit", stop);
  server.on("exit", exitedEarly);
  for (let i = 0; i < 120; i++) {
    if (await answers(base)) return { base, stop, kill };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("next start did not answer within 60 s");
}

async function answers(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/api/health`)).ok;
  } catch {
    return false;
  }
}
