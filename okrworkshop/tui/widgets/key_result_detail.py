"""Under the check-in and scoring tables: the selected key result's story in a few lines."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import Static

from facilitation.check_in_round import history, latest_confidence
from facilitation.coach import Finding
from facilitation.forecast import forecast
from okrworkshop.model import CycleData, KeyResult
from okrworkshop.tui.format import (
    SEVERITY_ICONS,
    SEVERITY_STYLES,
    confidence_text,
    number,
    progress_bar,
    score_text,
    sparkline,
    target_text,
)

RECENT_CHECK_INS = 3


def describe_key_result(
    data: CycleData, kr: KeyResult, findings: Iterable[Finding], *, recent: int = RECENT_CHECK_INS
) -> Text:
    """What the room needs beside a key result: where it stands, its history and its risks."""
    check_ins = history(data, kr.id)
    due = kr.due_in(data.cycle)
    text = Text()
    text.append(kr.title, style="bold")
    owner = f" · {kr.owner}" if kr.owner else " · no owner"
    text.append(f"{owner} · due {due.isoformat() if due else 'not set'}\n", style="dim")
    text.append(f"{target_text(kr)}  ·  now ")
    text.append(
        ("done" if kr.done else "not yet")
        if kr.kind == "milestone"
        else number(kr.current, kr.unit)
    )
    text.append("  ·  ")
    text.append_text(progress_bar(kr.progress()))
    confidence = latest_confidence(check_ins)
    text.append("  ·  confidence ")
    text.append_text(
        confidence_text(confidence.confidence if confidence is not None else kr.confidence)
    )
    values = [c.value for c in check_ins if c.value is not None]
    if values:
        text.append("  ·  ")
        text.append_text(sparkline(values, 16))
    expected = forecast(kr, check_ins, due) if due is not None else None
    if expected is not None:
        text.append("\nAt this pace: about ")
        text.append(number(expected.value, kr.unit), style="bold")
        text.append(f" by {expected.on.isoformat()} ({round(expected.progress * 100)}%)")
        if not expected.reaches_target and kr.kind != "maintain":
            text.append(" — short of the target", style="yellow")
    for check_in in check_ins[-recent:][::-1]:
        text.append(f"\n{check_in.at.isoformat()}  ", style="dim")
        text.append(number(check_in.value, kr.unit) if check_in.value is not None else "—")
        if check_in.confidence is not None:
            text.append("  ")
            text.append_text(confidence_text(check_in.confidence))
        if check_in.note:
            text.append(f"  {' '.join(check_in.note.split())}")
        if check_in.blocker:
            text.append(f"  blocked: {' '.join(check_in.blocker.split())}", style="bold red")
    if not check_ins:
        text.append("\nNo check-ins yet.", style="dim")
    for change in kr.target_history:
        text.append(
            f"\nTarget {number(change.old, kr.unit)} → {number(change.new, kr.unit)} "
            f"on {change.on.isoformat()}: ",
            style="dim",
        )
        text.append(change.reason or "no reason given", style="" if change.reason else "yellow")
    past = kr.carried_from
    if past is not None:
        text.append(f"\nLast cycle ({past.cycle_name or past.cycle_id}): ", style="dim")
        text.append(
            f"{number(past.baseline)} → {number(past.target, past.unit)}, "
            f"reached {number(past.final, past.unit)}, scored "
        )
        text.append_text(score_text(past.score))
        past_values = [
            c.value for c in sorted(past.check_ins, key=lambda c: c.at) if c.value is not None
        ]
        if past_values:
            text.append("  ")
            text.append_text(sparkline(past_values, 16))
        if past.score_note:
            text.append(f" — {' '.join(past.score_note.split())}")
    for finding in findings:
        text.append(
            f"\n{SEVERITY_ICONS[finding.severity]} ", style=SEVERITY_STYLES[finding.severity]
        )
        text.append(finding.message)
    return text


class KeyResultDetail(Static):
    """The selected key result, described (see :func:`describe_key_result`)."""

    def show(self, data: CycleData, kr: KeyResult | None, findings: Iterable[Finding]) -> None:
        if kr is None:
            self.update(Text("Select a key result to see its history.", style="dim"))
            return
        self.update(describe_key_result(data, kr, findings))
