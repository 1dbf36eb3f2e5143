import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { messages } from "@/lib/i18n";

import { Alert } from "./alert";
import { Button, ButtonLink } from "./button";
import { ConfirmDialog } from "./dialog";
import { characterCount, FormField, type FieldKind } from "./field";
import { Pagination } from "./pagination";
import { ReferenceCombobox } from "./reference-combobox";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "./table";
import { EmptyState, ErrorState, LoadingState, NotFoundState, PageHeader } from "../states";

describe("Button and ButtonLink", () => {
  it("is a button by default, and a link when it navigates", async () => {
    const onClick = vi.fn();
    render(
      <>
        <Button onClick={onClick}>Go</Button>
        <ButtonLink href="/x" variant="outline" size="sm">
          Link
        </ButtonLink>
      </>,
    );

    await userEvent.click(screen.getByRole("button", { name: "Go" }));
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("button", { name: "Go" })).toHaveAttribute("type", "button");
    expect(screen.getByRole("link", { name: "Link" })).toHaveAttribute("href", "/x");
  });
});

describe("a text field's character counter", () => {
  it("counts against the column's length, and shows a longer paste as too long without cutting it", async () => {
    render(
      <FormField
        kind="text"
        name="name"
        label="Name"
        required
        maxLength={255}
        defaultValue="Été"
      />,
    );
    const input = screen.getByRole("textbox", { name: "Name" });
    expect(input).not.toHaveAttribute("maxlength");
    expect(input).toHaveAccessibleDescription(messages.characterCount(3, 255));

    await userEvent.clear(input);
    await userEvent.click(input);
    await userEvent.paste("x".repeat(1000));

    expect(input).toHaveValue("x".repeat(1000));
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription(messages.characterCount(1000, 255));
    expect(screen.getByText(messages.characterCount(1000, 255))).toHaveClass("text-destructive");
  });

  it("counts characters as the API does: an emoji is one", () => {
    expect(characterCount("👍é")).toBe(2);
  });
});

describe("FormField", () => {
  const kinds: [FieldKind, string][] = [
    ["text", "textbox"],
    ["uuid", "textbox"],
    ["textarea", "textbox"],
    ["json", "textbox"],
    ["decimal", "textbox"],
    ["integer", "spinbutton"],
    ["number", "spinbutton"],
    ["boolean", "checkbox"],
    ["optional-boolean", "combobox"],
    ["select", "combobox"],
    ["reference", "textbox"],
  ];

  it.each(kinds)("gives a %s field its control, labelled", (kind, role) => {
    render(<FormField kind={kind} name="field" label="Champ" />);
    expect(screen.getByRole(role, { name: "Champ" })).toBeInTheDocument();
  });

  it("gives a reference with its resource's path a searchable picker", () => {
    render(
      <FormField
        kind="reference"
        path="/campaigns"
        picker={ReferenceCombobox}
        name="campaign_id"
        label="Campaign"
      />,
    );
    expect(screen.getByRole("combobox", { name: "Campaign" })).toHaveAttribute(
      "aria-expanded",
      "false",
    );
  });

  it("offers an enumeration's values, by their labels", () => {
    const options = [
      { value: "new", label: "New" },
      { value: "lost", label: "Lost" },
    ];
    render(<FormField kind="select" name="status" label="Status" options={options} required />);
    const select = screen.getByRole("combobox", { name: "Status" });
    expect(select).toBeRequired();
    expect(screen.getByRole("option", { name: "Lost" })).toHaveValue("lost");
  });

  it("marks required fields, not checkboxes, and says which are optional", () => {
    render(
      <>
        <FormField kind="text" name="name" label="Name" required />
        <FormField kind="boolean" name="active" label="Active" required defaultValue="true" />
        <FormField kind="integer" name="budget" label="Budget" />
        <FormField kind="date" name="day" label="Day" defaultValue="2026-01-15" />
        <FormField kind="datetime" name="at" label="At" />
      </>,
    );

    expect(screen.getByLabelText("Name")).toBeRequired();
    expect(screen.getByLabelText("Active")).not.toBeRequired();
    expect(screen.getByLabelText("Active")).toBeChecked();
    expect(screen.getByLabelText("Budget")).not.toBeRequired();
    expect(screen.getByLabelText("Budget")).toHaveAttribute("step", "1");
    expect(screen.getByLabelText("Budget")).toHaveAccessibleDescription(messages.optional);
    expect(screen.getByLabelText("Day")).toHaveValue("2026-01-15");
    expect(screen.getByLabelText("At")).toHaveAttribute("type", "datetime-local");
    expect(screen.queryByText("*")).toBeNull();
  });

  it("shows its error and describes the control with it", () => {
    render(<FormField kind="text" name="name" label="Name" required error="Trop long" />);

    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Trop long");
  });
});

