import { linkHandler, pathOf, type Page } from "../lib/router.js";
import type { Me } from "../lib/types.js";

const NAV: { page: Page; label: string }[] = [
  { page: "chat", label: "Chat" },
  { page: "documents", label: "Documents" },
  { page: "settings", label: "Settings" },
];

/** The top bar: brand, page navigation, who is signed in, sign out. */
export function Header({ page, me, onSignOut }: { page: Page; me: Me; onSignOut: () => void }) {
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <a className="brand" href="/" onClick={linkHandler("chat")}>
        <span className="logo-mark" aria-hidden="true" />
        <span>Docket</span>
      </a>
      <nav aria-label="Main" className="topnav">
        {NAV.map((item) => (
          <a
            key={item.page}
            href={pathOf(item.page)}
            onClick={linkHandler(item.page)}
            aria-current={page === item.page ? "page" : undefined}
          >
            {item.label}
          </a>
        ))}
      </nav>
      <div className="topbar-user">
        <span className="user-name" title={me.email}>
          {me.name || me.email}
        </span>
        <button type="button" className="button ghost small" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
