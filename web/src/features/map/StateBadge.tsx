/** A report's state as a coloured badge that always says it in words. */
import { useMessages } from "../../lib/i18n.tsx";
import { stateColor } from "../../lib/states.ts";
import statesMessages from "../../lib/states.messages.ts";
import type { ReportState } from "../../lib/types.ts";

export function StateBadge({ state }: { state: ReportState }) {
  const [names] = useMessages(statesMessages);
  return <span className="state-badge" style={{ background: stateColor[state] }}>{names[state]}</span>;
}
