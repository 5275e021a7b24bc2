/** Words that only acknowledge what was said ("ok", "got it"): no command in them. */
const ACK_WORD =
  "(?:ok(?:ay|ey|ie)?|k+|kk|cool|got it|gotcha|sounds good|great|good|nice|perfect|alright|all right|fine|sure|noted|understood|roger(?: that)?|awesome|lovely|excellent|sweet|brilliant|wonderful|neat|makes sense|fair enough|never ?mind(?: that)?|nvm|forget (?:it|that|this)|forget about it|no worries|no problem|not now|nah|nope|\u{1F44D})";
const THANKS_WORD = "(?:thanks|thank you|thank u|thx|ty|cheers)";

/** A message made only of acknowledgements, with or without thanks ("ok", "cool got it", "thanks ok"). */
const ACKNOWLEDGEMENT = new RegExp(
  `^(?:${ACK_WORD}|${THANKS_WORD})(?:[\\s,!.]+(?:${ACK_WORD}|${THANKS_WORD}|then|so))*$`,
  "u",
);
const ENDS_WITH_THANKS = new RegExp(`(?<![\\p{L}])${THANKS_WORD}$`, "u");

/**
 * "ok", "cool", "got it", "thanks ok": an acknowledgement that asks for nothing; "sounds good,
 * thanks" ends in thanks and is thanked for. `lower` is the message lower-cased without trailing
 * punctuation. Null when anything else is said.
 */
export function acknowledgementOf(lower: string): "acknowledge" | "thanks" | null {
  if (!ACKNOWLEDGEMENT.test(lower)) return null;
  return ENDS_WITH_THANKS.test(lower) ? "thanks" : "acknowledge";
}

/** An acknowledgement that opens a longer message: "great, now …", "ok undo", "cool add …". */
const LEADING_ACKNOWLEDGEMENT = new RegExp(
  `^((?:${ACK_WORD}|${THANKS_WORD})(?:[\\s,!.]+(?:${ACK_WORD}|${THANKS_WORD}))*)[\\s,!.]+(?=\\S)`,
  "iu",
);

/** "that's done", "it's all done": said right after an acknowledgement, it closes the topic. */
const IT_IS_DONE =
  /^(?:it|that|this|that one|this one)(?:'s|\s+is)\s+(?:all\s+)?(?:done|complete|completed|finished|sorted|taken care of)[.!]*$/i;

/**
 * A message that opens with an acknowledgement, split there ("great, now show my tasks" →
 * "great" and "now show my tasks"); null when it does not open with one.
 */
export function splitAcknowledgement(
  message: string,
): { acknowledgement: string; rest: string } | null {
  const match = LEADING_ACKNOWLEDGEMENT.exec(message);
  if (!match?.[1]) return null;
  return { acknowledgement: match[1], rest: message.slice(match[0].length) };
}

/**
 * Whether what follows an acknowledgement only remarks on what was just done ("great, that's
 * done"): an acknowledgement too, never an order to complete a task.
 */
export function remarksOnDone(rest: string): boolean {
  return IT_IS_DONE.test(rest.trim());
}
