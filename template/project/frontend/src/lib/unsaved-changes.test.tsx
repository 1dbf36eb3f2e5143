import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useRef } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { messages } from "./i18n";
import { formSnapshot, leavesPage, useUnsavedChanges } from "./unsaved-changes";

const followed = vi.fn();

/** A form and links; a link's own click handler stands for Next's `Link` (it navigates). */
function Page({ saved = false }: { saved?: boolean }) {
  const form = useRef<HTMLFormElement>(null);
  useUnsavedChanges(form, saved);
  const link = (href: string, name: string) => (
    <a
      href={href}
      onClick={(event) => {
        event.preventDefault();
        followed(href);
      }}
    >
      {name}
    </a>
  );
  return (
    <>
      <form ref={form} aria-label="Campaign">
        <label>
          Name
          <input name="name" defaultValue="Printemps" />
        </label>
      </form>
      {link("/campaigns", "List")}
      {link("#main", "Skip")}
      {link("https://example.org/", "Elsewhere")}
    </>
  );
}

function reload() {
  const event = new Event("beforeunload", { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe("a warning before leaving a changed form", () => {
  let confirm: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    followed.mockClear();
    confirm = vi.spyOn(window, "confirm").mockReturnValue(false);
  });
  afterEach(() => confirm.mockRestore());

  it("asks nothing while the form is unchanged", async () => {
    render(<Page />);
    await userEvent.click(screen.getByRole("link", { name: "List" }));

    expect(confirm).not.toHaveBeenCalled();
    expect(followed).toHaveBeenCalledWith("/campaigns");
    expect(reload()).toBe(false);
  });

  it("asks before a link of the site is followed, and stays when refused", async () => {
    render(<Page />);
    await userEvent.type(screen.getByRole("textbox", { name: "Name" }), " 2027");
    await userEvent.click(screen.getByRole("link", { name: "List" }));

    expect(confirm).toHaveBeenCalledWith(messages.unsavedChanges);
    expect(followed).not.toHaveBeenCalled();
  });

  it("follows the link when the person confirms", async () => {
    confirm.mockReturnValue(true);
    render(<Page />);
    await userEvent.clear(screen.getByRole("textbox", { name: "Name" }));
    await userEvent.click(screen.getByRole("link", { name: "List" }));

    expect(confirm).toHaveBeenCalledTimes(1);
    expect(followed).toHaveBeenCalledWith("/campaigns");
  });

  it("has the browser ask before a reload or a close", async () => {
    render(<Page />);
    await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "!");

    expect(reload()).toBe(true);
  });

  it("asks nothing for a link within the page, to another site, or to a new tab", async () => {
    render(<Page />);
    await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "!");
    await userEvent.click(screen.getByRole("link", { name: "Skip" }));
    await userEvent.click(screen.getByRole("link", { name: "Elsewhere" }));
    fireEvent.click(screen.getByRole("link", { name: "List" }), { ctrlKey: true });

    expect(confirm).not.toHaveBeenCalled();
    expect(followed).toHaveBeenCalledTimes(3);
  });

  it("asks nothing once the form is saved, nor after it is gone", async () => {
    const { rerender, unmount } = render(<Page />);
    await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "!");
    rerender(<Page saved />);
    await userEvent.click(screen.getByRole("link", { name: "List" }));
    expect(reload()).toBe(false);
    unmount();

    expect(reload()).toBe(false);
    expect(confirm).not.toHaveBeenCalled();
  });
});

describe("the browser's Back and Forward on a changed form", () => {
  /** The Navigation API's `navigation`, which happy-dom lacks. */
  const navigation = new EventTarget();
  let confirm: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    Object.defineProperty(window, "navigation", { value: navigation, configurable: true });
    confirm = vi.spyOn(window, "confirm").mockReturnValue(false);
  });
  afterEach(() => {
    Reflect.deleteProperty(window, "navigation");
    confirm.mockRestore();
  });

  /** The browser is about to move through the history: whether the move goes on. */
  function traverse({ hashChange = false, navigationType = "traverse" } = {}): boolean {
    const event = Object.assign(new Event("navigate", { cancelable: true }), {
      navigationType,
      hashChange,
    });
    return navigation.dispatchEvent(event);
  }

  it("asks, and when refused the browser stays on the form", async () => {
    render(<Page />);
    await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "!");

    expect(traverse()).toBe(false);
    expect(confirm).toHaveBeenCalledWith(messages.unsavedChanges);
  });

  it("lets the move go on when confirmed, or when nothing changed", async () => {
    const { unmount } = render(<Page />);
    expect(traverse()).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
    unmount();

    confirm.mockReturnValue(true);
    render(<Page />);
    await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "!");
    expect(traverse()).toBe(true);
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it("asks nothing for a move within the page (the skip link's), nor for a link's push", async () => {
    render(<Page />);
    await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "!");

    expect(traverse({ hashChange: true })).toBe(true);
    expect(traverse({ navigationType: "push" })).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
  });
});

describe("what counts as leaving, and as a change", () => {
  const here = new URL("http://localhost/campaigns/new");
  function anchor(href: string, attributes: Record<string, string> = {}) {
    const element = document.createElement("a");
    element.href = new URL(href, here).href;
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  }

  it("is another page of this site, in this tab", () => {
    expect(leavesPage(anchor("/campaigns"), here)).toBe(true);
    expect(leavesPage(anchor("/campaigns/new?x=1#top"), here)).toBe(true);
    expect(leavesPage(anchor("#main"), here)).toBe(false);
    expect(leavesPage(anchor("https://example.org/"), here)).toBe(false);
    expect(leavesPage(anchor("/campaigns", { target: "_blank" }), here)).toBe(false);
    expect(leavesPage(anchor("/export.csv", { download: "" }), here)).toBe(false);
  });

  it("compares every value of the form, in order", () => {
    const form = document.createElement("form");
    form.innerHTML =
      '<input name="name" value="A"><input type="hidden" name="campaign_id" value="1">';
    const before = formSnapshot(form);
    expect(formSnapshot(form)).toBe(before);
    (form.elements.namedItem("campaign_id") as HTMLInputElement).value = "2";
    expect(formSnapshot(form)).not.toBe(before);
  });
});
