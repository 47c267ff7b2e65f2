"use client";

import { Button } from "@/components/ui/button";
import { defaultRule, emptyGroup, MAX_DEPTH, type BuilderOptions, type DraftGroup, type DraftNode } from "./builder-model";
import { RuleEditor } from "./rule-editor";

type Props = {
  group: DraftGroup;
  path: number[];
  options: BuilderOptions;
  errors: Record<string, string>;
  onChange: (path: number[], fn: (n: DraftNode) => DraftNode | null) => void;
};

/** A group of rules joined by all/any, nestable up to MAX_DEPTH levels (the root is level 1). */
export function GroupEditor({ group, path, options, errors, onChange }: Props) {
  const depth = path.length + 1;
  const id = `group-${group.key}`;
  const isRoot = path.length === 0;
  const update = (fn: (g: DraftGroup) => DraftGroup) => onChange(path, (n) => fn(n as DraftGroup));
  return (
    <fieldset className={`space-y-2 rounded-lg border p-3 ${isRoot ? "border-slate-200 bg-slate-50" : "border-dashed border-slate-300 bg-slate-100/60"}`} data-testid="segment-group">
      <legend className="sr-only">{isRoot ? "Segment rules" : `Group ${path.map((i) => i + 1).join(".")}`}</legend>
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <label htmlFor={`${id}-match`}>Contacts matching</label>
        <select
          id={`${id}-match`}
          value={group.match}
          onChange={(e) => update((g) => ({ ...g, match: e.target.value as "all" | "any" }))}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200"
        >
          <option value="all">all</option>
          <option value="any">any</option>
        </select>
        <span>of these rules{group.rules.length === 0 ? (group.match === "all" ? " (none yet: everyone matches)" : " (none yet: nobody matches)") : ""}</span>
        {!isRoot ? (
          <Button variant="ghost" size="sm" className="ml-auto" onClick={() => onChange(path, () => null)} aria-label={`Remove group ${path.map((i) => i + 1).join(".")}`}>
            Remove group
          </Button>
        ) : null}
      </div>
      {group.rules.length ? (
        <ul className="space-y-2">
          {group.rules.map((n, i) =>
            n.kind === "group" ? (
              <li key={n.key}>
                <GroupEditor group={n} path={[...path, i]} options={options} errors={errors} onChange={onChange} />
              </li>
            ) : (
              <RuleEditor
                key={n.key}
                rule={n}
                path={[...path, i]}
                options={options}
                errors={errors}
                onChange={(r) => onChange([...path, i], () => r)}
                onRemove={() => onChange([...path, i], () => null)}
              />
            ),
          )}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={() => update((g) => ({ ...g, rules: [...g.rules, defaultRule("tag", options)] }))}>
          Add rule
        </Button>
        {depth < MAX_DEPTH ? (
          <Button variant="secondary" size="sm" onClick={() => update((g) => ({ ...g, rules: [...g.rules, emptyGroup(g.match === "all" ? "any" : "all")] }))}>
            Add group
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}
