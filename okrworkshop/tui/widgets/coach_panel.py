"""The coach panel: findings on the selected objective or key result, with a better example."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from facilitation.coach import Finding
from okrworkshop.tui.format import SEVERITY_ICONS, SEVERITY_STYLES


class CoachPanel(Static):
    """Shows the findings for whatever is selected in the OKR table."""

    def show(self, title: str, findings: list[Finding], total: int) -> None:
        parts: list[RenderableType] = [Text("Coach", style="bold"), Text(title, style="italic")]
        if not findings:
            parts.append(Text("\nNothing to flag here.", style="green"))
        for finding in findings:
            parts.append(Text(""))
            parts.append(
                Text.assemble(
                    (
                        f"{SEVERITY_ICONS[finding.severity]} {finding.rule}",
                        SEVERITY_STYLES[finding.severity],
                    )
                )
            )
            parts.append(Text(finding.message))
            if finding.example:
                parts.append(Text(finding.example, style="dim italic"))
        parts.append(
            Text(f"\n{total} finding{'s' if total != 1 else ''} in the cycle", style="dim")
        )
        # The panel's size is set by the screen's styles, so a new selection needs no re-layout
        # of the whole screen (which costs a key press its speed on a large cycle).
        self.update(Group(*parts), layout=False)
