// A trivial route: the benchmark measures /api/evaluate beside it to show what the engine costs.
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
