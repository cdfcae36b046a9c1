import { expandRoute } from "@/lib/dtr/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = expandRoute;
