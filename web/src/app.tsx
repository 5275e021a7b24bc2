import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { AuthScreen } from "./components/auth-screen.js";
import { Header } from "./components/header.js";
import { onUnauthorized } from "./lib/api.js";
import { usePage } from "./lib/router.js";
import { adoptBrowserTimeZone, loadCurrentUser, signOut } from "./lib/session.js";
import type { Me } from "./lib/types.js";
import { UserContext } from "./lib/user-context.js";
import { ChatPage } from "./pages/chat-page.js";

// Documents and settings are loaded on demand to keep the first page light.
const DocumentsPage = lazy(() => import("./pages/documents-page.js"));
const SettingsPage = lazy(() => import("./pages/settings-page.js"));

type SessionState =
  { status: "loading" } | { status: "signed-out" } | { status: "signed-in"; me: Me };

/** The whole app: the sign-in screen, or the signed-in shell with its three pages. */
export function App() {
  const [session, setSession] = useState<SessionState>({ status: "loading" });
  const page = usePage();

  const signedIn = useCallback(async (me: Me) => {
    setSession({ status: "signed-in", me });
    const adopted = await adoptBrowserTimeZone(me);
    if (adopted !== me) setSession({ status: "signed-in", me: adopted });
  }, []);

  useEffect(() => {
    let cancelled = false;
    loadCurrentUser()
      .then((me) => {
        if (cancelled) return;
        if (me) void signedIn(me);
        else setSession({ status: "signed-out" });
      })
      .catch(() => {
        if (!cancelled) setSession({ status: "signed-out" });
      });
    const off = onUnauthorized(() => setSession({ status: "signed-out" }));
    return () => {
      cancelled = true;
      off();
    };
  }, [signedIn]);

  const handleSignOut = useCallback(async () => {
    try {
      await signOut();
    } finally {
      setSession({ status: "signed-out" });
    }
  }, []);

  if (session.status === "loading") {
    return (
      <div className="splash" role="status" aria-live="polite">
        <span className="logo-mark" aria-hidden="true" />
        <span className="visually-hidden">Loading Docket…</span>
      </div>
    );
  }
  if (session.status === "signed-out") {
    return <AuthScreen onSignedIn={(me) => void signedIn(me)} />;
  }
  const me = session.me;
  return (
    <UserContext.Provider
      value={{ me, setMe: (next) => setSession({ status: "signed-in", me: next }) }}
    >
      <div className="app">
        <Header page={page} me={me} onSignOut={() => void handleSignOut()} />
        <main id="main" className="app-main">
          {page === "chat" && <ChatPage />}
          <Suspense
            fallback={
              <div className="page-loading" role="status">
                Loading…
              </div>
            }
          >
            {page === "documents" && <DocumentsPage />}
            {page === "settings" && <SettingsPage />}
          </Suspense>
        </main>
      </div>
    </UserContext.Provider>
  );
}
