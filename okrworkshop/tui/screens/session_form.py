"""Starting a session (kind, agenda, people, retro format) and editing who is in the room."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
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

from facilitation.agenda_files import AgendaError, find_agendas, load_agenda
from facilitation.agendas import SESSION_TITLES, new_session, planned_minutes
from facilitation.retro import RETRO_FORMATS
from okrworkshop.model import CycleData, Put, Session, SessionKind, Update
from okrworkshop.model.changes import Change
from okrworkshop.model.errors import one_line
from okrworkshop.store.paths import agendas_folder
from okrworkshop.tui.screens.form import FormField, FormScreen

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp


KIND_NAMES = {"planning": "Planning", "check-in": "Check-in", "retro": "Retro"}


def parse_attendees(text: str) -> list[str]:
    """Names separated by commas, each once (the first spelling wins)."""
    names: list[str] = []
    seen: set[str] = set()
    for name in text.split(","):
        name = " ".join(name.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def _agenda_options(folder: Path, kind: SessionKind) -> list[tuple[str, str]]:
    """The default agenda, then the folder's agendas for this kind (or for any kind)."""
    options = [(f"The default {KIND_NAMES[kind].lower()} agenda", "")]
    for path in find_agendas(folder):
        try:
            agenda = load_agenda(path)
        except AgendaError:
            options.append((f"{path.name} (has problems: pick it to see them)", str(path)))
            continue
        if agenda.kind in (None, kind):
            options.append((f"{agenda.name} ({agenda.minutes} min, {path.name})", str(path)))
    return options


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
    folder = agendas_folder()

    def submit(values: dict[str, Any]) -> str | None:
        path = values["agenda_file"] or values["agenda"]
        stages, agenda_name, title = None, "", SESSION_TITLES[kind]
        if path:
            try:
                agenda = load_agenda(Path(path).expanduser())
            except AgendaError as error:
                return str(error)
            if agenda.kind is not None and agenda.kind != kind:
                return (
                    f"{agenda.name} is an agenda for {agenda.kind} sessions; start a "
                    f"{KIND_NAMES[agenda.kind].lower()} session to use it"
                )
            stages, agenda_name, title = agenda.stages, agenda.name, agenda.title or title
        try:
            session = new_session(
                kind,
                title=values["title"] or title,
                facilitator=values["facilitator"],
                attendees=parse_attendees(values["attendees"]),
                held_on=values["held_on"],
                team=values["team"],
                agenda=stages,
                agenda_name=agenda_name,
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
        FormField("title", "Title", placeholder="default: the kind's or the agenda's name"),
        FormField("facilitator", "Facilitator", value=last.facilitator if last else ""),
        FormField(
            "attendees",
            "Attendees",
            value=", ".join(last.attendees) if last else "",
            placeholder="names, separated by commas",
        ),
        FormField("team", "Team", placeholder="blank for the whole cycle"),
        FormField("held_on", "Date", "date", value=app.today(), required=True),
        FormField(
            "agenda",
            "Agenda",
            "choice",
            value="",
            required=True,
            options=_agenda_options(folder, kind),
            help=f"your own agendas are .toml files in {folder}",
        ),
        FormField(
            "agenda_file",
            "Agenda file",
            placeholder="or the path of a .toml agenda file",
            help="a .toml agenda anywhere on disk (see the README for the format)",
        ),
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
        hint="Move between stages with [ and ]; s starts the stage timer.",
        save_label="Start",
    )
    app.push_screen(screen, lambda values: done(created["id"]) if values else None)


def edit_session(app: OkrWorkshopApp, session: Session) -> None:
    """Change a session's title, facilitator and attendees (late arrivals, say): one undo step."""

    def submit(values: dict[str, Any]) -> str | None:
        changes = {
            "title": values["title"],
            "facilitator": values["facilitator"],
            "attendees": parse_attendees(values["attendees"]),
            "team": values["team"],
            "held_on": values["held_on"].isoformat() if values["held_on"] else None,
        }
        return app.apply(
            Change(
                f"edit the details of {values['title']!r}",
                (Update("sessions", session.id, changes),),
            )
        )

    fields = [
        FormField("title", "Title", value=session.title, required=True),
        FormField(
            "facilitator",
            "Facilitator",
            value=session.facilitator,
            placeholder="who runs the session",
        ),
        FormField(
            "attendees",
            "Attendees",
            value=", ".join(session.attendees),
            placeholder="names, separated by commas",
            help="they vote in dot votes and confidence rounds and are offered as authors",
        ),
        FormField("team", "Team", value=session.team, placeholder="blank for the whole cycle"),
        FormField("held_on", "Date", "date", value=session.held_on),
    ]
    app.push_screen(FormScreen("Session details", fields, submit))
