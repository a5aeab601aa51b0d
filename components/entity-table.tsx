// The entities table shared by the entities list and the search results.
import Link from "next/link";
import { entityHref } from "./connection-table";
import { Time } from "./time";
import { Table, TBody, TD, TH, THead, TR } from "./ui/table";

export interface EntityRow {
  externalId: string;
  connectionCount: number;
  createdAt: Date;
}

export function EntityTable({ items, label }: { items: EntityRow[]; label: string }) {
  return (
    <Table label={label}>
      <THead>
        <TR>
          <TH>Entity id</TH>
          <TH className="text-right">Connections</TH>
          <TH>First seen</TH>
        </TR>
      </THead>
      <TBody>
        {items.map((e) => (
          <TR key={e.externalId}>
            <TD className="max-w-md truncate">
              <Link
                href={entityHref(e.externalId)}
                className="text-brand-700 font-medium hover:underline"
              >
                {e.externalId}
              </Link>
            </TD>
            <TD className="text-right tabular-nums">{e.connectionCount}</TD>
            <TD className="whitespace-nowrap">
              <Time value={e.createdAt} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
