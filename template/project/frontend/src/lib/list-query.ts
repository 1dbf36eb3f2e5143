/**
 * What a list shows, kept in its URL (`?page=2&size=50&sort=-name&q=acme&status=lost`): a
 * shared link or the back button restores the view. The API takes the same sort, search and
 * filters (`GET /<plural>?limit=&offset=&sort=&q=&<filters>`).
 */
export interface ListState {
  /** 1-based. */
  page: number;
  size: number;
  /** A column, `-` first for descending; the API's default (oldest first) when absent. */
  sort?: string;
  q?: string;
  filters: Record<string, string>;
}

export const PAGE_SIZES = [10, 20, 50, 100];
export const DEFAULT_PAGE_SIZE = 20;
const SEARCH_MAX_LENGTH = 100;

export type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The list's state from a page's search params: what it cannot use is left out. */
export function readListState(
  params: SearchParams,
  sortable: readonly string[] = [],
  filters: readonly string[] = [],
): ListState {
  const page = Number.parseInt(first(params.page) ?? "1", 10);
  const size = Number.parseInt(first(params.size) ?? "", 10);
  const sort = first(params.sort);
  const q = first(params.q)?.trim().slice(0, SEARCH_MAX_LENGTH);
  const given: Record<string, string> = {};
  for (const name of filters) {
    const value = first(params[name]);
    if (value) given[name] = value;
  }
  return {
    page: Number.isNaN(page) || page < 1 ? 1 : page,
    size: PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
    sort: sort && sortable.includes(sort.replace(/^-/, "")) ? sort : undefined,
    q: q || undefined,
    filters: given,
  };
}

/** The URL search of a state (`?page=2&sort=-name`), with `changes`; defaults left out. */
export function listSearch(state: ListState, changes: Partial<ListState> = {}): string {
  const next = { ...state, ...changes };
  const params = new URLSearchParams();
  if (next.page > 1) params.set("page", String(next.page));
  if (next.size !== DEFAULT_PAGE_SIZE) params.set("size", String(next.size));
  if (next.sort) params.set("sort", next.sort);
  if (next.q) params.set("q", next.q);
  for (const [name, value] of Object.entries(next.filters)) params.set(name, value);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The API query of a state: `limit`, `offset`, then `sort`, `q` and the filters. */
export function apiQuery(state: ListState): string {
  const params = new URLSearchParams({
    limit: String(state.size),
    offset: String((state.page - 1) * state.size),
  });
  if (state.sort) params.set("sort", state.sort);
  if (state.q) params.set("q", state.q);
  for (const [name, value] of Object.entries(state.filters)) params.set(name, value);
  return params.toString();
}

/** The sort a column's header sets: ascending first, descending when it already is. */
export function nextSort(current: string | undefined, column: string): string {
  return current === column ? `-${column}` : column;
}

/** A column header's `aria-sort`. */
export function ariaSort(
  current: string | undefined,
  column: string,
): "ascending" | "descending" | "none" {
  if (current === column) return "ascending";
  if (current === `-${column}`) return "descending";
  return "none";
}

/**
 * The last page when `page` is past it (`?page=99` of 3 pages): the page to go to rather than
 * show "Page 99 of 3" over an empty table; null when the page exists, or when `total` is only
 * a lower bound (`exact: false`) and the last page is not known.
 */
export function pageBeyond(
  page: number,
  size: number,
  data: { total: number; exact?: boolean } | undefined,
): number | null {
  if (!data || data.exact === false) return null;
  const last = Math.max(1, Math.ceil(data.total / size));
  return page > last ? last : null;
}
