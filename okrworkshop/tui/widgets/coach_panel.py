"""The coach panel: findings on the selected (or half-typed) objective or key result.

Each finding shows its rule, the one-line reason and, where there is one, a better example;
findings the room dismissed are listed below with the reason they gave.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitation.coach import Finding
from okrworkshop.model import Dismissal
from okrworkshop.tui.format import SEVERITY_ICONS, SEVERITY_STYLES


def coach_text(
    subject: str,
    title: str,
    findings: Sequence[Finding],
    dismissed: Sequence[tuple[Finding, Dismissal]] = (),
    *,
    total: int | None = None,
    hint: str = "",
    message: str = "",
) -> Group:
    """The panel's content; also used by the forms' live coach."""
    parts: list[RenderableType] = [
        Text.assemble(("Coach", "bold"), (f" · {subject}" if subject else "", "dim")),
        Text(title or "—", style="italic"),
    ]
    if message:
        parts.append(Text(f"\n{message}"))
    elif not title and not findings:
        parts.append(Text("\nType a title; the coach checks it as you go.", style="dim"))
    elif not findings:
        parts.append(Text("\n✔ Nothing to flag here.", style="green"))
    for finding in findings:
        parts.append(Text(""))
        parts.append(
            Text(
                f"{SEVERITY_ICONS[finding.severity]} {finding.rule}",
                style=SEVERITY_STYLES[finding.severity],
            )
        )
        parts.append(Text(finding.message))
        if finding.example:
            parts.append(Text(finding.example, style="dim italic"))
    if dismissed:
        parts.append(Text(f"\nDismissed ({len(dismissed)})", style="bold dim"))
        for finding, dismissal in dismissed:
            who = ", ".join(
                part for part in (dismissal.by, dismissal.at and dismissal.at.isoformat()) if part
            )
            parts.append(
                Text.assemble(
                    (f"○ {finding.rule}: ", "dim"),
                    (dismissal.reason, "dim italic"),
                    (f" ({who})" if who else "", "dim"),
                )
            )
    if hint:
        parts.append(Text(f"\n{hint}", style="dim"))
    if total is not None:
        parts.append(
            Text(f"{total} open finding{'s' if total != 1 else ''} in the cycle", style="dim")
        )
    return Group(*parts)


class CoachPanel(VerticalScroll):
    """Shows the findings for whatever is selected in the OKR table (or being typed)."""

    DEFAULT_CSS = """
    CoachPanel > Static {
        width: 1fr;
        height: auto;
    }
    """
    can_focus = False

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._content = Static(Text("Coach", style="bold"), classes="coach-text")
        self.plain = "Coach"

    def compose(self) -> ComposeResult:
        yield self._content

    def show(
        self,
        subject: str,
        title: str,
        findings: Sequence[Finding],
        dismissed: Sequence[tuple[Finding, Dismissal]] = (),
        *,
        total: int | None = None,
        hint: str = "",
        message: str = "",
    ) -> None:
        """Replace what the panel says; ``message`` stands in for the findings when given."""
        content = coach_text(
            subject, title, findings, dismissed, total=total, hint=hint, message=message
        )
        # What the panel says as plain text, for tests and for copying.
        self.plain = "\n".join(part.plain for part in content.renderables if isinstance(part, Text))
        self._content.update(content)
