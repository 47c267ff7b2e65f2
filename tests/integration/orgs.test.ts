import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { memberships } from "@/db/schema";
import { PLANS } from "@/lib/billing/plans";
import { createOrg } from "@/lib/orgs/create-org";
import { getOrgContext } from "@/lib/orgs/get-org-context";
import { listUserOrgs } from "@/lib/orgs/list-user-orgs";
import { RESERVED_SLUGS } from "@/lib/orgs/slugify";
import { updateOrgSettings } from "@/lib/orgs/update-org-settings";
import { addMember, createOrgWithOwner, createUser } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";
import { orgState } from "../fixtures/org-state";

const hex = () => randomBytes(4).toString("hex");

const goodSettings = {
  name: "Renamed Org",
  timezone: "Europe/Berlin",
  defaultCountry: "DE",
  postalAddress: "1 Main St, Springfield",
  defaultSenderName: "Renamed",
  defaultSenderEmail: "News@Renamed.example",
};

describe("creating an org", () => {
  it("makes the creator its owner, on Hobby with its monthly credits, and records it in the audit log", async () => {
    const user = await createUser();
    const org = await createOrg(user.id, { name: `Acme ${hex()}` });
    expect(org.id).toMatch(/^org_/);
    expect(org.plan).toBe("hobby");
    expect(org.credits).toBe(1000);
    expect(org.credits).toBe(PLANS.hobby.monthlyCredits);
    expect(org.timezone).toBe("UTC");

    const state = await orgState(org.id);
    expect(state.members).toHaveLength(1);
    expect(state.members[0]).toMatchObject({ userId: user.id, role: "owner" });
    expect(state.audit).toHaveLength(1);
    expect(state.audit[0]).toMatchObject({ action: "org.created", actorId: user.id, targetType: "org", targetId: org.id });

    expect(await listUserOrgs(user.id)).toEqual([{ id: org.id, name: org.name, slug: org.slug, role: "owner", plan: "hobby" }]);
  });

  it("derives a unique slug: the same name gets -2, then -3", async () => {
    const tag = hex();
    const [a, b, c] = [await createUser(), await createUser(), await createUser()];
    const first = await createOrg(a.id, { name: `Acme ${tag}` });
    const second = await createOrg(b.id, { name: `Acme ${tag}` });
    const third = await createOrg(c.id, { name: `  ACME!! ${tag} ` });
    expect(first.slug).toBe(`acme-${tag}`);
    expect(second.slug).toBe(`acme-${tag}-2`);
    expect(third.slug).toBe(`acme-${tag}-3`);
  });

  it("never takes a reserved slug", async () => {
    const user = await createUser();
    for (const name of ["Settings", "New", "API"]) {
      const org = await createOrg(user.id, { name });
      expect(RESERVED_SLUGS.has(org.slug)).toBe(false);
      expect(org.slug).toMatch(new RegExp(`^${name.toLowerCase()}-\\d+$`));
    }
  });

  it.each([
    { label: "too short", name: "A" },
    { label: "blank", name: "   " },
    { label: "too long", name: "x".repeat(81) },
  ])("refuses a name that is $label with a field error on name", async ({ name }) => {
    const user = await createUser();
    await expectFieldError(createOrg(user.id, { name }), "name");
    expect(await listUserOrgs(user.id)).toEqual([]);
  });
});

