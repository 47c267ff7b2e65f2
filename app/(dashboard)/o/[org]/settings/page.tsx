import type { Metadata } from "next";
import { requireOrg } from "@/app/_lib/session";
import { OrgSettingsForm } from "@/components/dashboard/org-settings-form";
import { Card, CardBody, PageHeader } from "@/components/ui/card";
import { atLeast } from "@/lib/orgs/actor";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireOrg(slug);
  return (
    <>
      <PageHeader title="Settings" description={`Organization ID ${org.id} · URL /o/${org.slug}`} />
      <Card>
        <CardBody>
          <OrgSettingsForm
            slug={org.slug}
            canEdit={atLeast(role, "admin")}
            timezones={Intl.supportedValuesOf("timeZone")}
            initial={{
              name: org.name,
              timezone: org.timezone,
              defaultCountry: org.defaultCountry ?? "",
              postalAddress: org.postalAddress ?? "",
              defaultSenderName: org.defaultSenderName ?? "",
              defaultSenderEmail: org.defaultSenderEmail ?? "",
            }}
          />
        </CardBody>
      </Card>
    </>
  );
}
