import { defineConfig } from "@playwright/test";

import { locale } from "./src/lib/i18n";
import { API_PORT as apiPort, PORT as port } from "./tests/e2e/support";

// Playwright drives an existing Chromium (Debian's /usr/bin/chromium by
// default): it never downloads a browser of its own. The specs run against the
// built app and a real backend on a fresh SQLite database, both on loopback; the browser
// reaches the API through the app's server (API_ORIGIN), signed in as the demo account that
// the backend creates at its start.
const database = "DATABASE_URL=sqlite+aiosqlite:///./e2e.db";

export default defineConfig({
  testDir: "./tests/e2e",
  fullyParallel: false,
  retries: 0,
  reporter: "list",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // The browser in the project's language (its Accept-Language, Intl formats).
    locale,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: [
        // The database and its write-ahead log (the app runs SQLite in WAL mode).
        "cd ../backend && rm -f e2e.db e2e.db-wal e2e.db-shm",
        `${database} .venv/bin/alembic upgrade head`,
        `${database} CORS_ORIGINS='["http://127.0.0.1:${port}"]' .venv/bin/uvicorn app.main:app --host 127.0.0.1 --port ${apiPort}`,
      ].join(" && "),
      url: `http://127.0.0.1:${apiPort}/api/v1/health`,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      command: `npm run build && npx next start -H 127.0.0.1 -p ${port}`,
      url: `http://127.0.0.1:${port}`,
      env: { API_ORIGIN: `http://127.0.0.1:${apiPort}` },
      timeout: 180_000,
      reuseExistingServer: false,
    },
  ],
});
