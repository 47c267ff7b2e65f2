import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { ContactsTable } from "@/components/contacts/contacts-table";
import { FilterBar } from "@/components/contacts/filter-bar";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { contactFilterSchema, type ContactFilter } from "@/lib/audience/contacts/filter";
import { listContacts, type ContactListPage } from "@/lib/audience/contacts/list-contacts";
import { listFilterOptions } from "@/lib/audience/contacts/list-filter-options";
import { can } from "@/lib/audience/contacts/permissions";
import { CONTACT_SORTS, type ContactSort } from "@/lib/audience/contacts/schemas";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Contacts" };

type Search = Record<string, string | string[] | undefined>;
const FILTER_KEYS = ["q", "status", "tag", "listId", "operatorCode", "segmentId"] as const;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** Each filter value on its own, so one bad parameter in a shared URL drops only itself. */
function readFilter(sp: Search): { filter: ContactFilter; invalid: boolean } {
  const raw: Record<string, string> = {};
  let invalid = false;
  for (const k of FILTER_KEYS) {
    const v = first(sp[k]);
    if (v === undefined) continue;
    if (contactFilterSchema.shape[k].safeParse(v).success) raw[k] = v;
    else invalid = true;
  }
  return { filter: contactFilterSchema.parse(raw), invalid };
}

function queryOf(filter: ContactFilter, extra: Record<string, string | undefined> = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) qs.set(k, String(v));
  return qs.toString();
}

const FLASH: Record<string, string> = { deleted: "Contact deleted.", erased: "Contact erased. Its addresses stay suppressed, stored only as hashes." };

export default async function ContactsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const { org: slug } = await params;
  const sp = await searchParams;
  const { org, role, actor } = await requireOrg(slug);
  const { filter, invalid } = readFilter(sp);
  const sortParam = first(sp.sort);
  const sort: ContactSort = CONTACT_SORTS.includes(sortParam as ContactSort) ? (sortParam as ContactSort) : "newest";
  let notice = invalid ? "Some filter values in the address were not valid and are ignored." : null;
  let page: ContactListPage | null = null;
  // A filter value the operation refuses (a short search, another org's segment) is dropped with a notice.
  for (let attempt = 0; !page; attempt++) {
    try {
      page = await listContacts(actor, { ...filter, sort, cursor: first(sp.cursor) });
    } catch (e) {
      if (attempt > 1 || !isAppError(e)) throw e;
      if (e.fields?.q && filter.q) filter.q = undefined;
      else if (filter.segmentId) filter.segmentId = undefined;
      else throw e;
      notice = `${e.fields?.q ? "Search ignored" : "Segment filter ignored"}: ${e.message}`;
    }
  }
  const options = await listFilterOptions(actor);
  const filtered = FILTER_KEYS.some((k) => filter[k]);
  const filterQuery = queryOf(filter);
  const base = `/o/${org.slug}/contacts`;
  const sortQuery = sort === "newest" ? {} : { sort };
  const countLabel = page.count.capped ? `${page.count.value.toLocaleString("en-US")}+` : page.count.value.toLocaleString("en-US");
  const flash = Object.keys(FLASH).find((k) => first(sp[k]));

  return (
    <>
      <PageHeader
        title="Contacts"
        description={`${countLabel} ${filtered ? "matching" : page.count.value === 1 ? "contact" : "contacts"}`}
        action={
          <div className="flex flex-wrap gap-2">
            <Link href={`/o/${org.slug}/contacts/export${filterQuery ? `?${filterQuery}` : ""}`} className={buttonClass("secondary")}>
              Export CSV
            </Link>
            <Link href={`${base}/attributes`} className={buttonClass("ghost")}>
              Attributes
            </Link>
            <ButtonLink href={`${base}/new`}>Add a contact</ButtonLink>
          </div>
        }
      />
      <div className="space-y-4">
        {flash ? <Alert tone="success">{FLASH[flash]}</Alert> : null}
        {notice ? <Alert tone="warning">{notice}</Alert> : null}
        <Card className="p-4">
          <FilterBar
            slug={org.slug}
            values={{ ...filter, sort }}
            lists={options.lists}
            segments={options.segments}
            tags={options.tags}
            operatorCodes={options.operatorCodes}
          />
        </Card>
        {page.rows.length === 0 && !filtered && !first(sp.cursor) ? (
          <EmptyState
            title="No contacts yet"
            action={
              <div className="flex flex-wrap justify-center gap-2">
                <ButtonLink href={`${base}/new`}>Add a contact</ButtonLink>
                <ButtonLink href={`/o/${org.slug}/imports/new`} variant="secondary">
                  Import a CSV
                </ButtonLink>
              </div>
            }
          >
            Add people one by one, or import a CSV exported from Mailchimp, Brevo, listmonk or a spreadsheet.
          </EmptyState>
        ) : page.rows.length === 0 ? (
          <EmptyState title="No contacts match these filters" action={<ButtonLink href={base} variant="secondary">Clear filters</ButtonLink>}>
            Try a shorter search or fewer filters.
          </EmptyState>
        ) : (
          <Card>
            <ContactsTable
              slug={org.slug}
              rows={page.rows.map((r) => ({
                id: r.id,
                name: [r.firstName, r.lastName].filter(Boolean).join(" "),
                email: r.email,
                phone: r.phone,
                status: r.status,
                tags: r.tags,
                created: dateFmt.format(r.createdAt),
              }))}
              filterQuery={filterQuery}
              countLabel={countLabel}
              canDelete={can(role, "deleteContacts")}
              lists={options.lists}
            />
            <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm">
              {page.prevCursor ? (
                <Link href={`${base}?${queryOf(filter, { ...sortQuery, cursor: page.prevCursor })}`} className={buttonClass("secondary", "sm")} rel="prev">
                  ← Previous
                </Link>
              ) : (
                <span />
              )}
              {page.nextCursor ? (
                <Link href={`${base}?${queryOf(filter, { ...sortQuery, cursor: page.nextCursor })}`} className={buttonClass("secondary", "sm")} rel="next">
                  Next page →
                </Link>
              ) : null}
            </nav>
          </Card>
        )}
      </div>
    </>
  );
}
