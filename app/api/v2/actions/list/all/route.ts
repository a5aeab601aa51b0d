// GET /api/v2/actions/list/all – same as GET /api/v2/actions (composio-core's "minimal" list)
export { GET } from "../../route";

export const dynamic = "force-dynamic";
