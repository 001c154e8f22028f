"""Quick capture: one line, its prefix says what it is; a preview shows how it will be read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from facilitation.capture import CaptureError, ParsedCapture, parse_capture
from okrworkshop.model import Session, edits

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp

HINT = (
    "a action @owner due:2027-02-14 · d decision · p parking lot · x not doing · "
    "n note (the default)"
)
KIND_LABELS = {
    "action": "Action",
    "decision": "Decision",
    "parking-lot": "Parking lot",
    "not-doing": "Not doing",
    "note": "Note",
}


def describe(parsed: ParsedCapture) -> str:
    """How a capture line will be stored, for the live preview."""
    text = f"{KIND_LABELS[parsed.kind]}: {parsed.text}"
    if parsed.kind == "action":
        text += f" — owner {parsed.owner or 'none yet'}, due {parsed.due or 'not set'}"
    return text


class CaptureScreen(ModalScreen[bool]):
    """Capture into the current session (actions may be captured without one)."""

    app: OkrWorkshopApp
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: Session | None, stage: str | None) -> None:
        super().__init__()
        self.session = session
        self.stage = stage

    def compose(self) -> ComposeResult:
        where = self.session.title if self.session else "the cycle (no session open)"
        with Vertical(classes="dialog wide"):
            yield Static(Text(f"Capture into {where}"), classes="dialog-title")
            yield Input(placeholder="d We review key results every Monday", id="capture")
            yield Static("", id="capture-preview")
            yield Static(HINT, classes="dialog-hint")

    @on(Input.Changed, "#capture")
    def _preview(self, event: Input.Changed) -> None:
        preview = self.query_one("#capture-preview", Static)
        if not event.value.strip():
            preview.update("")
            return
        try:
            preview.update(Text(describe(parse_capture(event.value))))
        except CaptureError as error:
            preview.update(Text(str(error), style="red"))

    @on(Input.Submitted, "#capture")
    def _submit(self, event: Input.Submitted) -> None:
        try:
            parsed = parse_capture(event.value)
        except CaptureError as error:
            self.query_one("#capture-preview", Static).update(Text(str(error), style="red"))
            return
        session = self.session
        if parsed.kind == "action":
            _, change = edits.add_record(
                "actions",
                "act",
                f"capture action {parsed.text!r}",
                text=parsed.text,
                owner=parsed.owner,
                due=parsed.due,
                status="open",
                session_id=session.id if session else None,
                created_on=self.app.today(),
            )
        elif session is None:
            self.query_one("#capture-preview", Static).update(
                Text(
                    "Decisions and parking-lot items belong to a session: start one with n "
                    "(actions can be captured any time).",
                    style="red",
                )
            )
            return
        else:
            from datetime import datetime

            _, change = edits.add_record(
                "captures",
                "cap",
                f"capture {parsed.kind} {parsed.text!r}",
                kind=parsed.kind,
                text=parsed.text,
                session_id=session.id,
                stage=self.stage,
                at=datetime.now().replace(microsecond=0).isoformat(),
                author=session.facilitator,
            )
        problem = self.app.apply(change)
        if problem:
            self.query_one("#capture-preview", Static).update(Text(problem, style="red"))
            return
        self.app.notify(f"Captured — {describe(parsed)}", timeout=3)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
