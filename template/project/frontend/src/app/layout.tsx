import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import type { ToasterProps } from "sonner";

import { MainNav } from "@/components/main-nav";
import { ThemedToaster, ThemeToggle } from "@/components/theme";
import { loadFeatures } from "@/features";
import { lang, messages } from "@/lib/i18n";

import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: messages.appName, template: `%s · ${messages.appName}` },
  description: messages.appDescription,
};

/** The toasts of `notify` (src/lib/feedback.ts): a long item's name wraps. */
const toastOptions: ToasterProps["toastOptions"] = { classNames: { title: "wrap-anywhere" } };

export default function RootLayout({ children }: { children: ReactNode }) {
  const features = loadFeatures();
  const items = [
    { href: "/", label: messages.home },
    ...features.map(({ href, label }) => ({ href, label })),
  ];
  return (
    // next-themes sets <html>'s class before React hydrates: a difference it expects.
    <html lang={lang} suppressHydrationWarning>
      <body className="min-h-screen antialiased">
        <a
          href="#main"
          className="sr-only rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
        >
          {messages.skipToContent}
        </a>
        <Providers>
          <header className="border-b bg-card">
            <div className="mx-auto flex min-h-14 max-w-6xl flex-wrap items-center gap-x-8 gap-y-2 px-4 sm:px-6">
              <Link href="/" className="flex h-14 items-center gap-2 font-semibold tracking-tight">
                <span
                  aria-hidden="true"
                  className="grid size-7 place-items-center rounded-md bg-primary text-sm text-primary-foreground"
                >
                  V
                </span>
                {messages.appName}
              </Link>
              <MainNav items={items} actions={<ThemeToggle />} />
            </div>
          </header>
          <main
            id="main"
            tabIndex={-1}
            className="mx-auto max-w-6xl px-4 py-8 outline-none sm:px-6"
          >
            {children}
          </main>
          <ThemedToaster containerAriaLabel={messages.notifications} toastOptions={toastOptions} />
        </Providers>
      </body>
    </html>
  );
}
