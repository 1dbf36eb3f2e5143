import * as z from "zod/mini";

import { apiClient, type ApiClient } from "./api-client";

export const ROLES = ["owner", "admin", "member", "viewer"] as const;

export const OrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export type Organization = z.infer<typeof OrganizationSchema>;

/** `GET /me`: the signed-in user, their organizations and role in each, the active one. */
export const MeSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  organizations: z.array(OrganizationSchema),
  active_organization: OrganizationSchema,
});
export type Me = z.infer<typeof MeSchema>;

/** A new session (the API sets it as cookies; the token in the body is not kept). */
const SessionSchema = z.object({ organization_id: z.string() });

export const ME_PATH = "/me";

export function signIn(email: string, password: string, client: ApiClient = apiClient) {
  return client.post("/auth/sign-in", SessionSchema, { email, password });
}

export function signOut(client: ApiClient = apiClient) {
  return client.post("/auth/sign-out", z.unknown(), {});
}

export function switchOrganization(organizationId: string, client: ApiClient = apiClient) {
  return client.post("/auth/switch", SessionSchema, { organization_id: organizationId });
}

/** Where to go after signing in: a path of this site only (never another site). */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
    ? next
    : "/";
}
