// What a refused upload costs the server: four replies at once, each with five 10 MB files, to a
// request that cannot take a reply (it is pending). Prints the statuses, how long the four took,
// and the server process's resident memory before, at its peak and after.
//
//   npm run build && BENCH_PORT=3310 npx tsx --conditions=react-server bench/refused-uploads.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACCOUNTS, SEEDED_REQUESTS } from "../e2e/accounts";
import { signInCookie } from "../e2e/action-form";
import { serve } from "./serve";

const port = Number(process.env.BENCH_PORT ?? 3310);
const base = `http://127.0.0.1:${port}`;
const FILE_BYTES = 10 * 1024 * 1024;

const stop = await serve(port, `file:${join(mkdtempSync(join(tmpdir(), "cp0261-up-")), "app.db")}`);
try {
  /** The node process listening on the port: next start's server. */
  const pid = Number(
    /pid=(\d+)/.exec(execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" }))?.[1],
  );
  const memory = () => {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  };

  const cookie = await signInCookie(base, ACCOUNTS.physician.email, ACCOUNTS.physician.password);
  const created = await fetch(`${base}/api/requests`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ ...SEEDED_REQUESTS[0], memberId: "BENCH-UPLOADS" }),
  });
  const { reference } = (await created.json()) as { reference: string };

  const boundary = "benchboundary";
  const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(FILE_BYTES - 9)]);
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="expectedVersion"\r\n\r\n2\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nThe reports.\r\n`,
    ),
  ];
  for (let i = 0; i < 5; i++)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="report-${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(parts);

  const reply = () =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: `/api/requests/${reference}/reply`,
          headers: {
            cookie,
            "content-type": `multipart/form-data; boundary=${boundary}`,
            "content-length": String(body.length),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      // The server answers before the body is all sent and stops reading: not an error here.
      req.on("error", (error: NodeJS.ErrnoException) =>
        error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error),
      );
      req.end(body);
    });

  await new Promise((r) => setTimeout(r, 2000));
  const before = memory();
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: 4 }, reply));
  const took = performance.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  const after = memory();
  console.log(
    `4 replies of 5 × 10 MB (${(body.length / 1024 / 1024).toFixed(1)} MB each) to a pending request`,
  );
  console.log(`statuses: ${statuses.join(", ")}   answered in ${took.toFixed(0)} ms`);
  console.log(
    `server memory (MB): before ${before.rss.toFixed(0)}, peak ${Math.max(after.peak, before.rss).toFixed(0)} ` +
      `(peak before ${before.peak.toFixed(0)}), after ${after.rss.toFixed(0)}`,
  );
} finally {
  stop();
}
