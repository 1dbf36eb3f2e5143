"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import useSWR from "swr";

import { apiClient, setActiveOrganization, SIGN_IN_PATH, type ApiClient } from "@/lib/api-client";
import { messages } from "@/lib/i18n";
import { ME_PATH, MeSchema, signOut, switchOrganization, type Me } from "@/lib/session";
import { swrOptions } from "@/lib/swr";

import { Button } from "./ui/button";
import { cn } from "./ui/cn";
import { Select } from "./ui/input";

/**
 * The signed-in user in the header: their e-mail and role, the active organization (a
 * switcher when they have more than one) and sign-out. Loading `/me` without a session
 * sends the browser to sign-in (the API client's 401), except on the sign-in page.
 */
export function UserMenu({
  client = apiClient,
  go = (url: string) => window.location.assign(url),
  className = "ml-auto flex",
}: {
  client?: ApiClient;
  go?: (url: string) => void;
  /** Where it sits and how it shows (`flex`, `hidden lg:flex`): the header's choice. */
  className?: string;
}) {
  const pathname = usePathname();
  const onSignIn = pathname === SIGN_IN_PATH;
  const { data } = useSWR<Me>(
    onSignIn ? null : [ME_PATH],
    () => client.get(ME_PATH, MeSchema),
    swrOptions,
  );
  const [pending, setPending] = useState(false);
  useEffect(() => setActiveOrganization(data?.active_organization.id ?? null), [data]);
  if (onSignIn || !data) return null;
  const active = data.active_organization;

  async function change(organizationId: string) {
    setPending(true);
    await switchOrganization(organizationId, client);
    // A full load: every cache of the other organization is gone with it.
    go(window.location.pathname);
  }

  async function leave() {
    setPending(true);
    await signOut(client);
    go(SIGN_IN_PATH);
  }

  return (
    <div
      aria-label={messages.account}
      role="group"
      className={cn("items-center gap-3 text-sm", className)}
    >
      {data.organizations.length > 1 ? (
        <label className="flex items-center gap-2">
          <span className="text-muted-foreground">{messages.organization}</span>
          <Select
            value={active.id}
            disabled={pending}
            onChange={(event) => void change(event.target.value)}
            className="h-8 w-auto"
          >
            {data.organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
          </Select>
        </label>
      ) : (
        <span>{active.name}</span>
      )}
      <span className="min-w-0 text-muted-foreground wrap-anywhere">
        {data.user.email} · {messages.roles[active.role]}
      </span>
      <Button variant="outline" size="sm" disabled={pending} onClick={() => void leave()}>
        {messages.signOut}
      </Button>
    </div>
  );
}
