import "server-only";
import { policies } from "./policies";

// The first policy keeps the short URLs it always had (/, /policy, /requests/new); every policy
// also has its own, by id.
const isDefault = (id: string) => id === policies.defaultId;

export const wizardHref = (id: string) => (isDefault(id) ? "/" : `/wizard/${id}`);
export const documentHref = (id: string) => (isDefault(id) ? "/policy" : `/policy/${id}`);
export const submitHref = (id: string) =>
  isDefault(id) ? "/requests/new" : `/requests/new?policy=${encodeURIComponent(id)}`;
