import "server-only";
import { randomUUID } from "node:crypto";
import { issueAt } from "@/lib/fhir/outcomes";
import { serverFhirBase } from "@/lib/http/fhir-base";
import { FHIR_BODY, fhirError, fhirJson, fhirOutcome, fhirRefusal } from "@/lib/http/fhir-response";
import { readJson } from "@/lib/http/read-json";
import { appContext } from "@/lib/server/app-context";
import { requireScope } from "@/lib/smart/bearer";
import { SCOPES } from "@/lib/smart/scopes";
import { handshake } from "./delivery";
import {
  checkSubscription,
  deleteSubscription,
  findSubscription,
  insertSubscription,
  replaceSubscription,
} from "./store";
import {
  readSubscription,
  subscriptionResource,
  subscriptionStatus,
  type StoredSubscription,
} from "./topic";

// The Subscription routes (PAS Subscriptions on the R4 Backport): create, read, update, delete and
// $status, each for the client's own subscriptions only; another client's is not found.

type Params = { params: Promise<{ id: string }> };

const notFound = (id: string) =>
  fhirError(404, "not-found", `Subscription/${id.slice(0, 64)} does not exist for this client.`);

/** Reads and checks the body: the input, or the 4xx that refuses it (nothing stored). */
async function readChecked(request: Request, clientId: string, id?: string) {
  const body = await readJson(request, FHIR_BODY);
  if (!body.ok) return { ok: false as const, response: fhirRefusal(body.problem) };
  const read = readSubscription(body.value, id);
  if (!read.ok) return { ok: false as const, response: fhirOutcome(read.problems.issues) };
  const { db } = await appContext();
  const checked = await checkSubscription(db, clientId, read.value);
  if (!checked.ok)
    return {
      ok: false as const,
      response: fhirOutcome(
        [
          issueAt(
            checked.expression,
            checked.message,
            checked.status === 403 ? "forbidden" : "invalid",
          ),
        ],
        checked.status,
      ),
    };
  return { ok: true as const, input: read.value };
}

/** A requested subscription gets its handshake; the answer shows where it stands. */
async function afterWrite(s: StoredSubscription) {
  const { db } = await appContext();
  return s.status === "requested" ? handshake(db, serverFhirBase(), s) : s;
}

/** POST /api/fhir/Subscription */
export async function createRoute(request: Request): Promise<Response> {
  const auth = await requireScope(request, SCOPES.subscriptionWrite);
  if (!auth.ok) return auth.response;
  const checked = await readChecked(request, auth.holder.clientId);
  if (!checked.ok) return checked.response;
  const { db } = await appContext();
  const s = await afterWrite(await insertSubscription(db, auth.holder, checked.input));
  return fhirJson(subscriptionResource(s), 201, {
    Location: `${serverFhirBase()}/Subscription/${s.id}`,
  });
}

/** GET /api/fhir/Subscription/<id> */
export async function readRoute(request: Request, { params }: Params): Promise<Response> {
  const auth = await requireScope(request, SCOPES.subscriptionRead);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const { db } = await appContext();
  const s = await findSubscription(db, auth.holder.clientId, id);
  return s ? fhirJson(subscriptionResource(s)) : notFound(id);
}

/** PUT /api/fhir/Subscription/<id> */
export async function updateRoute(request: Request, { params }: Params): Promise<Response> {
  const auth = await requireScope(request, SCOPES.subscriptionWrite);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const { db } = await appContext();
  if (!(await findSubscription(db, auth.holder.clientId, id))) return notFound(id);
  const checked = await readChecked(request, auth.holder.clientId, id);
  if (!checked.ok) return checked.response;
  const replaced = await replaceSubscription(db, auth.holder, id, checked.input);
  if (!replaced) return notFound(id);
  return fhirJson(subscriptionResource(await afterWrite(replaced)));
}

/** DELETE /api/fhir/Subscription/<id>: nothing more is sent for it. */
export async function deleteRoute(request: Request, { params }: Params): Promise<Response> {
  const auth = await requireScope(request, SCOPES.subscriptionWrite);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const { db } = await appContext();
  return (await deleteSubscription(db, auth.holder, id))
    ? new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } })
    : notFound(id);
}

/** GET /api/fhir/Subscription/<id>/$status: a searchset Bundle with the SubscriptionStatus. */
export async function statusRoute(request: Request, { params }: Params): Promise<Response> {
  const auth = await requireScope(request, SCOPES.subscriptionRead);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const { db } = await appContext();
  const s = await findSubscription(db, auth.holder.clientId, id);
  if (!s) return notFound(id);
  const statusId = randomUUID();
  return fhirJson({
    resourceType: "Bundle",
    type: "searchset",
    total: 1,
    timestamp: new Date().toISOString(),
    entry: [
      {
        fullUrl: `urn:uuid:${statusId}`,
        resource: subscriptionStatus(serverFhirBase(), s, "query-status", [], statusId),
        search: { mode: "match" },
      },
    ],
  });
}
