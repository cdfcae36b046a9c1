import "server-only";
import { env } from "@/lib/env";

const origin = () => env().APP_URL.replace(/\/+$/, "");

/** The token endpoint: the audience every client assertion must name, exactly. */
export const tokenEndpointUrl = () => `${origin()}/api/auth/token`;

/** A CDS service's own URL: the audience of the JWT an EHR signs for each hook call. */
export const cdsServiceUrl = (id: string) => `${origin()}/cds-services/${id}`;
