import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { formatValue } from "@/lib/format";

import { CellValue, columnClass, type FieldDescription } from "./field-value";

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
    // "1 200" (a narrow no-break space, kept as is) in French, "1,200" in English.
    const number = screen.getByText(formatValue(1200, "integer"), { normalizer: (text) => text });
    expect(number).toHaveClass("ml-auto");
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
