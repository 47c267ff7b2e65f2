import { currentUser } from "@/app/_lib/session";
import { exportContactData } from "@/lib/audience/contacts/export-contact-data";
import { toErrorBody } from "@/lib/errors";
import { getOrgContext } from "@/lib/orgs/get-org-context";

/** GET: everything about one contact as a JSON download (GDPR access request). Members of the org only. */
export async function GET(_req: Request, { params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const user = await currentUser();
  if (!user) return Response.json({ error: { code: "UNAUTHENTICATED", message: "Sign in first." } }, { status: 401 });
  const ctx = await getOrgContext(user.id, slug);
  if (!ctx) return Response.json({ error: { code: "NOT_FOUND", message: "That organization does not exist or you are not a member." } }, { status: 404 });
  try {
    const data = await exportContactData(ctx.actor, { id });
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="contact-${data.contact.id}.json"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    const { status, body } = toErrorBody(e);
    return Response.json(body, { status });
  }
}
