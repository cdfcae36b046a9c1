import { spawn } from "node:child_process";

/**
 * Starts the e2e server (next start on a seeded database) on a port and waits for its health
 * check; returns the function that stops it (also called when the benchmark exits).
 */
export async function serve(port: number, databaseUrl: string): Promise<() => void> {
  const server = spawn("npx", ["tsx", "--conditions=react-server", "scripts/e2e-server.ts"], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl },
    stdio: "ignore",
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {}
  };
  process.on("exit", stop);
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return stop;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start");
}
