"""Starting a session: its kind, title, facilitator, attendees and (for retros) format."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitation.agendas import SESSION_TITLES, new_session, planned_minutes
from facilitation.retro import RETRO_FORMATS
from okrworkshop.model import CycleData, Put, SessionKind
from okrworkshop.model.changes import Change
from okrworkshop.model.errors import one_line
from okrworkshop.tui.screens.form import FormField, FormScreen

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp


KIND_CHOICES: tuple[tuple[str, SessionKind, str], ...] = (
    ("p", "planning", "Planning session"),
    ("c", "check-in", "Check-in"),
    ("r", "retro", "Quarterly review retro"),
)


class SessionKindScreen(ModalScreen[str | None]):
    """One key picks the kind of session: p, c or r (or arrows and Enter)."""

    BINDINGS = [
        Binding("p", "choose('planning')", "Planning", show=False),
        Binding("c", "choose('check-in')", "Check-in", show=False),
        Binding("r", "choose('retro')", "Retro", show=False),
        Binding("escape", "choose('')", "Cancel", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Start which session?", classes="dialog-title")
            yield OptionList(
                *(
                    Option(
                        Text.assemble(
                            (f" {key} ", "bold reverse"),
                            f"  {title}  ",
                            (f"{planned_minutes(kind)} min", "dim"),
                        ),
                        id=kind,
                    )
                    for key, kind, title in KIND_CHOICES
                ),
                id="session-kinds",
            )
            yield Static(
                "Press the letter, or pick with the arrows and Enter; Escape cancels.",
                classes="dialog-hint",
            )

    @on(OptionList.OptionSelected, "#session-kinds")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self, kind: str) -> None:
        self.dismiss(kind or None)


def start_session(app: OkrWorkshopApp, data: CycleData, done: Callable[[str], None]) -> None:
    """Ask which kind of session, then its details; create it and call ``done(id)``."""

    def kind_chosen(kind: str | None) -> None:
        if kind:
            _details(app, data, cast(SessionKind, kind), done)

    app.push_screen(SessionKindScreen(), kind_chosen)


def _details(
    app: OkrWorkshopApp, data: CycleData, kind: SessionKind, done: Callable[[str], None]
) -> None:
    """The session's details form for a chosen kind."""

    last = next(iter(reversed(data.ordered("sessions"))), None)
    created: dict[str, str] = {}

    def submit(values: dict[str, Any]) -> str | None:
        attendees = [name.strip() for name in values["attendees"].split(",") if name.strip()]
        try:
            session = new_session(
                kind,
                title=values["title"] or SESSION_TITLES[kind],
                facilitator=values["facilitator"],
                attendees=attendees,
                held_on=values["held_on"],
                team=values["team"],
            )
            if kind == "retro" and values.get("retro_format"):
                session = session.model_copy(update={"retro_format": values["retro_format"]})
        except ValidationError as error:
            return one_line(error)
        problem = app.apply(
            Change(f"start {session.title!r}", (Put("sessions", session.model_dump(mode="json")),))
        )
        if problem is None:
            created["id"] = session.id
        return problem

    fields = [
        FormField("title", "Title", placeholder="default: the kind's name"),
        FormField("facilitator", "Facilitator", value=last.facilitator if last else ""),
        FormField(
            "attendees",
            "Attendees",
            value=", ".join(last.attendees) if last else "",
            placeholder="names, separated by commas",
        ),
        FormField("team", "Team", placeholder="blank for the whole cycle"),
        FormField("held_on", "Date", "date", value=app.today(), required=True),
    ]
    if kind == "retro":
        fields.append(
            FormField(
                "retro_format",
                "Retro format",
                "choice",
                value="okr",
                required=True,
                options=[(fmt.name, key) for key, fmt in RETRO_FORMATS.items()],
            )
        )
    screen = FormScreen(
        f"Start a {SESSION_TITLES[kind].lower()}",
        fields,
        submit,
        hint="The agenda follows the kind; move between stages with [ and ].",
        save_label="Start",
    )
    app.push_screen(screen, lambda values: done(created["id"]) if values else None)
