import { expect, test } from "@playwright/test";

test("liveness answers without the database; readiness answers once the database does", async ({
  request,
}) => {
  const live = await request.get("/api/health");
  expect(live.status()).toBe(200);
  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ ok: true, database: "up" });
  expect(ready.headers()["cache-control"]).toBe("no-store");
  expect((await request.post("/api/health/ready", { data: {} })).status()).toBe(405);
});
