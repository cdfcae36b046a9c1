import { describe, expect, it } from "vitest";
import { plannedStepCount } from "@/lib/policy/engine/steps";
import { coveragePolicy0261 } from ".";
import type { Answers } from "./fields";

const policy = coveragePolicy0261.versions[0]!;

describe("plannedStepCount", () => {
  it.each<[string, Answers, number]>([
    ["an empty case: the longest way, DLI after allogeneic HSCT", {}, 6],
    ["DLI after allogeneic HSCT", { service: "dli", priorTransplant: "allogeneic" }, 6],
    [
      "DLI after an autologous HSCT only is decided at step 4, after its use",
      {
        service: "dli",
        diagnosis: "aml",
        dliIndication: "relapsed",
        priorTransplant: "autologous",
      },
      4,
    ],
    ["DLI for a solid tumor is decided at step 2", { service: "dli", diagnosis: "solid-tumor" }, 2],
    [
      "HPC boost after autologous HSCT asks the cell source but never chimerism",
      { service: "hpc-boost", priorTransplant: "autologous" },
      5,
    ],
    [
      "HPC boost to enhance chimerism after allogeneic HSCT",
      {
        service: "hpc-boost",
        priorTransplant: "allogeneic",
        sameDonor: true,
        preparativeRegimen: false,
      },
      6,
    ],
    [
      "HPC boost to promote engraftment is decided at step 5",
      {
        service: "hpc-boost",
        priorTransplant: "allogeneic",
        sameDonor: true,
        preparativeRegimen: false,
        boostIndication: "promote-engraftment",
      },
      5,
    ],
  ])("%s", (_name, answers, steps) => {
    expect(plannedStepCount(policy, answers)).toBe(steps);
  });
});
