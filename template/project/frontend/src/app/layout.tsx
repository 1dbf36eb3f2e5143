import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";

import { NavLink } from "@/components/nav-link";
import { UserMenu } from "@/components/user-menu";
import { loadFeatures } from "@/features";
import { lang, messages } from "@/lib/i18n";

import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: messages.appName, template: `%s · ${messages.appName}` },
  description: messages.appDescription,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const features = loadFeatures();
  return (
    <html lang={lang}>
      <body className="min-h-screen antialiased">
        <Providers>
          <header className="border-b bg-card">
            <div className="mx-auto flex h-14 max-w-6xl items-center gap-8 px-6">
              <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
                <span
                  aria-hidden="true"
                  className="grid size-7 place-items-center rounded-md bg-primary text-sm text-primary-foreground"
                >
                  V
                </span>
                {messages.appName}
              </Link>
              <nav aria-label={messages.mainNav}>
                <ul className="flex items-center gap-1 text-sm">
                  <li>
                    <NavLink href="/">{messages.home}</NavLink>
                  </li>
                  {features.map((feature) => (
                    <li key={feature.href}>
                      <NavLink href={feature.href}>{feature.label}</NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
              <UserMenu />
            </div>
          </header>
          <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
