import type { ReactNode } from "react";

import { messages } from "@/lib/i18n";

import { PageTitle } from "./page-title";
import { Alert } from "./ui/alert";
import { Button, ButtonLink } from "./ui/button";

/** A page's title (a long one wraps), with its actions on the right. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
      <PageTitle>{title}</PageTitle>
      {children ? <div className="flex items-center gap-2">{children}</div> : null}
    </div>
  );
}

export function LoadingState() {
  return (
    <p role="status" className="py-8 text-sm text-muted-foreground">
      {messages.loading}
    </p>
  );
}

/** A failed load, or a failed page (the `error.tsx` boundaries): with a retry when it can. */
export function ErrorState({ message, onRetry }: { message?: string; onRetry?: () => void }) {
  return (
    <Alert variant="destructive" title={message ?? messages.loadError}>
      {onRetry ? (
        <Button variant="outline" size="sm" className="mt-2" onClick={onRetry}>
          {messages.retry}
        </Button>
      ) : null}
    </Alert>
  );
}

export function EmptyState({ children }: { children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed bg-card px-6 py-12 text-center">
      <p className="font-medium">{messages.empty}</p>
      <p className="mt-1 text-sm text-muted-foreground">{children ?? messages.emptyHint}</p>
    </div>
  );
}

/**
 * What a missing page or item shows, titled by the page's `h1`; an `h2` (`heading="h2"`) under a
 * page's own title.
 */
export function NotFoundState({
  backHref,
  heading: Heading = "h1",
}: {
  backHref: string;
  heading?: "h1" | "h2";
}) {
  return (
    <div className="rounded-lg border bg-card px-6 py-12 text-center">
      <Heading className="text-lg font-semibold">{messages.notFound}</Heading>
      <p className="mt-1 text-sm text-muted-foreground">{messages.notFoundText}</p>
      <ButtonLink variant="outline" className="mt-4" href={backHref}>
        {backHref === "/" ? messages.backHome : messages.backToList}
      </ButtonLink>
    </div>
  );
}
