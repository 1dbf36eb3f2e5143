import { messages } from "@/lib/i18n";

import { ButtonLink } from "./button";
import { PageJump } from "./page-jump";

export interface PaginationProps {
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  /** False when `total` is a lower bound (the API counts up to a cap): no last page then. */
  exact?: boolean;
  /** The link to a page: `(2) => "/campaigns?page=2"`. */
  href: (page: number) => string;
}

/** "1–20 of 45", first, previous, next and last links, and a page to jump to; nothing
 * when everything fits on one page. */
export function Pagination({ page, pageSize, total, exact = true, href }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page <= 1) return null;
  const from = total === 0 ? 0 : Math.min(total, (page - 1) * pageSize + 1);
  const to = exact ? Math.min(total, page * pageSize) : page * pageSize;
  const hasNext = page < pages || !exact;
  return (
    <nav
      aria-label={messages.pagination}
      className="flex flex-wrap items-center justify-between gap-4 py-3"
    >
      <p className="text-sm text-muted-foreground">
        {exact ? messages.range(from, to, total) : messages.rangeAtLeast(from, to, total)}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <>
            <ButtonLink variant="outline" size="sm" href={href(1)} aria-label={messages.first}>
              «
            </ButtonLink>
            <ButtonLink variant="outline" size="sm" href={href(Math.min(page - 1, pages))}>
              {messages.previous}
            </ButtonLink>
          </>
        ) : null}
        <span className="text-sm" aria-current="page">
          {messages.pageOf(page, pages)}
        </span>
        {hasNext ? (
          <ButtonLink variant="outline" size="sm" href={href(page + 1)}>
            {messages.next}
          </ButtonLink>
        ) : null}
        {exact && page < pages ? (
          <ButtonLink variant="outline" size="sm" href={href(pages)} aria-label={messages.last}>
            »
          </ButtonLink>
        ) : null}
        <PageJump pages={exact ? pages : undefined} href={href} />
      </div>
    </nav>
  );
}
