"""Where the session is: session › stage, its timebox, and the facilitator's prompt."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from okrworkshop.model import Session, Stage


class StageHeader(Vertical):
    """The line above the main area, with the prompt panel that ``h`` hides."""

    def compose(self) -> ComposeResult:
        yield Static(id="stage-title")
        yield Static(id="stage-prompt")

    def show(
        self, title: str, session: Session | None, stage: Stage | None, prompts_visible: bool
    ) -> None:
        line = Text()
        if session is not None:
            line.append(session.title, style="bold")
            line.append(" › ", style="dim")
        line.append(title, style="bold")
        if stage is not None:
            index = (
                next(i for i, s in enumerate(session.stages) if s.key == stage.key) + 1
                if session
                else 0
            )
            total = len(session.stages) if session else 0
            line.append(
                f"  ·  stage {index} of {total} · {stage.planned_minutes} min planned", style="dim"
            )
            if session is not None and session.closed:
                line.append(" · session closed", style="dim")
        self.query_one("#stage-title", Static).update(line)
        prompt = self.query_one("#stage-prompt", Static)
        text = stage.prompt if stage is not None else ""
        prompt.update(Text(text, style="italic"))
        prompt.display = bool(text) and prompts_visible
