import { describe, expect, it } from "vitest";
import { checkAttachment, cleanFileName, fileNameFor } from "./attachment-check";

const PDF = new TextEncoder().encode("%PDF-1.7\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("attachment names", () => {
  it.each([
    ["x.html.", "x.html"],
    ["invoice.exe. . .", "invoice.exe"],
    ["x.svg.", "x.svg"],
    ["report.pdf...   ", "report.pdf"],
    ["evil\u202Efdp.jpg", "evilfdp.jpg"],
    ["a\u2066b\u2069c\u200B\u200D\uFEFF\u00AD.pdf", "abc.pdf"],
    ["line\u2028break.pdf", "linebreak.pdf"],
    ['C:\\Users\\me\\"scan".pdf', "scan.pdf"],
    ["...", "attachment"],
    ["\u202E", "attachment"],
  ])("stores %j as %j before judging it", (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });

  it("refuses PDF bytes named for another type once the trailing dots are gone", () => {
    for (const name of ["x.html.", "invoice.exe.", "x.svg.", "x.html. .", "x.pdf.exe"])
      expect(checkAttachment(name, PDF, PDF.length), name).toMatchObject({
        ok: false,
        message: expect.stringMatching(/holds a PDF but is named \./),
      });
  });

  it("shows the reviewer the name without bidi overrides, so it cannot pretend to be another type", () => {
    // U+202E would show "evil\u202Egpj.pdf" as "evilfdp.jpg": the stored name is what it is.
    const result = checkAttachment("evil\u202Egpj.pdf", PDF, PDF.length);
    expect(result).toMatchObject({ ok: true, name: "evilgpj.pdf" });
    expect(checkAttachment("photo\u202Egnp.pdf", PNG, PNG.length)).toMatchObject({ ok: false });
  });

  it("stores and serves every file with the extension of the type its bytes are", () => {
    expect(checkAttachment("scan", PDF, PDF.length)).toMatchObject({ ok: true, name: "scan.pdf" });
    expect(checkAttachment("photo.JPEG", new Uint8Array([0xff, 0xd8, 0xff]), 3)).toMatchObject({
      ok: true,
      name: "photo.JPEG",
    });
    expect(checkAttachment("chart", PNG, PNG.length)).toMatchObject({ name: "chart.png" });
    // Names stored before this rule are served the same way.
    expect(fileNameFor("x.html.", "application/pdf")).toBe("x.html.pdf");
    expect(fileNameFor("invoice.exe", "application/pdf")).toBe("invoice.exe.pdf");
    expect(fileNameFor("a".repeat(200), "image/png")).toHaveLength(120);
    expect(fileNameFor("a".repeat(200), "image/png")).toMatch(/\.png$/);
  });
});
