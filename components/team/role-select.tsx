"use client";

import { useActionState, useEffect, useRef } from "react";
import { changeRoleAction } from "@/app/(dashboard)/o/[org]/team/actions";
import type { ActionState } from "@/app/_lib/action";

/** Changing the select submits at once; the server decides whether the change is allowed. */
export function RoleSelect({ slug, membershipId, role, roles, label }: { slug: string; membershipId: string; role: string; roles: string[]; label: string }) {
  const [state, action] = useActionState<ActionState, FormData>(changeRoleAction, {});
  const form = useRef<HTMLFormElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  // A refused change puts the select back to the role the member still has.
  useEffect(() => {
    if (state.error && select.current) select.current.value = role;
  }, [state, role]);
  return (
    <form ref={form} action={action} className="flex flex-col gap-1">
      <input type="hidden" name="org" value={slug} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <label className="sr-only" htmlFor={`role-${membershipId}`}>
        {label}
      </label>
      <select
        id={`role-${membershipId}`}
        ref={select}
        name="role"
        defaultValue={role}
        onChange={() => form.current?.requestSubmit()}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm capitalize"
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {state.error ? (
        <span role="alert" className="max-w-48 text-xs text-red-600">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
