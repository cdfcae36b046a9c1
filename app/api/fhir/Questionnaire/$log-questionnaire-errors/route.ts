import { logQuestionnaireErrorsRoute } from "@/lib/dtr/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = logQuestionnaireErrorsRoute;