describe("org settings", () => {
  it.each(["owner", "admin"] as const)("an %s updates the settings; the change is audited", async (role) => {
    const { org, actor: ownerActor } = await createOrgWithOwner();
    const actor = role === "owner" ? ownerActor : (await addMember(org.id, "admin")).actor;
    const updated = await updateOrgSettings(actor, goodSettings);
    expect(updated).toMatchObject({
      id: org.id,
      name: "Renamed Org",
      timezone: "Europe/Berlin",
      postalAddress: "1 Main St, Springfield",
      defaultCountry: "DE",
      defaultSenderName: "Renamed",
      defaultSenderEmail: "news@renamed.example",
      slug: org.slug,
    });
    const state = await orgState(org.id);
    expect(state.org.timezone).toBe("Europe/Berlin");
    expect(state.audit.at(-1)).toMatchObject({ action: "org.settings_updated", actorId: actor.userId, targetId: org.id });
  });

  it("normalises the default country to upper case", async () => {
    const { org, actor } = await createOrgWithOwner();
    await updateOrgSettings(actor, { ...goodSettings, defaultCountry: " de " });
    expect((await orgState(org.id)).org.defaultCountry).toBe("DE");
  });

  it("blank optional fields clear to null", async () => {
    const { org, actor } = await createOrgWithOwner();
    await updateOrgSettings(actor, goodSettings);
    await updateOrgSettings(actor, { name: "Renamed Org", timezone: "UTC", postalAddress: "  ", defaultSenderName: "", defaultSenderEmail: "", defaultCountry: "" });
    const { org: after } = await orgState(org.id);
    expect(after).toMatchObject({ postalAddress: null, defaultSenderName: null, defaultSenderEmail: null, defaultCountry: null, timezone: "UTC" });
  });

  it.each([
    { label: "an unknown timezone", input: { timezone: "Mars/Olympus_Mons" }, field: "timezone" },
    { label: "a misspelt timezone", input: { timezone: "Europe/Berlinn" }, field: "timezone" },
    { label: "an empty timezone", input: { timezone: "" }, field: "timezone" },
    { label: "a bad sender e-mail", input: { defaultSenderEmail: "not-an-email" }, field: "defaultSenderEmail" },
    { label: "a too long postal address", input: { postalAddress: "x".repeat(501) }, field: "postalAddress" },
    { label: "a too short name", input: { name: "A" }, field: "name" },
    { label: "a three-letter country", input: { defaultCountry: "DEU" }, field: "defaultCountry" },
  ])("refuses $label (field $field) and changes nothing", async ({ input, field }) => {
    const { org, actor } = await createOrgWithOwner();
    const before = await orgState(org.id);
    await expectFieldError(updateOrgSettings(actor, { ...goodSettings, ...input }), field);
    expect(await orgState(org.id)).toEqual(before);
  });

  it("a member cannot update the settings: FORBIDDEN and nothing changes", async () => {
    const { org } = await createOrgWithOwner();
    const { actor } = await addMember(org.id, "member");
    const before = await orgState(org.id);
    await expectAppError(updateOrgSettings(actor, goodSettings), "FORBIDDEN");
    expect(await orgState(org.id)).toEqual(before);
  });
});

describe("org context", () => {
  it("resolves a member's role and actor from the slug", async () => {
    const { org } = await createOrgWithOwner();
    const { user } = await addMember(org.id, "admin");
    const ctx = await getOrgContext(user.id, org.slug);
    expect(ctx?.org.id).toBe(org.id);
    expect(ctx?.role).toBe("admin");
    expect(ctx?.actor).toEqual({ userId: user.id, orgId: org.id, role: "admin" });
  });

  it("is null for a non-member (even one who belongs to another org) and for an unknown slug", async () => {
    const { org } = await createOrgWithOwner();
    const { owner: outsider } = await createOrgWithOwner();
    expect(await getOrgContext(outsider.id, org.slug)).toBeNull();
    expect(await getOrgContext(outsider.id, `no-such-org-${hex()}`)).toBeNull();
  });

  it("lists only the orgs a user belongs to, with their role in each", async () => {
    const user = await createUser();
    const { org: a } = await createOrgWithOwner(`Alpha ${hex()}`);
    const { org: b } = await createOrgWithOwner(`Beta ${hex()}`);
    await createOrgWithOwner(`Gamma ${hex()}`);
    await db.insert(memberships).values([
      { orgId: a.id, userId: user.id, role: "member" },
      { orgId: b.id, userId: user.id, role: "admin" },
    ]);
    const orgs = await listUserOrgs(user.id);
    expect(orgs.map((o) => [o.id, o.role])).toEqual([
      [a.id, "member"],
      [b.id, "admin"],
    ]);
  });
});

// PGlite runs one transaction at a time, so races only exist against real Postgres.
describe.runIf(process.env.DATABASE_URL)("concurrent org creation (Postgres)", () => {
  // Regression (fixed with an advisory lock): without it, the free slug was chosen by a SELECT then INSERT,
  // so concurrent creations of one name collide on orgs_slug_unique and surface as a raw 500.
  it("orgs with the same name created at the same time all succeed with distinct slugs", async () => {
    for (let round = 0; round < 3; round++) {
      const name = `Race ${hex()}`;
      const creators = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
      const results = await Promise.allSettled(creators.map((u) => createOrg(u.id, { name })));
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
      const slugs = results.map((r) => (r as PromiseFulfilledResult<{ slug: string }>).value.slug);
      expect(new Set(slugs).size).toBe(4);
    }
  });
});
