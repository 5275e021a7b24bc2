import { useEffect, useMemo, useState, type SyntheticEvent } from "react";
import { Field } from "../components/field.js";
import { api, ApiError, messageOf } from "../lib/api.js";
import { browserTimeZone, formatDay } from "../lib/dates.js";
import { describeProviders } from "../lib/providers.js";
import type { ApiKey, CreatedApiKey, Me } from "../lib/types.js";
import { useMe } from "../lib/user-context.js";

function timeZones(current: string): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  return [...new Set(["UTC", current, browserTimeZone(), ...zones])].sort();
}

function Profile() {
  const { me, setMe } = useMe();
  const [name, setName] = useState(me.name);
  const [timezone, setTimezone] = useState(me.timezone);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZones(me.timezone), [me.timezone]);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setSaved(false);
    if (!name.trim()) {
      setErrors({ name: "Your name cannot be empty." });
      return;
    }
    try {
      const next = await api<Me>("/api/me", {
        method: "PATCH",
        body: { name: name.trim(), timezone },
      });
      setMe(next);
      setErrors({});
      setSaved(true);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      setErrors(Object.keys(fields).length > 0 ? fields : { form: messageOf(error) });
    }
  }

  return (
    <section className="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <form onSubmit={(event) => void submit(event)} className="stack">
        <Field
          label="Name"
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
        />
        <div className={`field${errors.timezone ? " has-error" : ""}`}>
          <label htmlFor="timezone">Timezone</label>
          <select
            id="timezone"
            value={timezone}
            onChange={(event) => setTimezone(event.target.value)}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          <p className="field-hint">“Tomorrow 5pm” is read in this timezone. Email: {me.email}</p>
          {errors.timezone && <p className="field-error">{errors.timezone}</p>}
        </div>
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="row">
          <button type="submit" className="button primary">
            Save
          </button>
          {saved && (
            <span className="success" role="status">
              Saved
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

function ApiKeys() {
  const { me } = useMe();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [name, setName] = useState("");
  const [expires, setExpires] = useState("90");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    try {
      setKeys((await api<{ keys: ApiKey[] }>("/api/keys")).keys);
    } catch (err) {
      setError(messageOf(err));
      setKeys([]);
    }
  }
  useEffect(() => {
    void load();
  }, []);

  async function create(event: SyntheticEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setError("Give the key a name, e.g. “laptop script”.");
      return;
    }
    try {
      const key = await api<CreatedApiKey>("/api/keys", {
        method: "POST",
        body: { name: name.trim(), ...(expires ? { expires_in_days: Number(expires) } : {}) },
      });
      setCreated(key);
      setCopied(false);
      setName("");
      setError(null);
      void load();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fieldErrors.name ?? err.message) : messageOf(err));
    }
  }

  async function revoke(key: ApiKey) {
    if (!window.confirm(`Revoke “${key.name}”? Programs using it will stop working.`)) return;
    try {
      await api(`/api/keys/${encodeURIComponent(key.id)}`, { method: "DELETE" });
      if (created?.id === key.id) setCreated(null);
      void load();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section className="card" aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys</h2>
      <p className="muted">
        Let scripts and AI agents (over MCP) use your tasks and documents. Send the key as{" "}
        <code>Authorization: Bearer …</code>.
      </p>
      <form className="inline-form" onSubmit={(event) => void create(event)}>
        <label htmlFor="key-name" className="visually-hidden">
          Key name
        </label>
        <input
          id="key-name"
          value={name}
          maxLength={100}
          placeholder="Key name, e.g. laptop script"
          onChange={(event) => setName(event.target.value)}
        />
        <label htmlFor="key-expiry" className="visually-hidden">
          Expires
        </label>
        <select
          id="key-expiry"
          value={expires}
          onChange={(event) => setExpires(event.target.value)}
        >
          <option value="30">30 days</option>
          <option value="90">90 days</option>
          <option value="365">1 year</option>
          <option value="">Never expires</option>
        </select>
        <button type="submit" className="button primary">
          Create key
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div className="new-key" role="status">
          <p>
            <strong>Copy your new key now.</strong> It is shown only once.
          </p>
          <div className="row">
            <code className="key-value">{created.key}</code>
            <button type="button" className="button small" onClick={() => void copy(created.key)}>
              {copied ? "Copied ✓" : "Copy"}
            </button>
          </div>
        </div>
      )}
      {keys === null ? (
        <p className="muted">Loading…</p>
      ) : keys.length === 0 ? (
        <p className="muted">No API keys yet.</p>
      ) : (
        <ul className="key-list">
          {keys.map((key) => (
            <li key={key.id}>
              <div>
                <span className="key-name">{key.name}</span>
                <span className="muted small">
                  <code>{key.prefix}…</code> · created{" "}
                  {formatDay(new Date(key.created_at), { timeZone: me.timezone })}
                  {key.expires_at
                    ? ` · expires ${formatDay(new Date(key.expires_at), { timeZone: me.timezone })}`
                    : " · never expires"}
                </span>
              </div>
              <button
                type="button"
                className="button ghost small danger"
                onClick={() => void revoke(key)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Model() {
  const [rows, setRows] = useState<ReturnType<typeof describeProviders> | null>(null);
  useEffect(() => {
    api<unknown>("/health/detailed")
      .then((detailed) => setRows(describeProviders(detailed)))
      .catch(() => setRows(describeProviders(null)));
  }, []);
  return (
    <section className="card" aria-labelledby="model-heading">
      <h2 id="model-heading">Assistant model</h2>
      {rows === null ? (
        <p className="muted">Checking…</p>
      ) : (
        <ul className="provider-list">
          {rows.map((row, index) => (
            <li key={`${row.name}-${String(index)}`}>
              <div>
                <span className="key-name">
                  {index === 0 && rows.length > 1 ? "Primary: " : index > 0 ? "Fallback: " : ""}
                  {row.name}
                </span>
                {row.detail && <span className="muted small">{row.detail}</span>}
              </div>
              <span className={`status status-${row.state === "ready" ? "ready" : "failed"}`}>
                {row.state}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Profile, API keys and the active model. */
export default function SettingsPage() {
  return (
    <div className="page">
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <Profile />
      <Model />
      <ApiKeys />
    </div>
  );
}
