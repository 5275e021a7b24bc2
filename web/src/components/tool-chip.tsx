import { describeTool, type ToolActivity } from "../lib/tool-chips.js";
import { useMe } from "../lib/user-context.js";

/** One tool call as a compact chip: what the assistant did, or is doing, or what failed. */
export function ToolChipView({ activity }: { activity: ToolActivity }) {
  const { me } = useMe();
  const chip = describeTool(activity, { timeZone: me.timezone });
  const icon = chip.tone === "running" ? "" : chip.tone === "error" ? "!" : "✓";
  return (
    <li className={`chip chip-${chip.tone}`}>
      {chip.tone === "running" ? (
        <span className="spinner" aria-hidden="true" />
      ) : (
        <span className="chip-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      <span>{chip.text}</span>
    </li>
  );
}
