// Auth.js endpoints (sign-in, sign-out, session).
export { GET, POST } from "@/lib/auth/handlers";
