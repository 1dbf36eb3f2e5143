import type { Metadata } from "next";

import { messages } from "@/lib/i18n";
import { safeNext } from "@/lib/session";

import { SignInView } from "./view";

export const metadata: Metadata = { title: messages.signInTitle };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { next } = await searchParams;
  return <SignInView next={safeNext(typeof next === "string" ? next : null)} />;
}
