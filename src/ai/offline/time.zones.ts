// Which IANA timezone a place people name is in: "Tokyo", "NYC", "America/Chicago", "GMT+2".

/** Places people name that are not their zone's city, or whose city name another zone shares. */
const PLACE_ALIASES: Record<string, string> = {
  utc: "UTC",
  gmt: "UTC",
  "san juan": "America/Puerto_Rico",
  "puerto rico": "America/Puerto_Rico",
  kolkata: "Asia/Kolkata",
  mumbai: "Asia/Kolkata",
  "new delhi": "Asia/Kolkata",
  delhi: "Asia/Kolkata",
  india: "Asia/Kolkata",
  kyiv: "Europe/Kiev",
  "ho chi minh city": "Asia/Ho_Chi_Minh",
  beijing: "Asia/Shanghai",
  china: "Asia/Shanghai",
  japan: "Asia/Tokyo",
  uk: "Europe/London",
  england: "Europe/London",
  hawaii: "Pacific/Honolulu",
  nyc: "America/New_York",
  la: "America/Los_Angeles",
  sf: "America/Los_Angeles",
  "san francisco": "America/Los_Angeles",
  seattle: "America/Los_Angeles",
  boston: "America/New_York",
  washington: "America/New_York",
  "washington dc": "America/New_York",
  miami: "America/New_York",
  atlanta: "America/New_York",
  dallas: "America/Chicago",
  houston: "America/Chicago",
  "new york city": "America/New_York",
  est: "America/New_York",
  edt: "America/New_York",
  cst: "America/Chicago",
  cdt: "America/Chicago",
  mst: "America/Denver",
  pst: "America/Los_Angeles",
  pdt: "America/Los_Angeles",
  cet: "Europe/Paris",
};

/** Zone names by city ("tokyo", "new york"): top-level cities only, not those of nested zones. */
let zonesByCity: Map<string, string> | undefined;

function cityZones(): Map<string, string> {
  if (zonesByCity) return zonesByCity;
  zonesByCity = new Map();
  for (const zone of Intl.supportedValuesOf("timeZone")) {
    const [area, city, nested] = zone.split("/");
    // "America/Argentina/San_Juan" is not the San Juan people mean; nested zones are left out.
    if (!area || !city || nested) continue;
    zonesByCity.set(city.toLowerCase().replace(/_/g, " "), zone);
  }
  return zonesByCity;
}

/** The canonical name of a zone as typed ("asia/tokyo" → "Asia/Tokyo"), if it is one. */
function zoneNamed(name: string): string | undefined {
  if (!/^[a-z]+(?:\/[a-z_+-]+){1,2}$/i.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * The IANA timezone of a place: a zone's name ("America/Chicago"), a city that names a zone
 * ("Tokyo", "New York"), or a common alias ("NYC", "India", "San Juan"). Trailing words that
 * are not the place ("please", "now", "today", ", japan") are dropped.
 */
export function zoneOfPlace(place: string): string | undefined {
  const wanted = place
    .toLowerCase()
    .replace(/^the\s+/, "")
    .replace(/[.?!]+$/, "")
    .replace(/,.*$/, "")
    .replace(/\s+(?:please|pls|now|right now|rn|today|currently|at the moment)$/, "")
    .trim();
  const spaced = wanted.replace(/_/g, " ").replace(/\s+/g, " ");
  return (
    zoneNamed(wanted.replace(/\s+/g, "_")) ??
    offsetZone(spaced) ??
    PLACE_ALIASES[spaced] ??
    cityZones().get(spaced)
  );
}

/**
 * "gmt+2", "utc -5": a whole-hour offset as the zone that keeps it (Etc/GMT-2: the Etc names
 * count the other way round).
 */
function offsetZone(place: string): string | undefined {
  const match = /^(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?00)?$/.exec(place);
  if (!match?.[2]) return undefined;
  const hours = Number(match[2]);
  if (hours > 14) return undefined;
  if (hours === 0) return "UTC";
  return `Etc/GMT${match[1] === "+" ? "-" : "+"}${hours}`;
}

/** How a reply names a zone: "Tokyo (Asia/Tokyo)", "UTC", "UTC+2". */
export function zoneLabel(zone: string): string {
  const offset = /^Etc\/GMT([+-])(\d{1,2})$/.exec(zone);
  if (offset) return `UTC${offset[1] === "+" ? "-" : "+"}${offset[2]}`;
  const city = zone.split("/").at(-1)?.replace(/_/g, " ") ?? zone;
  return city === zone ? zone : `${city} (${zone})`;
}
