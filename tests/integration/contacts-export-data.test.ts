import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { User } from "@/db/schema";
import { createContact } from "@/lib/audience/contacts/create-contact";
import { addMember, createOrgWithOwner } from "../fixtures/factories";

// The route's only tie to Next is the session; everything behind it runs for real.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/app/_lib/session", () => ({ currentUser: async () => session.user }));

const { GET } = await import("@/app/(dashboard)/o/[org]/contacts/[id]/export-data/route");

const call = (slug: string, id: string) => GET(new Request(`http://localhost/o/${slug}/contacts/${id}/export-data`), { params: Promise.resolve({ org: slug, id }) });

describe("GET /o/<org>/contacts/<id>/export-data", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("serves one contact's data as a JSON download to any member of its org", async () => {
    const a = await createOrgWithOwner();
    const member = await addMember(a.org.id, "member");
    const email = `e-${randomBytes(4).toString("hex")}@example.test`;
    const c = await createContact(a.actor, { email, firstName: "Ann" }, { consentSource: "dashboard" });
    session.user = member.user;
    const res = await call(a.org.slug, c.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="contact-${c.id}.json"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body.contact).toMatchObject({ id: c.id, email, firstName: "Ann" });
    expect(body.consent.source).toBe("dashboard");
  });

  it("refuses the signed-out (401), non-members (404) and another org's contact id (404)", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    const c = await createContact(a.actor, { email: `e-${randomBytes(4).toString("hex")}@example.test` });
    expect((await call(a.org.slug, c.id)).status).toBe(401);
    session.user = b.owner;
    expect((await call(a.org.slug, c.id)).status).toBe(404);
    const res = await call(b.org.slug, c.id);
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain("@example.test");
  });
});
