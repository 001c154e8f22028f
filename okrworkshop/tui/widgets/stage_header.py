"""Where the session is: session › stage, its timer, and the facilitator's prompt panel."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from okrworkshop.model import Session, Stage
from okrworkshop.tui.widgets.stage_timer import StageTimer


class StageHeader(Vertical):
    """The lines above the main area, with the prompt panel that ``h`` hides."""

    def compose(self) -> ComposeResult:
        yield Static(id="stage-title")
        with Horizontal(id="stage-line"):
            yield StageTimer(id="stage-timer")
            yield Static(id="stage-people")
        yield Static(id="stage-prompt")

    def show(
        self,
        title: str,
        session: Session | None,
        stage: Stage | None,
        prompts_visible: bool,
        live: Session | None = None,
    ) -> None:
        """Draw the title line; the timer follows ``session``, or ``live`` on cycle pages."""
        line = Text()
        if session is not None:
            line.append(session.title, style="bold")
            line.append(" › ", style="dim")
        line.append(title, style="bold")
        if session is not None and stage is not None:
            index = next(i for i, s in enumerate(session.stages) if s.key == stage.key) + 1
            line.append(f"  ·  stage {index} of {len(session.stages)}", style="dim")
        if session is not None and session.closed:
            line.append(" · session closed", style="dim")
        self.query_one("#stage-title", Static).update(line)
        self.query_one(StageTimer).follow(
            session or live, show_session=session is None and live is not None
        )
        people = self.query_one("#stage-people", Static)
        people.update(_people(session) if session is not None else "")
        self.query_one("#stage-line").display = (session or live) is not None
        prompt = self.query_one("#stage-prompt", Static)
        text = stage.prompt if stage is not None else ""
        prompt.update(
            Text.assemble(("Facilitator (h hides)  ", "bold"), (text, "italic")) if text else ""
        )
        prompt.display = bool(text) and prompts_visible


def _people(session: Session) -> Text:
    """``Facilitator Sam · 7 attendees: Ana, Bo, …`` on one line."""
    text = Text(style="dim")
    if session.facilitator:
        text.append(f"Facilitator {session.facilitator}")
    if session.attendees:
        if session.facilitator:
            text.append(" · ")
        count = len(session.attendees)
        names = ", ".join(session.attendees[:6]) + (", …" if count > 6 else "")
        text.append(f"{count} attendee{'s' if count != 1 else ''}: {names}")
    text.append(" (i edits)")
    return text
