"""Starting a session (kind, agenda, people) and editing who is in the room."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from facilitation.agenda_files import AgendaError, find_agendas, load_agenda
from facilitation.agendas import SESSION_TITLES, new_session
from facilitation.retro import RETRO_FORMATS
from okrworkshop.model import CycleData, Put, Session, Update
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


def _agenda_options(folder: Path) -> list[tuple[str, str]]:
    options = [("The default agenda for the kind", "")]
    for path in find_agendas(folder):
        try:
            agenda = load_agenda(path)
            label = f"{agenda.name} ({agenda.minutes} min, {path.name})"
        except AgendaError:
            label = f"{path.name} (has problems: pick it to see them)"
        options.append((label, str(path)))
    return options


def start_session(app: OkrWorkshopApp, data: CycleData, done: Callable[[str], None]) -> None:
    """Ask for the session's details, create it with its agenda, call ``done(id)``."""
    last = next(iter(reversed(data.ordered("sessions"))), None)
    created: dict[str, str] = {}
    folder = agendas_folder()

    def submit(values: dict[str, Any]) -> str | None:
        kind = values["kind"]
        path = values["agenda_file"] or values["agenda"]
        stages, agenda_name, title = None, "", SESSION_TITLES[kind]
        if path:
            try:
                agenda = load_agenda(Path(path).expanduser())
            except AgendaError as error:
                return str(error)
            if agenda.kind is not None and agenda.kind != kind:
                return (
                    f"{agenda.name} is an agenda for {agenda.kind} sessions: choose Kind "
                    f"{KIND_NAMES[agenda.kind]} or another agenda"
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
            if kind == "retro" and values["retro_format"]:
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
        FormField(
            "kind",
            "Kind",
            "choice",
            value="planning",
            required=True,
            options=[
                ("Planning (120 min)", "planning"),
                ("Check-in (30 min)", "check-in"),
                ("Quarterly review retro", "retro"),
            ],
        ),
        FormField(
            "agenda",
            "Agenda",
            "choice",
            value="",
            required=True,
            options=_agenda_options(folder),
            help=f"custom agendas are .toml files in {folder}",
        ),
        FormField(
            "agenda_file",
            "Agenda file",
            placeholder="or the path of a .toml agenda file",
            help="a .toml agenda anywhere on disk (see the README for the format)",
        ),
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
            "retro_format",
            "Retro format",
            "choice",
            value="okr",
            options=[(fmt.name, key) for key, fmt in RETRO_FORMATS.items()],
        ),
    ]
    screen = FormScreen(
        "Start a session",
        fields,
        submit,
        hint="The agenda follows the kind unless you pick your own; move between stages with "
        "[ and ], s starts the timer.",
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
