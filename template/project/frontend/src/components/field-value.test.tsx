import { render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { formatValue } from "@/lib/format";

import { CellValue, columnClass, FieldValue, type FieldDescription } from "./field-value";

const NAME: FieldDescription = { name: "name", label: "Name", kind: "text" };
const BUDGET: FieldDescription = { name: "budget", label: "Budget", kind: "integer" };
const DATA: FieldDescription = { name: "data", label: "Data", kind: "json" };
const JSON_VALUE = { a: 1 };

describe("a value in a table's cell", () => {
  it("is on one line, cut, with the whole value in its title", () => {
    const long = "x".repeat(255);
    render(<CellValue field={NAME} value={long} />);

    const shown = screen.getByText(long);
    expect(shown).toHaveAttribute("title", long);
    expect(shown).toHaveClass("block", "truncate", "max-w-64");
  });

  it("aligns numbers on the right, and shows JSON as code", () => {
    render(
      <>
        <CellValue field={BUDGET} value={1200} />
        <CellValue field={DATA} value={JSON_VALUE} />
      </>,
    );

    expect(columnClass(BUDGET)).toContain("text-right");
    expect(columnClass(NAME)).toBeUndefined();
    expect(screen.getByTitle('{"a":1}')).toHaveClass("font-mono");
    // 1 200 or 1,200, as the project's locale writes it (its spaces normalized, as the query's).
    const shown = formatValue(1200, "integer").replace(/\s+/g, " ");
    expect(screen.getByText(shown)).toHaveClass("ml-auto");
  });

  it("shows its children in place of the value (say, a link), the title still the value's", () => {
    render(
      <CellValue field={NAME} value="Spring">
        <strong>Spring</strong>
      </CellValue>,
    );

    expect(screen.getByText("Spring").parentElement).toHaveAttribute("title", "Spring");
  });
});

describe("an instant", () => {
  const STARTS: FieldDescription = { name: "starts_at", label: "Starts", kind: "datetime" };
  const instant = "2026-01-15T09:30:00Z";

  it("is written in UTC, named so, on the server: the hydrating render writes the same", () => {
    const html = renderToString(<FieldValue field={STARTS} value={instant} />);

    expect(html).toBe(formatValue(instant, "datetime", undefined, "UTC"));
    expect(html).toContain("UTC");
  });

  it("is written in the reader's time zone in the browser", () => {
    render(<CellValue field={STARTS} value={instant} />);

    const reader = formatValue(instant, "datetime");
    expect(screen.getByText(reader)).toHaveAttribute("title", reader);
  });
});
