"use server";

import { redirect } from "next/navigation";
import { userAction } from "@/app/_lib/action";
import { createOrg } from "@/lib/orgs/create-org";
import { z } from "zod";
import { createOrgSchema, isValidTimezone } from "@/lib/orgs/schemas";

export const createOrgAction = userAction(createOrgSchema.extend({ timezone: z.string().optional() }), async (input, user) => {
  const tz = input.timezone && isValidTimezone(input.timezone) ? input.timezone : "UTC";
  const org = await createOrg(user.id, { name: input.name, timezone: tz });
  redirect(`/o/${org.slug}`);
});
