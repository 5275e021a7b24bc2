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
