import { unstable_rethrow } from "next/navigation";
import { ZodError, type z } from "zod";
import type { User } from "@/db/schema";
import { AppError, fieldErrors, isAppError } from "@/lib/errors";
import { getOrgContext, type OrgContext } from "@/lib/orgs/get-org-context";
import { currentUser } from "./session";

/** What every form action returns to `useActionState`. */
export type ActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fields?: Record<string, string>;
  /** Echo of the submitted text fields, so a refused form keeps what was typed. */
  values?: Record<string, string>;
};

export const initialState: ActionState = {};

function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !/password|code|token/i.test(k)) out[k] = v;
  return out;
}

function toState(e: unknown, values: Record<string, string>): ActionState {
  // redirect() and notFound() work by throwing; let Next see them.
  unstable_rethrow(e);
  if (e instanceof ZodError) return { error: "Some fields need attention.", fields: fieldErrors(e), values };
  if (isAppError(e)) return { error: e.message, fields: e.fields, values };
  console.error("[action] unexpected error", e);
  return { error: "Something went wrong on our side. Try again.", values };
}

/** A form action for a signed-in user, outside any org. */
export function userAction<S extends z.ZodType>(
  schema: S,
  run: (input: z.infer<S>, user: User) => Promise<ActionState | void>,
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    try {
      const user = await currentUser();
      if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
      return (await run(schema.parse(Object.fromEntries(formData)), user)) ?? { ok: true };
    } catch (e) {
      return toState(e, values);
    }
  };
}

/**
 * A form action inside an org. The org comes from the form's `org` field (its slug), but the
 * tenant is resolved from the session's membership: a slug the user is not a member of is refused.
 * Role checks live in the lib operation, so they hold for every caller.
 */
export function orgAction<S extends z.ZodType>(
  schema: S,
  run: (input: z.infer<S>, ctx: OrgContext & { user: User }) => Promise<ActionState | void>,
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    try {
      const user = await currentUser();
      if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
      const slug = formData.get("org");
      const ctx = typeof slug === "string" ? await getOrgContext(user.id, slug) : null;
      if (!ctx) throw new AppError("NOT_FOUND", "That organization does not exist or you are not a member.");
      const raw = Object.fromEntries(formData);
      delete raw.org;
      return (await run(schema.parse(raw), { ...ctx, user })) ?? { ok: true };
    } catch (e) {
      return toState(e, values);
    }
  };
}
