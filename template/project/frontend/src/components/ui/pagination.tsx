import { messages } from "@/lib/i18n";

import { ButtonLink } from "./button";

export interface PaginationProps {
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  /** The link to a page: `(2) => "/campaigns?page=2"`. */
  href: (page: number) => string;
}

/** "1–20 of 45" and previous/next links; nothing when everything fits on one page. */
export function Pagination({ page, pageSize, total, href }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page <= 1) return null;
  const from = total === 0 ? 0 : Math.min(total, (page - 1) * pageSize + 1);
  const to = Math.min(total, page * pageSize);
  return (
    <nav aria-label={messages.pagination} className="flex items-center justify-between gap-4 py-3">
      <p className="text-sm text-muted-foreground">{messages.range(from, to, total)}</p>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <ButtonLink variant="outline" size="sm" href={href(Math.min(page - 1, pages))}>
            {messages.previous}
          </ButtonLink>
        ) : null}
        <span className="text-sm" aria-current="page">
          {messages.pageOf(page, pages)}
        </span>
        {page < pages ? (
          <ButtonLink variant="outline" size="sm" href={href(page + 1)}>
            {messages.next}
          </ButtonLink>
        ) : null}
      </div>
    </nav>
  );
}
