// Liveness: the process answers. It touches nothing, so the benchmark measures /api/evaluate
// beside it to show what the engine costs; readiness (the database) is /api/health/ready.
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
