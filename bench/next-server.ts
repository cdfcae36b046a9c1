// Starts `next start` on the production build for a benchmark, and stops it on exit.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

export { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/chromium";

export async function startNext(port: number): Promise<{ base: string; stop: () => void }> {
  if (!existsSync(".next/BUILD_ID")) {
    console.error("No production build in .next: run `npx next build` first.");
    process.exit(1);
  }
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: "ignore",
    detached: true,
  });
  const stop = () => {
    server.removeAllListeners("exit");
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {}
  };
  process.on("exit", stop);
  server.on("exit", (code) => {
    console.error(`next start exited early (code ${code}); is port ${port} free?`);
    process.exit(1);
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("next start did not answer within 60 s");
}
