import "server-only";
import path from "node:path";
import { Font, renderToBuffer } from "@react-pdf/renderer";
import type { DecidedReading } from "@/lib/requests/readings";
import type { StoredRequest } from "@/lib/requests/request-row";
import type { RequestReading } from "@/lib/server/reading-of-request";
import { breakableWord } from "./breakable-word";
import { PDF_FONT, RequestSummaryDocument, type SummaryEntry } from "./request-summary-document";

// An embedded Unicode font: the PDF standard fonts cannot show names such as "Nguyễn" or "Łukasz".
// Read from the installed package, never downloaded.
const fonts = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
Font.register({
  family: PDF_FONT,
  fonts: [
    { src: path.join(fonts, "DejaVuSans.ttf") },
    { src: path.join(fonts, "DejaVuSans-Bold.ttf"), fontWeight: "bold" },
  ],
});
Font.registerHyphenationCallback(breakableWord);

export async function renderRequestSummary(
  request: StoredRequest,
  reading: RequestReading,
  history: readonly SummaryEntry[],
  generatedAt = new Date(),
  more: { authorization?: readonly [string, string][]; readings?: DecidedReading } = {},
): Promise<Buffer> {
  // Called, not mounted: the document has no state, and renderToBuffer wants a <Document> element.
  return renderToBuffer(
    RequestSummaryDocument({ request, reading, history, generatedAt, ...more }),
  );
}
