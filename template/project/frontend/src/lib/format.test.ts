import { describe, expect, it } from "vitest";

import { formatValue } from "./format";
import { locale, messages } from "./i18n";

describe("formatValue", () => {
  it("shows an absent value as a dash", () => {
    expect(formatValue(null)).toBe(messages.none);
    expect(formatValue(undefined, "date")).toBe(messages.none);
    expect(formatValue("")).toBe(messages.none);
  });

  it("formats each kind in the project's locale", () => {
    expect(formatValue(true, "boolean")).toBe(messages.yes);
    expect(formatValue(false, "boolean")).toBe(messages.no);
    expect(formatValue(1234, "integer")).toBe(new Intl.NumberFormat(locale).format(1234));
    expect(formatValue(0.5, "number")).toBe(new Intl.NumberFormat(locale).format(0.5));
    expect(formatValue("1250.5", "decimal")).toBe(
      new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(1250.5),
    );
    expect(formatValue({ source: "salon" }, "json")).toBe('{"source":"salon"}');
    expect(formatValue("Exemple")).toBe("Exemple");
  });

  it("formats dates and date-times, and shows what it cannot read as it is", () => {
    expect(formatValue("2026-01-15", "date")).toContain("2026");
    expect(formatValue("2026-01-15", "date")).not.toContain("T");
    expect(formatValue("2026-01-15T09:30:00Z", "datetime")).toContain("2026");
    expect(formatValue("pas une date", "date")).toBe("pas une date");
    expect(formatValue("pas une date", "datetime")).toBe("pas une date");
    expect(formatValue("abc", "decimal")).toBe("abc");
    expect(formatValue("7", "integer")).toBe("7");
  });

  it("shows an enumeration's value by its label", () => {
    const options = [{ value: "qualified", label: "Qualified" }];
    expect(formatValue("qualified", "choice", options)).toBe("Qualified");
    expect(formatValue("other", "choice", options)).toBe("other");
  });
});
