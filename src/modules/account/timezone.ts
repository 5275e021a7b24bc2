import { z } from "zod";
import { isValidTimeZone } from "../tasks/quick-add/zone.js";

/** What any timezone that is not one says (also how sign-up's errors[] recognise it). */
export const UNKNOWN_TIMEZONE = 'Unknown timezone; use an IANA name such as "Europe/Paris"';

/** A validated IANA timezone name, e.g. "Europe/Paris". */
export const timezoneSchema = z
  .string({ error: UNKNOWN_TIMEZONE })
  .trim()
  .min(1, UNKNOWN_TIMEZONE)
  .max(64, UNKNOWN_TIMEZONE)
  .refine(isValidTimeZone, UNKNOWN_TIMEZONE);
