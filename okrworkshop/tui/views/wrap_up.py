"""Wrap-up: the coach's open findings, the session's actions and captures, time, and export."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitation import timer
from facilitation.celebrate import celebrations, check_in_wins
from okrworkshop.tui.format import SEVERITY_ICONS, SEVERITY_STYLES
from okrworkshop.tui.views.actions import status_text
from okrworkshop.tui.views.base import View
from okrworkshop.tui.widgets.fitted_table import Column, FittedTable

CAPTURE_TITLES = {
    "decision": "Decisions",
    "parking-lot": "Parking lot",
    "not-doing": "Not doing",
    "note": "Notes",
}
TOP_WINS = 8  # the biggest gains, read out by name; the rest counted
# The finding itself is what the room hears read out: it takes the width and wraps.
FINDING_COLUMNS = (
    Column("severity", "", 1, 0),
    Column("rule", "Rule", 28, 2),
    Column("about", "About", 30, 1),
    Column("message", "Finding", 0, 0),
)


class WrapUpView(View):
    """What to read out before the room leaves."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="wrap-session")
            yield Static(id="wrap-celebrate")
            yield Static("Open coaching findings", classes="section-title")
            yield FittedTable(
                FINDING_COLUMNS, id="findings", min_title=30, cursor_type="row", zebra_stripes=True
            )
            yield Static(id="wrap-actions")
            yield Static(id="wrap-captures")
            yield Static(id="wrap-hint", classes="muted")

    def on_resize(self) -> None:
        if self.display and self.is_mounted:
            self.refresh_view()

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
        self._draw_findings()
        self.query_one("#wrap-actions", Static).update(self._actions())
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
        hint = Text.assemble(
            "Press ",
            ("e", "bold"),
            " to export the summary or the minutes; ",
            ("c", "bold"),
            " captures an action, decision or parking-lot item",
        )
        if session is not None and not session.closed:
            hint.append_text(Text.assemble("; ", ("]", "bold"), " closes the session"))
        self.query_one("#wrap-hint", Static).update(hint.append("."))

    def _draw_findings(self) -> None:
        table = self.query_one("#findings", FittedTable)
        # Inside the scrolling column: leave room for its scrollbar.
        table.fit(self.layout_width() - 2)
        table.clear()
        data = self.data
        titles = {o.id: o.title for o in data.objectives.values()}
        titles.update({kr.id: kr.title for kr in data.key_results.values()})
        titles.update({t.id: t.title for t in data.themes.values()})
        for index, finding in enumerate(self.cycle_screen.findings):
            about = titles.get(finding.target_id, finding.target_id)
            message = Text(finding.message)
            if "about" not in table.shown:  # narrow: say what it is about in the same cell
                message = Text.assemble((about, "bold"), " — ", message)
            table.add_cells(
                {
                    "severity": Text(
                        SEVERITY_ICONS[finding.severity], style=SEVERITY_STYLES[finding.severity]
                    ),
                    "rule": finding.rule,
                    "about": about,
                    "message": message,
                },
                key=f"{index}",
                height=None,
            )
        if not self.cycle_screen.findings:
            table.add_note(Text("No open findings.", style="green"))

    def _actions(self) -> Text:
        """Who does what by when: the actions raised in this session, read out to confirm."""
        session = self.session
        if session is None:
            return Text()
        raised = [a for a in self.data.ordered("actions") if a.session_id == session.id]
        text = Text.assemble(("\nActions\n", "bold"))
        if not raised:
            text.append(
                "None raised yet: c then a, e.g. a Send the summary @ana due:2027-01-15\n",
                style="dim",
            )
            return text
        today = self.app.today()
        for action in raised:
            text.append(f"• {action.text}")
            text.append(
                f" — {action.owner}" if action.owner else " — no owner yet",
                style="bold" if action.owner else "yellow",
            )
            text.append(
                f" · due {action.due.isoformat()}" if action.due else " · no due date",
                style="" if action.due else "yellow",
            )
            if action.status != "open" or (action.due is not None and action.due < today):
                text.append(" · ")
                text.append_text(status_text(action, today))
            text.append("\n")
        return text

    def _celebrations(self) -> Text:
        """At a retro's close: what landed and what people liked, by name; at a check-in's
        wins: what moved today, and who moved it."""
        session = self.session
        if session is not None and session.kind == "check-in":
            return self._wins()
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

    def _wins(self) -> Text:
        text = Text.assemble(("\nMoved at this check-in\n", "bold yellow"))
        found = check_in_wins(self.data, self.session)
        for item in found[:TOP_WINS]:
            text.append("★ ", style="yellow")
            text.append(item.text)
            if item.who:
                text.append(f" — {item.who}", style="bold")
            text.append(f"  ({item.why})\n", style="dim")
        if len(found) > TOP_WINS:
            text.append(f"… and {len(found) - TOP_WINS} more that moved up\n", style="dim")
        if not found:
            text.append("Nothing moved up yet at this check-in (the round records values).\n")
        return text
