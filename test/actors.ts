// Who takes a review step in the repository tests: accounts need not exist for the state
// machine, which reads the role and specialty the caller (in the app, the session) gives.
import type { StepActor } from "@/lib/requests/transitions";

export const reviewer = (id = "reviewer-1"): StepActor => ({ id, role: "reviewer" });

/** A medical director; 0261's appeals need hematology/oncology or transplant. */
export const director = (id = "director-1", specialty = "transplant"): StepActor => ({
  id,
  role: "medical-director",
  specialty,
});
