import type { Decision } from "../../domain/decision.js";
import { CALL_IN_LABEL, callInState } from "../../domain/forward-plan.js";
import { shortDate } from "./format.js";

/** A decision's call-in state in words, for the public pages: open until, called in, ended, implemented. */
export function CallIn(props: { d: Decision; today: string }) {
  const state = callInState(props.d, props.today);
  if (state === null && !props.d.implementedAt) return null;
  const text =
    state === "open"
      ? `${CALL_IN_LABEL.open} until ${shortDate(props.d.callInEndsOn!)}; it cannot be implemented before then.`
      : state === "called-in"
        ? `${CALL_IN_LABEL["called-in"]} on ${shortDate(props.d.calledInAt!.slice(0, 10))}${props.d.callInReason ? `: ${props.d.callInReason}` : ""}. It cannot be implemented until the call-in ends.`
        : state === "ended"
          ? `${CALL_IN_LABEL.ended}${props.d.callInEndedAt ? ` (call-in concluded ${shortDate(props.d.callInEndedAt.slice(0, 10))})` : ` on ${shortDate(props.d.callInEndsOn!)}`}.`
          : "";
  return (
    <p class="call-in" data-call-in={state ?? "none"}>
      {text}
      {props.d.implementedAt && ` Implemented ${shortDate(props.d.implementedAt.slice(0, 10))}.`}
    </p>
  );
}
