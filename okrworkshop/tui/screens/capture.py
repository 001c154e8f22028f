"""Quick capture: one line, its prefix says what it is; a preview shows how it will be read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from facilitation.capture import CaptureError, ParsedCapture, parse_capture
from okrworkshop.model import Session, edits

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp

HINT = (
    "a action @owner due:2027-02-14 · d decision · p parking lot · x not doing · "
    "n note (the default) · by:name says who raised it · Tab picks the person · Escape cancels"
)
KIND_LABELS = {
    "action": "Action",
    "decision": "Decision",
    "parking-lot": "Parking lot",
    "not-doing": "Not doing",
    "note": "Note",
}


def describe(parsed: ParsedCapture, author: str = "") -> str:
    """How a capture line will be stored, for the live preview."""
    text = f"{KIND_LABELS[parsed.kind]}: {parsed.text}"
    if parsed.kind == "action":
        text += f" — owner {parsed.owner or 'none yet'}, due {parsed.due or 'not set'}"
    who = parsed.author or author
    if who:
        text += f" · by {who}"
    return text


def session_people(session: Session | None) -> list[str]:
    """The facilitator first, then the attendees, each once."""
    if session is None:
        return []
    people = [session.facilitator] if session.facilitator else []
    return people + [name for name in session.attendees if name not in people]


class CaptureScreen(ModalScreen[bool]):
    """Capture into the current session (actions may be captured without one)."""

    app: OkrWorkshopApp
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: Session | None, stage: str | None, author: str = "") -> None:
        super().__init__()
        self.session = session
        self.stage = stage
        self.people = session_people(session)
        self.used_author = ""
        self.default_author = author if author in self.people else ""
        if not self.default_author and self.people:
            self.default_author = self.people[0]

    def compose(self) -> ComposeResult:
        where = self.session.title if self.session else "the cycle (no session open)"
        with Vertical(classes="dialog wide"):
            yield Static(Text(f"Capture into {where}"), classes="dialog-title")
            yield Input(placeholder="d We review key results every Monday", id="capture")
            yield Static("", id="capture-preview")
            with Horizontal(classes="form-row"):
                yield Label("Raised by", classes="form-label")
                yield Select(
                    [(name, name) for name in self.people],
                    value=self.default_author or Select.NULL,
                    allow_blank=True,
                    prompt="nobody in particular",
                    id="capture-author",
                    classes="form-input",
                    compact=True,
                )
            yield Static(HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#capture", Input).focus()

    @property
    def chosen_author(self) -> str:
        value: Any = self.query_one("#capture-author", Select).value
        return "" if value is Select.NULL else str(value)

    def _show(self, text: str, *, problem: bool = False) -> None:
        self.query_one("#capture-preview", Static).update(
            Text(text, style="red" if problem else "")
        )

    @on(Input.Changed, "#capture")
    @on(Select.Changed, "#capture-author")
    def _preview(self) -> None:
        line = self.query_one("#capture", Input).value
        if not line.strip():
            self._show("")
            return
        try:
            self._show(describe(parse_capture(line, self.people), self.chosen_author))
        except CaptureError as error:
            self._show(str(error), problem=True)

    @on(Input.Submitted, "#capture")
    def _submit(self, event: Input.Submitted) -> None:
        try:
            parsed = parse_capture(event.value, self.people)
        except CaptureError as error:
            self._show(str(error), problem=True)
            return
        session = self.session
        author = parsed.author or self.chosen_author
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
                author=author,
            )
        elif session is None:
            self._show(
                "Decisions and parking-lot items belong to a session: start one with n "
                "(actions can be captured any time).",
                problem=True,
            )
            return
        else:
            _, change = edits.add_record(
                "captures",
                "cap",
                f"capture {parsed.kind} {parsed.text!r}",
                kind=parsed.kind,
                text=parsed.text,
                session_id=session.id,
                stage=self.stage,
                at=self.app.now().isoformat(),
                author=author,
            )
        problem = self.app.apply(change)
        if problem:
            self._show(problem, problem=True)
            return
        self.app.notify(f"Captured — {describe(parsed, author)}", timeout=3)
        self.used_author = self.chosen_author
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
