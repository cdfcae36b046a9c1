import * as z from "zod/mini";
import type { Answers } from "@/lib/policy/engine/types";
import { ANY_ANSWERS } from "./stored-answers";
import { readStoredJson } from "./stored-json";

// What a message on a request records besides its text, as the JSON text its row keeps: written
// and read back through this one schema, never cast.

const reading = z.object({ answers: z.optional(ANY_ANSWERS), determination: z.string() });

const eventDetailSchema = z.object({
  /** A correction: the answers and readings before and after. */
  corrected: z.optional(z.boolean()),
  before: z.optional(reading),
  after: z.optional(reading),
  /** A corrected date of service. */
  serviceDate: z.optional(
    z.object({ from: z.string(), to: z.string(), retrospective: z.optional(z.boolean()) }),
  ),
  /** An expedited appeal. */
  expedited: z.optional(z.boolean()),
  /** An extension's due times and days. */
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  days: z.optional(z.number()),
  /** How many files came with the message. */
  attachments: z.optional(z.number()),
});

type Reading = { answers?: Answers; determination: string };

/**
 * What a message records besides its text: a correction's answers and readings before and after,
 * a corrected date of service, an expedited appeal, an extension's due times. (What the schema
 * reads is one: the answers are any policy's answer values.)
 */
export type EventDetail = Omit<z.infer<typeof eventDetailSchema>, "before" | "after"> & {
  before?: Reading;
  after?: Reading;
};

export const eventDetailToJson = (detail: EventDetail): string => JSON.stringify(detail);

/** A message's detail read back; a row that does not fit is refused, naming the message. */
export const eventDetailFromJson = (eventId: number, json: string): EventDetail =>
  readStoredJson(`The detail of message ${eventId}`, json, eventDetailSchema);
