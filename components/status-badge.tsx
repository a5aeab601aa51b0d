import type { ConnectionStatus } from "@/db/schema";
import { Badge, type BadgeTone } from "./ui/badge";

const look: Record<ConnectionStatus, { tone: BadgeTone; text: string }> = {
  INITIATED: { tone: "blue", text: "Initiated" },
  ACTIVE: { tone: "green", text: "Active" },
  FAILED: { tone: "red", text: "Failed" },
  EXPIRED: { tone: "amber", text: "Expired" },
  INACTIVE: { tone: "neutral", text: "Inactive" },
  REVOKED: { tone: "slate", text: "Revoked" },
};

/** A connection status as colour and words (the words carry the meaning). */
export function StatusBadge({ status }: { status: ConnectionStatus }) {
  const { tone, text } = look[status];
  return (
    <Badge tone={tone} dot>
      {text}
    </Badge>
  );
}
