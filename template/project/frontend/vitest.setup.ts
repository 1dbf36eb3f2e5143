import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import type { Window as HappyDOMWindow } from "happy-dom";
import { afterEach } from "vitest";

// Done once per test file, before it: a file that runs in Node (`// @vitest-environment node`,
// the API proxy's) has no DOM to clean.
if (typeof window !== "undefined") {
  // A request that no test answers fails as it does offline, and never reaches a server
  // listening on happy-dom's origin (localhost:3000, where `make dev-frontend` serves).
  // (A file on jsdom, `// @vitest-environment jsdom`, has Node's fetch, which has no origin.)
  const { happyDOM } = window as unknown as Partial<HappyDOMWindow>;
  if (happyDOM) {
    happyDOM.settings.fetch.interceptor = {
      beforeAsyncRequest: async ({ request }) => {
        throw new TypeError(`fetch ${request.method} ${request.url}: no network in unit tests`);
      },
    };
  }

  // happy-dom has no window.confirm (jsdom's refuses, saying it is not implemented): the same,
  // for the tests to spy on (the unsaved-changes warning asks with it).
  window.confirm ??= () => false;

  afterEach(() => {
    cleanup();
  });
}
