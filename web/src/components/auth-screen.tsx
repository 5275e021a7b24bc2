import { useState, type SyntheticEvent } from "react";
import { api, ApiError, messageOf } from "../lib/api.js";
import { loadCurrentUser } from "../lib/session.js";
import { onTablistKeyDown, tabIndexOf } from "../lib/tabs.js";
import type { Me } from "../lib/types.js";
import { Field } from "./field.js";

type Mode = "sign-in" | "sign-up";
type Errors = Partial<Record<"name" | "email" | "password" | "form", string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_PASSWORD = 8;

/** Checks the form before sending it, so simple mistakes are shown at once. */
function validate(mode: Mode, name: string, email: string, password: string): Errors {
  const errors: Errors = {};
  if (mode === "sign-up" && !name.trim()) errors.name = "Tell us what to call you.";
  if (!EMAIL.test(email.trim())) errors.email = "Enter an email address like you@example.com.";
  if (mode === "sign-up" && password.length < MIN_PASSWORD) {
    errors.password = `Use at least ${String(MIN_PASSWORD)} characters.`;
  } else if (!password) errors.password = "Enter your password.";
  return errors;
}

/** Sign in / create an account, with errors next to the field they concern. */
export function AuthScreen({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [mode, setMode] = useState<Mode>("sign-in");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const found = validate(mode, name, email, password);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const body =
        mode === "sign-up"
          ? { name: name.trim(), email: email.trim(), password }
          : { email: email.trim(), password };
      await api(`/api/auth/${mode}/email`, { method: "POST", body });
      const me = await loadCurrentUser();
      if (me) onSignedIn(me);
      else setErrors({ form: "Signed in, but the session did not stick. Are cookies allowed?" });
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = error.fieldErrors;
        const next: Errors = {};
        for (const key of ["name", "email", "password"] as const) {
          if (fields[key]) next[key] = fields[key];
        }
        if (Object.keys(next).length === 0) {
          next.form =
            error.status === 401 || error.code === "INVALID_EMAIL_OR_PASSWORD"
              ? "That email and password do not match an account."
              : error.message;
        }
        setErrors(next);
      } else {
        setErrors({ form: messageOf(error) });
      }
    } finally {
      setBusy(false);
    }
  }

  function switchMode(next: Mode) {
    setMode(next);
    setErrors({});
  }

  return (
    <div className="auth">
      <div className="auth-intro">
        <div className="brand large">
          <span className="logo-mark" aria-hidden="true" />
          <span>Docket</span>
        </div>
        <h1>Your tasks and documents, in plain language.</h1>
        <ul className="auth-points">
          <li>“add call mom tomorrow at 5pm” — and it is on your list.</li>
          <li>Ask questions about your notes and get answers with sources.</li>
          <li>Runs on your own machine. No API key needed to start.</li>
        </ul>
      </div>
      <div className="auth-card">
        <div className="segmented" role="tablist" aria-label="Account" onKeyDown={onTablistKeyDown}>
          <button
            type="button"
            role="tab"
            aria-selected={mode === "sign-in"}
            tabIndex={tabIndexOf(mode === "sign-in")}
            onClick={() => switchMode("sign-in")}
          >
            Sign in
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={mode === "sign-up"}
            tabIndex={tabIndexOf(mode === "sign-up")}
            onClick={() => switchMode("sign-up")}
          >
            Create account
          </button>
        </div>
        <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
          <h2 className="visually-hidden">{mode === "sign-in" ? "Sign in" : "Create account"}</h2>
          {mode === "sign-up" && (
            <Field
              label="Name"
              name="name"
              autoComplete="name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={errors.name}
            />
          )}
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={errors.email}
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.password}
            hint={mode === "sign-up" ? `At least ${String(MIN_PASSWORD)} characters.` : undefined}
          />
          {errors.form && (
            <p className="form-error" role="alert">
              {errors.form}
            </p>
          )}
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? "Please wait…" : mode === "sign-in" ? "Sign in" : "Create account"}
          </button>
        </form>
      </div>
    </div>
  );
}
