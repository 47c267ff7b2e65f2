// Auth.js endpoints (session, CSRF, sign-out). Sign-in itself goes through server actions.
import { handlers } from "@/app/_lib/auth";

export const { GET, POST } = handlers;
