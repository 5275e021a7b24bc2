import { z } from "zod";
import { isValidTimeZone } from "../tasks/quick-add/zone.js";

/** A validated IANA timezone name, e.g. "Europe/Paris". */
export const timezoneSchema = z.string().trim().min(1).max(64).refine(isValidTimeZone, {
  message: 'Unknown timezone; use an IANA name such as "Europe/Paris"',
});
