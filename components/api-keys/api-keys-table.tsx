import { revokeApiKeyAction } from "@/app/(dashboard)/o/[org]/api-keys/actions";
import { Badge } from "@/components/ui/badge";
import { DataTable, Th } from "@/components/ui/data-table";
import { RowAction } from "@/components/ui/row-action";
import type { ApiKeyView } from "@/lib/api-keys/api-key-view";

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (d: Date | null) => (d ? `${dateFmt.format(d)} UTC` : "Never");

export function ApiKeysTable({ slug, keys }: { slug: string; keys: ApiKeyView[] }) {
  return (
    <DataTable
      caption="API keys"
      head={
        <>
          <Th>Name</Th>
          <Th>Key</Th>
          <Th className="hidden md:table-cell">Created</Th>
          <Th className="hidden sm:table-cell">Last used</Th>
          <Th className="text-right">
            <span className="sr-only">Actions</span>
          </Th>
        </>
      }
    >
      {keys.map((k) => (
        <tr key={k.id} data-testid="api-key-row" className="align-top">
          <td className="px-5 py-3">
            <span className={`font-medium ${k.revokedAt ? "text-slate-500 line-through" : "text-slate-900"}`}>{k.name}</span>
            {k.createdByName ? <div className="text-slate-500">by {k.createdByName}</div> : null}
          </td>
          <td className="px-5 py-3 font-mono text-slate-600">{k.prefix}…</td>
          <td className="hidden px-5 py-3 text-slate-600 md:table-cell">{when(k.createdAt)}</td>
          <td className="hidden px-5 py-3 text-slate-600 sm:table-cell">{when(k.lastUsedAt)}</td>
          <td className="px-5 py-3 text-right">
            {k.revokedAt ? (
              <span title={`Revoked ${when(k.revokedAt)}`}>
                <Badge tone="red">Revoked</Badge>
              </span>
            ) : (
              <RowAction
                action={revokeApiKeyAction}
                fields={{ org: slug, id: k.id }}
                label="Revoke"
                variant="ghost"
                srLabel={`Revoke ${k.name}`}
                confirm={`Revoke the key “${k.name}”? Integrations using it stop working at once. This cannot be undone.`}
              />
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
