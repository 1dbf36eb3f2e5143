import Link from "next/link";

import { loadFeatures } from "@/features";
import { messages } from "@/lib/i18n";

export default function HomePage() {
  const features = loadFeatures();
  return (
    <>
      <section className="mb-8">
        <h1 className="text-3xl font-semibold tracking-tight">{messages.appName}</h1>
        <p className="mt-2 text-muted-foreground">{messages.appDescription}</p>
      </section>
      <h2 className="mb-3 text-lg font-semibold">{messages.features}</h2>
      {features.length === 0 ? (
        <p className="text-sm text-muted-foreground">{messages.noFeatures}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {features.map((feature) => (
            <li key={feature.href}>
              <Link
                href={feature.href}
                className="block rounded-lg border bg-card p-5 shadow-xs transition-colors hover:border-primary/50"
              >
                <span className="font-medium">{feature.label}</span>
                <span className="mt-1 block text-sm text-muted-foreground">{feature.href}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
