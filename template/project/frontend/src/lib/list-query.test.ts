import { describe, expect, it } from "vitest";

import { apiQuery, ariaSort, listSearch, nextSort, pageBeyond, readListState } from "./list-query";

describe("the list's state in its URL", () => {
  it("reads what it can use and leaves out the rest", () => {
    const state = readListState(
      { page: "3", size: "50", sort: "-name", q: " acme ", status: "lost", other: "x" },
      ["name"],
      ["status"],
    );

    expect(state).toEqual({
      page: 3,
      size: 50,
      sort: "-name",
      q: "acme",
      filters: { status: "lost" },
    });
    expect(readListState({ page: "-2", size: "7", sort: "tenant_id" }, ["name"])).toEqual({
      page: 1,
      size: 20,
      sort: undefined,
      q: undefined,
      filters: {},
    });
  });

  it("writes a state back, defaults left out, and gives the API its query", () => {
    const state = readListState({ sort: "name", status: "new" }, ["name"], ["status"]);

    expect(listSearch(state)).toBe("?sort=name&status=new");
    expect(listSearch(state, { page: 2, size: 50 })).toBe("?page=2&size=50&sort=name&status=new");
    expect(listSearch(readListState({}))).toBe("");
    expect(apiQuery({ ...state, page: 3 })).toBe("limit=20&offset=40&sort=name&status=new");
  });

  it("sorts a column ascending first, then descending", () => {
    expect(nextSort(undefined, "name")).toBe("name");
    expect(nextSort("name", "name")).toBe("-name");
    expect(nextSort("-name", "name")).toBe("name");
    expect([ariaSort("name", "name"), ariaSort("-name", "name"), ariaSort("x", "name")]).toEqual([
      "ascending",
      "descending",
      "none",
    ]);
  });
});

describe("a page past the last one", () => {
  it("is the last page instead, the first when there is nothing", () => {
    expect(pageBeyond(99, 20, { total: 45 })).toBe(3);
    expect(pageBeyond(4, 20, { total: 60, exact: true })).toBe(3);
    expect(pageBeyond(2, 20, { total: 0 })).toBe(1);
  });

  it("is left alone when it exists, or when the last page is not known", () => {
    expect(pageBeyond(3, 20, { total: 45 })).toBeNull();
    expect(pageBeyond(1, 20, { total: 0 })).toBeNull();
    expect(pageBeyond(99, 20, { total: 10_000, exact: false })).toBeNull();
    expect(pageBeyond(99, 20, undefined)).toBeNull();
  });
});
