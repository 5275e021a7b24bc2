import { z } from "zod";

// Some runtimes list only canonical zones; the formatter also accepts links such as "US/Eastern".
const KNOWN = new Set(Intl.supportedValuesOf("timeZone"));

/** True when `name` is an IANA timezone this runtime can format dates in ("UTC" included). */
export function isValidTimezone(name: string): boolean {
  if (name === "UTC" || KNOWN.has(name)) return true;
  // Offsets like "+05:00" are accepted by Intl but are not IANA names.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A validated IANA timezone name, e.g. "Europe/Paris". */
export const timezoneSchema = z.string().trim().min(1).max(64).refine(isValidTimezone, {
  message: 'Unknown timezone; use an IANA name such as "Europe/Paris"',
});
