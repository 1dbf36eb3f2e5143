import { describe, expect, it } from "vitest";

import { dateTimeFormat, formatValue } from "./format";
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

  it("names the time zone of a date-time: readers in two zones see two times, each labelled", () => {
    const instant = new Date("2026-01-15T09:30:00Z");
    const zoneName = (format: Intl.DateTimeFormat) =>
      format.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value;

    expect(dateTimeFormat("UTC").format(instant)).toContain("09:30");
    expect(dateTimeFormat("Asia/Tokyo").format(instant)).toContain("18:30");
    expect(zoneName(dateTimeFormat("Asia/Tokyo"))).toMatch(/^(UTC|GMT)\+9$|^JST$/);
    // The page uses the reader's own zone, and names it.
    const reader = zoneName(dateTimeFormat());
    expect(reader).toBeTruthy();
    expect(formatValue(instant.toISOString(), "datetime")).toContain(reader);
  });

  it("shows an enumeration's value by its label", () => {
    const options = [{ value: "qualified", label: "Qualified" }];
    expect(formatValue("qualified", "choice", options)).toBe("Qualified");
    expect(formatValue("other", "choice", options)).toBe("other");
  });
});
