import { field } from "@/components/ui/styles";
import { FieldError } from "@/components/ui/field-error";
import { MAX_UNITS } from "@/lib/request-model/review-settings";

/** Where an approval's authorization starts and how long it may run at most. */
export interface AuthorizationDefaults {
  validFrom: string;
  latestValidTo: string;
  days: number;
}

/** The ids of the two controls, for the error summary's links. */
export const AUTHORIZATION_FIELDS = {
  validTo: { label: "Authorized until", id: "authorization-valid-to" },
  units: { label: "Units", id: "authorization-units" },
};

/**
 * What an approval authorizes, as the decider may change it: the last day (the policy's days at
 * most, from the planned date of service) and the units (1 unless more are entered).
 */
export function AuthorizationFields({
  defaults,
  errors,
}: {
  defaults: AuthorizationDefaults;
  errors: Record<string, string>;
}) {
  const { validTo, units } = AUTHORIZATION_FIELDS;
  return (
    <fieldset className="rounded border border-slate-300 p-3">
      <legend className="px-1 font-semibold">What the approval authorizes</legend>
      <p id="authorization-help" className="text-sm text-slate-700">
        From the planned date of service, {defaults.validFrom}, for at most {defaults.days} days
        (until {defaults.latestValidTo}); shorten it if the case calls for less.
      </p>
      <div className="mt-2 flex flex-wrap gap-6">
        <div>
          <label htmlFor={validTo.id} className="block font-medium">
            {validTo.label}
          </label>
          <input
            id={validTo.id}
            name="validTo"
            type="date"
            min={defaults.validFrom}
            max={defaults.latestValidTo}
            defaultValue={defaults.latestValidTo}
            aria-invalid={errors.validTo ? true : undefined}
            aria-describedby={`authorization-help${errors.validTo ? ` ${validTo.id}-error` : ""}`}
            className={field}
          />
          <FieldError id={`${validTo.id}-error`} error={errors.validTo} />
        </div>
        <div>
          <label htmlFor={units.id} className="block font-medium">
            {units.label} (1 to {MAX_UNITS})
          </label>
          <input
            id={units.id}
            name="units"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_UNITS}
            defaultValue={1}
            aria-invalid={errors.units ? true : undefined}
            aria-describedby={errors.units ? `${units.id}-error` : undefined}
            className={`${field} w-24`}
          />
          <FieldError id={`${units.id}-error`} error={errors.units} />
        </div>
      </div>
    </fieldset>
  );
}
