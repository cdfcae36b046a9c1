import { attachmentDownloadRoute } from "@/lib/http/attachment-download";
import { methodNotAllowed } from "@/lib/http/json-response";

export const GET = attachmentDownloadRoute;
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
