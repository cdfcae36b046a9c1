import { metricsDownload } from "@/lib/metrics/download-route";

/** /metrics/2026.csv and /metrics/2026.json: the public table as a file. */
export const GET = (_request: Request, { params }: { params: Promise<{ file: string }> }) =>
  params.then(({ file }) => metricsDownload(file));
