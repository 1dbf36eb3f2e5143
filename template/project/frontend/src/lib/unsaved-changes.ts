"use client";

import { type RefObject, useEffect, useRef } from "react";

import { messages } from "./i18n";

/**
 * A warning before typed input is lost: on reload or close (the browser's own `beforeunload`
 * prompt), on a link of this site, the form's Cancel included, and on the browser's Back and
 * Forward (a confirmation). The App Router has no route events, so a click on a same-origin
 * link is caught before Next's `Link` handles it, and Back or Forward by the Navigation API's
 * `navigate` event, before the URL changes (where the browser has it: Chromium, recent Firefox
 * and Safari). Nothing is asked while the form is unchanged, nor once it is saved.
 */

/** A form's values as one text, to tell whether they changed since it was shown. */
export function formSnapshot(form: HTMLFormElement): string {
  const values: [string, string][] = [];
  new FormData(form).forEach((value, name) => {
    values.push([name, typeof value === "string" ? value : value.name]);
  });
  return JSON.stringify(values);
}

/** Whether following `anchor` (clicked without a modifier) loads another page of this site. */
export function leavesPage(anchor: HTMLAnchorElement, here: Location | URL): boolean {
  if (anchor.hasAttribute("download")) return false;
  if (anchor.target && anchor.target !== "_self") return false;
  const url = new URL(anchor.href, here.href);
  // Another site: the browser's `beforeunload` prompt asks instead.
  if (url.origin !== here.origin) return false;
  // A link within the page (the skip link): nothing is lost.
  const samePage = url.pathname === here.pathname && url.search === here.search;
  return !(samePage && url.hash !== "");
}

/** The Navigation API's `navigate` event, as far as it is read here. */
type NavigateEvent = Event & { navigationType?: string; hashChange?: boolean };

/** A click that opens a link elsewhere (a new tab, a download): the page stays. */
function opensElsewhere(event: MouseEvent): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}

/**
 * While `isDirty()` says so, asks before the page is left: `beforeunload` for reload and close,
 * `confirm(message)` for a link of this site (refused: the click does nothing) and for Back or
 * Forward within the site (refused: the browser stays on the form).
 */
export function useLeaveWarning(isDirty: () => boolean, message: string = messages.unsavedChanges) {
  const dirty = useRef(isDirty);
  useEffect(() => {
    dirty.current = isDirty;
  });
  useEffect(() => {
    function beforeUnload(event: BeforeUnloadEvent) {
      if (!dirty.current()) return;
      event.preventDefault();
      // Older browsers show their prompt only when `returnValue` is set.
      event.returnValue = "";
    }
    function click(event: MouseEvent) {
      if (event.defaultPrevented || opensElsewhere(event)) return;
      const target = event.target instanceof Element ? event.target : null;
      const anchor = target?.closest("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || !leavesPage(anchor, window.location)) return;
      if (!dirty.current() || window.confirm(message)) return;
      // Stay: neither the browser nor Next's `Link` (which listens below) follows the link.
      event.preventDefault();
      event.stopPropagation();
    }
    // Back or Forward within the site: cancelled before the URL changes, so that Next's router
    // (which follows `popstate`) never hears of it. A move within the page (the skip link's)
    // loses nothing; another document's entry has the `beforeunload` prompt instead. Browsers
    // let a page cancel Back once per action of the person (`cancelable` false after that).
    const { navigation } = window as { navigation?: EventTarget };
    function navigate(event: Event) {
      const { navigationType, hashChange } = event as NavigateEvent;
      if (navigationType !== "traverse" || hashChange || !event.cancelable) return;
      if (dirty.current() && !window.confirm(message)) event.preventDefault();
    }
    window.addEventListener("beforeunload", beforeUnload);
    // Capture, on the document: before React's listeners on the app's root.
    document.addEventListener("click", click, true);
    navigation?.addEventListener("navigate", navigate);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
      navigation?.removeEventListener("navigate", navigate);
    };
  }, [message]);
}

/**
 * Warns before leaving `form` once its values differ from those it was shown with, until
 * `saved` (after a successful submission, the page moves on without asking).
 */
export function useUnsavedChanges(form: RefObject<HTMLFormElement | null>, saved: boolean) {
  const initial = useRef<string | null>(null);
  useEffect(() => {
    if (form.current) initial.current = formSnapshot(form.current);
  }, [form]);
  useLeaveWarning(
    () =>
      !saved &&
      form.current !== null &&
      initial.current !== null &&
      formSnapshot(form.current) !== initial.current,
  );
}
