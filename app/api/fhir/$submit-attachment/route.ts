import { submitAttachmentRoute } from "@/lib/cdex/routes";

export const { POST, GET, PUT, PATCH, DELETE, OPTIONS } = submitAttachmentRoute;
