// GET /api/v1/triggers – Keyport has no triggers yet: an empty list (the Python SDK reads this
// list when it fills its local cache, and fails on anything but a 200).
import { withLegacyKey } from "@/lib/http/legacy-mappers";

export const dynamic = "force-dynamic";

export const GET = withLegacyKey(() => []);
