import Link from "next/link";
import type { Role } from "@/db/schema";
import { Alert } from "./ui/alert";

/** What a page shows instead of its content when the operator's role is not enough. */
export function RoleRequired({
  role = "admin",
  currentRole,
  what,
}: {
  role?: Role;
  currentRole: Role;
  what: string;
}) {
  return (
    <Alert tone="warning" title={`You need the ${role} role to ${what}.`}>
      <p>
        Your role in this project is <strong>{currentRole}</strong>. Ask an admin of the project if
        you need access.{" "}
        <Link href="/" className="font-medium underline">
          Back to the overview
        </Link>
      </p>
    </Alert>
  );
}
