import { pdfText } from "../test/pdf-text";
import { SEEDED_REQUESTS } from "./accounts";
import { exportsOf } from "./e2e-database";
import { expect, test } from "./fixtures";
import { signIn } from "./workspace-helpers";

test("a request with 300 short lines of notes exports as a PDF holding every line, and is audited once", async ({
  page,
}) => {
  await signIn(page, "otherPhysician");
  const clinicalNotes = Array.from({ length: 300 }, (_, i) => `Line ${i}`).join("\n");
  const created = await page.request.post("/api/requests", {
    data: { ...SEEDED_REQUESTS[0]!, memberId: "PDF-LONG-1", clinicalNotes },
  });
  expect(created.status()).toBe(201);
  const { reference } = (await created.json()) as { reference: string };

  const response = await page.request.get(`/requests/${reference}/summary.pdf`);
  expect(response.status()).toBe(200);
  const bytes = await response.body();
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const text = (await pdfText(bytes)).join("\n");
  for (let i = 0; i < 300; i++) expect(text).toMatch(new RegExp(`\\bLine ${i}\\b`));
  expect(exportsOf(reference)).toBe(1);
});
