"use client";

import { Button } from "@/components/ui/button";
import { defaultRule, errorKey, FIELDS, opsFor, STATUSES, type BuilderOptions, type DraftRule, type Field } from "./builder-model";

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200 aria-[invalid=true]:border-red-500";

type Props = {
  rule: DraftRule;
  path: number[];
  options: BuilderOptions;
  errors: Record<string, string>;
  onChange: (r: DraftRule) => void;
  onRemove: () => void;
};

/** One rule: field, (attribute), operator and a value input that fits the field. */
export function RuleEditor({ rule, path, options, errors, onChange, onRemove }: Props) {
  const id = `rule-${rule.key}`;
  const name = `rule ${path.map((i) => i + 1).join(".")}`;
  const attr = options.attributes.find((a) => a.key === rule.attr);
  const ops = opsFor(rule.field, attr?.type);
  const err = (leaf: string) => errors[errorKey(path, leaf)];
  const messages = ["field", "key", "op", "value"].map(err).filter(Boolean);
  const invalid = (leaf: string) => (err(leaf) ? true : undefined);
  const describedBy = messages.length ? `${id}-error` : undefined;

  const setField = (field: Field) => onChange({ ...defaultRule(field, options), key: rule.key });
  const setAttr = (key: string) => {
    const type = options.attributes.find((a) => a.key === key)?.type;
    const op = opsFor("attribute", type).some((o) => o.value === rule.op) ? rule.op : "equals";
    onChange({ ...rule, attr: key, op, value: type === "boolean" ? "true" : "" });
  };

  let valueInput: React.ReactNode = null;
  const valueProps = { id: `${id}-value`, "aria-invalid": invalid("value"), "aria-describedby": describedBy, className: control };
  const set = (value: string) => onChange({ ...rule, value });
  if (rule.field === "list") {
    valueInput = (
      <select {...valueProps} value={rule.value} onChange={(e) => set(e.target.value)}>
        {options.lists.length === 0 ? <option value="">No lists yet</option> : null}
        {options.lists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
      </select>
    );
  } else if (rule.field === "status") {
    valueInput = (
      <select {...valueProps} value={rule.value} onChange={(e) => set(e.target.value)}>
        {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
    );
  } else if (rule.field === "created" || (rule.field === "attribute" && attr?.type === "date")) {
    valueInput = <input {...valueProps} type="date" value={rule.value} onChange={(e) => set(e.target.value)} />;
  } else if (rule.field === "attribute" && attr?.type === "boolean") {
    valueInput = (
      <select {...valueProps} value={rule.value} onChange={(e) => set(e.target.value)}>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  } else if (rule.field === "attribute" && attr?.type === "number") {
    valueInput = <input {...valueProps} type="number" step="any" inputMode="decimal" value={rule.value} onChange={(e) => set(e.target.value)} />;
  } else if (rule.field === "timezone") {
    valueInput = (
      <>
        <input {...valueProps} list={`${id}-zones`} placeholder="Europe/Berlin" value={rule.value} onChange={(e) => set(e.target.value)} />
        <datalist id={`${id}-zones`}>{options.timezones.map((z) => <option key={z} value={z} />)}</datalist>
      </>
    );
  } else {
    const placeholder = rule.field === "tag" ? "vip" : rule.field === "operator_code" ? "916" : "value";
    valueInput = <input {...valueProps} type="text" placeholder={placeholder} value={rule.value} onChange={(e) => set(e.target.value)} />;
  }
  const hideValue = rule.field === "attribute" && (rule.op === "is_set" || !attr);

  return (
    <li className="rounded-md border border-slate-200 bg-white p-2" data-testid="segment-rule">
      <div className="flex items-start gap-2">
        <div className="flex min-w-0 flex-1 flex-wrap items-end gap-2">
          <div className="w-32">
            <label htmlFor={`${id}-field`} className="sr-only">Field of {name}</label>
            <select id={`${id}-field`} className={control} value={rule.field} onChange={(e) => setField(e.target.value as Field)}>
              {FIELDS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
            </select>
          </div>
          {rule.field === "attribute" ? (
            <div className="w-36">
              <label htmlFor={`${id}-key`} className="sr-only">Attribute of {name}</label>
              <select id={`${id}-key`} className={control} value={rule.attr} aria-invalid={invalid("key")} aria-describedby={describedBy} onChange={(e) => setAttr(e.target.value)}>
                {options.attributes.length === 0 ? <option value="">No attributes declared</option> : null}
                {!attr && rule.attr ? <option value={rule.attr}>{rule.attr} (unknown)</option> : null}
                {options.attributes.map((a) => <option key={a.key} value={a.key}>{a.label}</option>)}
              </select>
            </div>
          ) : null}
          <div className="w-36">
            <label htmlFor={`${id}-op`} className="sr-only">Operator of {name}</label>
            <select id={`${id}-op`} className={control} value={rule.op} aria-invalid={invalid("op")} aria-describedby={describedBy} onChange={(e) => onChange({ ...rule, op: e.target.value })}>
              {ops.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </div>
          {hideValue ? null : (
            <div className="min-w-32 flex-1">
              <label htmlFor={`${id}-value`} className="sr-only">Value of {name}</label>
              {valueInput}
            </div>
          )}
        </div>
        <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove ${name}`}>
          Remove
        </Button>
      </div>
      {messages.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {messages.join(" ")}
        </p>
      ) : null}
    </li>
  );
}
