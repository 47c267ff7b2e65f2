import type { ComponentProps, ReactNode } from "react";

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-100 disabled:bg-slate-50 disabled:text-slate-500";

type FieldProps = {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
  className?: string;
};

/**
 * Label, control and the message beside it. The control gets `aria-invalid` and is described by
 * the error (or hint), so screen readers announce why a field was refused.
 */
function FieldShell({
  label,
  inputId,
  error,
  hint,
  className,
  children,
}: { label: string; inputId: string; error?: string; hint?: ReactNode; className: string; children: (a11y: Record<string, unknown>) => ReactNode }) {
  const describedBy = error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({ id: inputId, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, className: inputClass })}
      {hint && !error ? (
        <p id={`${inputId}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${inputId}-error`} className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Field({ label, name, error, hint, className = "", id, ...input }: FieldProps & ComponentProps<"input">) {
  return (
    <FieldShell label={label} inputId={id ?? `f-${name}`} error={error} hint={hint} className={className}>
      {(a11y) => <input name={name} {...a11y} {...input} />}
    </FieldShell>
  );
}

export function TextAreaField({ label, name, error, hint, className = "", id, ...input }: FieldProps & ComponentProps<"textarea">) {
  return (
    <FieldShell label={label} inputId={id ?? `f-${name}`} error={error} hint={hint} className={className}>
      {(a11y) => <textarea name={name} {...a11y} {...input} />}
    </FieldShell>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  className = "",
  id,
  options,
  ...select
}: FieldProps & ComponentProps<"select"> & { options: { value: string; label: string }[] }) {
  return (
    <FieldShell label={label} inputId={id ?? `f-${name}`} error={error} hint={hint} className={className}>
      {(a11y) => (
        <select name={name} {...a11y} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