describe("Table, Alert and states", () => {
  it("renders a table with its caption and headers", () => {
    render(
      <Table>
        <TableCaption>Campaigns</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow>
            <TableCell>Exemple</TableCell>
          </TableRow>
        </TableBody>
      </Table>,
    );

    expect(screen.getByRole("table", { name: "Campaigns" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Name" })).toBeInTheDocument();
    expect(screen.getByRole("cell", { name: "Exemple" })).toBeInTheDocument();
  });

  it("announces errors as alerts and the rest as status", () => {
    render(
      <>
        <Alert title="Info">ok</Alert>
        <ErrorState />
      </>,
    );
    expect(screen.getByRole("status")).toHaveTextContent("Info");
    expect(screen.getByRole("alert")).toHaveTextContent(messages.loadError);
  });

  it("has loading, empty and not-found states and a page header", async () => {
    const retry = vi.fn();
    render(
      <>
        <PageHeader title="Campaigns">
          <Button>New</Button>
        </PageHeader>
        <LoadingState />
        <EmptyState />
        <NotFoundState backHref="/campaigns" />
        <NotFoundState backHref="/" />
        <ErrorState message="Boom" onRetry={retry} />
      </>,
    );

    const titles = screen.getAllByRole("heading", { level: 1 }).map((h) => h.textContent);
    expect(titles).toEqual(["Campaigns", messages.notFound, messages.notFound]);
    expect(screen.getByRole("status")).toHaveTextContent(messages.loading);
    expect(screen.getByText(messages.empty)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: messages.backToList })).toHaveAttribute(
      "href",
      "/campaigns",
    );
    expect(screen.getByRole("link", { name: messages.backHome })).toHaveAttribute("href", "/");
    await userEvent.click(screen.getByRole("button", { name: messages.retry }));
    expect(retry).toHaveBeenCalledTimes(1);
  });
});

describe("Pagination", () => {
  const href = (page: number) => `/campaigns?page=${page}`;

  it("shows nothing when everything fits on one page", () => {
    const { container } = render(<Pagination page={1} pageSize={20} total={5} href={href} />);
    expect(container).toBeEmptyDOMElement();
  });

  it("links to the first and last pages, and jumps to one", () => {
    render(<Pagination page={2} pageSize={20} total={95} href={href} />);

    expect(screen.getByRole("link", { name: messages.first })).toHaveAttribute("href", href(1));
    expect(screen.getByRole("link", { name: messages.last })).toHaveAttribute("href", href(5));
    expect(screen.getByRole("spinbutton", { name: messages.goToPage })).toHaveAttribute("max", "5");
  });

  it("says 'more than' and offers no last page when the total is a lower bound", () => {
    render(<Pagination page={1} pageSize={20} total={10000} exact={false} href={href} />);

    expect(screen.getByRole("navigation")).toHaveTextContent(messages.rangeAtLeast(1, 20, 10000));
    expect(screen.queryByRole("link", { name: messages.last })).toBeNull();
    expect(screen.getByRole("link", { name: messages.next })).toHaveAttribute("href", href(2));
  });

  it("links to the previous and next pages", () => {
    render(<Pagination page={2} pageSize={20} total={45} href={href} />);

    expect(screen.getByRole("navigation", { name: messages.pagination })).toHaveTextContent(
      messages.range(21, 40, 45),
    );
    expect(screen.getByRole("link", { name: messages.previous })).toHaveAttribute("href", href(1));
    expect(screen.getByRole("link", { name: messages.next })).toHaveAttribute("href", href(3));
  });

  it("has no next link on the last page", () => {
    render(<Pagination page={3} pageSize={20} total={45} href={href} />);
    expect(screen.queryByRole("link", { name: messages.next })).toBeNull();
    expect(screen.getByText(messages.pageOf(3, 3))).toBeInTheDocument();
  });
});

describe("ConfirmDialog", () => {
  it("asks before acting, and can be cancelled", async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    const dialog = (open: boolean) => (
      <ConfirmDialog
        open={open}
        title="Supprimer ?"
        confirmLabel="Supprimer"
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        Définitif.
      </ConfirmDialog>
    );
    const { rerender } = render(dialog(false));
    expect(screen.queryByText("Définitif.")).toBeNull();

    rerender(dialog(true));
    await userEvent.click(screen.getByRole("button", { name: messages.cancel, hidden: true }));
    await userEvent.click(screen.getByRole("button", { name: "Supprimer", hidden: true }));

    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onConfirm).toHaveBeenCalledTimes(1);

    rerender(dialog(false));
    expect(screen.queryByText("Définitif.")).toBeNull();
  });
});
