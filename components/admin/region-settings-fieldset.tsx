"use client";
// One region of the provisioning settings: its VPC, a subnet per availability zone, the machine image per store
// family, the instance profile, the client networks allowed in and the alarm topic.
import { useId, type ReactNode } from "react";
import { get, useFieldArray, useFormContext, useFormState, type FieldError as RhfFieldError, type Path } from "react-hook-form";
import { FAMILIES, FAMILY_TITLES } from "@/lib/schemas/plan";
import { Field, FieldError, errorIdFor } from "@/components/ui/field";
import type { SettingsFormValues } from "./settings-form-values";

type Name = Path<SettingsFormValues>;

export function useSettingsError(name: string): string | undefined {
  const { errors } = useFormState<SettingsFormValues>();
  return (get(errors, name) as RhfFieldError | undefined)?.message;
}

export function SettingsInput({
  name,
  label,
  hint,
  placeholder,
  type = "text",
  multiline = false,
  autoComplete = "off",
}: {
  name: Name;
  label: ReactNode;
  hint?: ReactNode;
  placeholder?: string;
  type?: "text" | "password";
  multiline?: boolean;
  autoComplete?: string;
}) {
  const id = useId();
  const { register } = useFormContext<SettingsFormValues>();
  const error = useSettingsError(name);
  const a11y = error ? { "aria-invalid": true as const, "aria-describedby": errorIdFor(id) } : {};
  return (
    <Field id={id} name={name} label={label} hint={hint} error={error}>
      {multiline ? (
        <textarea id={id} className="input" rows={3} spellCheck={false} placeholder={placeholder} {...a11y} {...register(name)} />
      ) : (
        <input id={id} className="input" type={type} autoComplete={autoComplete} spellCheck={false} placeholder={placeholder} {...a11y} {...register(name)} />
      )}
    </Field>
  );
}

export function RegionSettingsFieldset({ index, onRemove }: { index: number; onRemove: () => void }) {
  const legendId = useId();
  const { control, register, getValues } = useFormContext<SettingsFormValues>();
  const subnets = useFieldArray({ control, name: `regions.${index}.subnets` });
  const region = getValues(`regions.${index}.region`);
  const subnetsRootError = useSettingsError(`regions.${index}.subnets.root`);
  const subnetsError = useSettingsError(`regions.${index}.subnets`);
  const regionError = useSettingsError(`regions.${index}.region`);
  const baseId = useId();
  return (
    <fieldset className="region-settings" aria-labelledby={legendId} data-testid="region-settings" data-region={region}>
      <div className="card-head card-head--row">
        <h3 id={legendId}>
          <code>{region}</code>
        </h3>
        <button type="button" className="button button--small button--danger" onClick={onRemove} aria-label={`Remove region ${region}`}>
          Remove region
        </button>
      </div>
      <FieldError id={`${baseId}-region`} name={`regions.${index}.region`} message={regionError} />
      <div className="grid-2">
        <SettingsInput name={`regions.${index}.vpcId`} label="VPC id" placeholder="vpc-0abc12345" />
        <SettingsInput name={`regions.${index}.instanceProfileName`} label="Instance profile" placeholder="datastore-node" />
        <div className="span-2">
          <SettingsInput name={`regions.${index}.alarmTopicArn`} label="Alarm topic ARN" placeholder={`arn:aws:sns:${region}:123456789012:datastore-alarms`} />
        </div>
        <div className="span-2">
          <SettingsInput
            name={`regions.${index}.allowedCidrs`}
            label="Allowed client networks"
            hint="CIDR blocks, one per line: who may reach the stores' client ports."
            multiline
            placeholder="10.0.0.0/8"
          />
        </div>
      </div>

      <div className="settings-subsection" role="group" aria-label={`Subnets in ${region}`}>
        <h4>Subnets</h4>
        <p className="field-hint">One private subnet per availability zone; clusters use the first zones in name order.</p>
        <table className="table settings-subnets">
          <thead>
            <tr>
              <th scope="col">Availability zone</th>
              <th scope="col">Subnet</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {subnets.fields.map((row, j) => (
              <SubnetRowInputs key={row.id} index={index} row={j} onRemove={() => subnets.remove(j)} register={register} />
            ))}
          </tbody>
        </table>
        <FieldError id={`${baseId}-subnets`} name={`regions.${index}.subnets`} message={subnetsRootError ?? subnetsError} />
        <button
          type="button"
          className="button button--small"
          onClick={() => subnets.append({ zone: `${region}${String.fromCharCode(97 + subnets.fields.length)}`, subnet: "" })}
        >
          Add a zone
        </button>
      </div>

      <div className="settings-subsection" role="group" aria-label={`Machine images in ${region}`}>
        <h4>Machine images</h4>
        <p className="field-hint">
          An image (AMI) per store family, with the engine and its node agent baked in. Leave a family empty if it is not offered here.
        </p>
        <div className="grid-2">
          {FAMILIES.map((f) => (
            <SettingsInput key={f} name={`regions.${index}.imageIds.${f}`} label={`Image for ${FAMILY_TITLES[f]}`} placeholder="ami-0abc12345" />
          ))}
        </div>
      </div>
    </fieldset>
  );
}

function SubnetRowInputs({
  index,
  row,
  onRemove,
  register,
}: {
  index: number;
  row: number;
  onRemove: () => void;
  register: ReturnType<typeof useFormContext<SettingsFormValues>>["register"];
}) {
  const zoneId = useId();
  const subnetId = useId();
  const zoneName = `regions.${index}.subnets.${row}.zone` as const;
  const subnetName = `regions.${index}.subnets.${row}.subnet` as const;
  const zoneError = useSettingsError(zoneName);
  const subnetError = useSettingsError(subnetName);
  return (
    <tr data-testid="subnet-row">
      <td>
        <label className="visually-hidden" htmlFor={zoneId}>
          Availability zone {row + 1}
        </label>
        <input
          id={zoneId}
          className="input"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={zoneError ? true : undefined}
          aria-describedby={zoneError ? errorIdFor(zoneId) : undefined}
          {...register(zoneName)}
        />
        <FieldError id={zoneId} name={zoneName} message={zoneError} />
      </td>
      <td>
        <label className="visually-hidden" htmlFor={subnetId}>
          Subnet {row + 1}
        </label>
        <input
          id={subnetId}
          className="input"
          autoComplete="off"
          spellCheck={false}
          placeholder="subnet-0abc12345"
          aria-invalid={subnetError ? true : undefined}
          aria-describedby={subnetError ? errorIdFor(subnetId) : undefined}
          {...register(subnetName)}
        />
        <FieldError id={subnetId} name={subnetName} message={subnetError} />
      </td>
      <td>
        <button type="button" className="button button--small" onClick={onRemove} aria-label={`Remove zone ${row + 1}`}>
          Remove
        </button>
      </td>
    </tr>
  );
}
