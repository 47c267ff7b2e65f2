import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { PageHeader } from "@/components/ui/card";
import { STARTER_HTML, TemplateEditor } from "@/components/templates/template-editor";
import { listAttributeDefinitions } from "@/lib/audience/attribute-definitions/list-attribute-definitions";

export const metadata: Metadata = { title: "New template" };

const STARTER_SMS = "Hi {{ contact.first_name | default: \"there\" }}, ";

export default async function NewTemplatePage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ channel?: string }> }) {
  const { org: slug } = await params;
  const channel = (await searchParams).channel === "sms" ? "sms" : "email";
  const { org, actor, user } = await requireOrg(slug);
  const attributes = await listAttributeDefinitions(actor);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${org.slug}/templates`} className="text-brand-700 hover:underline">
          ← Templates
        </Link>
      </p>
      <PageHeader title={channel === "email" ? "New e-mail template" : "New SMS template"} />
      <TemplateEditor
        slug={org.slug}
        channel={channel}
        attributes={attributes}
        testTo={user.email}
        initial={{ name: "", subject: "", preheader: "", html: channel === "email" ? STARTER_HTML : "", text: "", smsBody: channel === "sms" ? STARTER_SMS : "" }}
      />
    </>
  );
}
