"""Wrap-up: the coach's open findings, the session's captures and time, and the export."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from facilitation import timer
from facilitation.celebrate import celebrations
from okrworkshop.tui.format import SEVERITY_ICONS, SEVERITY_STYLES
from okrworkshop.tui.views.base import View
from okrworkshop.tui.widgets.plain_table import PlainTable

CAPTURE_TITLES = {
    "decision": "Decisions",
    "parking-lot": "Parking lot",
    "not-doing": "Not doing",
    "note": "Notes",
}


class WrapUpView(View):
    """What to read out before the room leaves."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="wrap-session")
            yield Static(id="wrap-celebrate")
            yield Static("Open coaching findings", classes="section-title")
            yield PlainTable(id="findings", cursor_type="row", zebra_stripes=True)
            yield Static(id="wrap-captures")
            yield Static(
                "Press [b]e[/b] to export the summary or the minutes; "
                "[b]c[/b] captures a decision or parking-lot item.",
                classes="muted",
            )

    def on_mount(self) -> None:
        table = self.query_one("#findings", DataTable)
        for key, label in (
            ("severity", ""),
            ("rule", "Rule"),
            ("about", "About"),
            ("message", "Finding"),
        ):
            table.add_column(label, key=key)

    def refresh_view(self) -> None:
        data = self.data
        session = self.session
        header = Text()
        if session is not None:
            planned = sum(s.planned_minutes for s in session.stages)
            now = self.app.now()  # the running stage's time counts too
            actual = sum(timer.stage_time(session, s, now).elapsed_seconds for s in session.stages)
            actual /= 60
            header.append(f"{session.title}", style="bold")
            header.append(f" · planned {planned} min · actual {actual:.0f} min")
            if session.attendees:
                header.append(f"\nAttendees: {', '.join(session.attendees)}", style="dim")
        self.query_one("#wrap-session", Static).update(header)
        self.query_one("#wrap-celebrate", Static).update(self._celebrations())
        table = self.query_one("#findings", DataTable)
        table.clear()
        titles = {o.id: o.title for o in data.objectives.values()}
        titles.update({kr.id: kr.title for kr in data.key_results.values()})
        titles.update({t.id: t.title for t in data.themes.values()})
        for index, finding in enumerate(self.cycle_screen.findings):
            table.add_row(
                Text(SEVERITY_ICONS[finding.severity], style=SEVERITY_STYLES[finding.severity]),
                finding.rule,
                titles.get(finding.target_id, finding.target_id),
                finding.message,
                key=f"{index}",
            )
        if not self.cycle_screen.findings:
            table.add_row("", Text("No open findings.", style="green"), "", "", key="__empty__")
        captures = data.captures_of(session.id) if session is not None else []
        text = Text()
        for kind, title in CAPTURE_TITLES.items():
            items = [c for c in captures if c.kind == kind]
            if not items:
                continue
            text.append(f"\n{title}\n", style="bold")
            for capture in items:
                text.append(f"• {capture.text}")
                if capture.author:
                    text.append(f" — {capture.author}", style="dim")
                text.append("\n")
        if session is not None and not captures:
            text.append("\nNo decisions or parking-lot items captured yet (press c).", style="dim")
        self.query_one("#wrap-captures", Static).update(text)

    def _celebrations(self) -> Text:
        """At a retro's close: what landed and what people liked, by name."""
        session = self.session
        if session is None or session.kind != "retro":
            return Text()
        text = Text.assemble(("\nCelebrate\n", "bold yellow"))
        found = celebrations(self.data, session)
        for item in found:
            text.append("★ ", style="yellow")
            text.append(item.text)
            if item.who:
                text.append(f" — {item.who}", style="bold")
            text.append(f"  ({item.why})\n", style="dim")
        if not found:
            text.append("Nothing scored 0.7 or more yet, and no cards in the bright column.\n")
        return text
