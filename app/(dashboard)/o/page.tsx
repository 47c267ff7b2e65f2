import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { requireUser } from "@/app/_lib/session";
import { listUserOrgs } from "@/lib/orgs/list-user-orgs";

export const dynamic = "force-dynamic";

/** `/o`: the org the user last opened, else their first, else onboarding. */
export default async function OrgIndex() {
  const user = await requireUser("/o");
  const orgs = await listUserOrgs(user.id);
  if (orgs.length === 0) redirect("/onboarding");
  const last = (await cookies()).get("herald_org")?.value;
  const target = orgs.find((o) => o.slug === last) ?? orgs[0];
  redirect(`/o/${target.slug}`);
}
