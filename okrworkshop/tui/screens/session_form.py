"""Starting a session: its kind, title, facilitator, attendees and (for retros) format."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from facilitation.agendas import SESSION_TITLES, new_session
from facilitation.retro import RETRO_FORMATS
from okrworkshop.model import CycleData, Put
from okrworkshop.model.changes import Change
from okrworkshop.model.errors import one_line
from okrworkshop.tui.screens.form import FormField, FormScreen

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp


def start_session(app: OkrWorkshopApp, data: CycleData, done: Callable[[str], None]) -> None:
    """Ask for the session's details, create it with the default agenda, call ``done(id)``."""
    last = next(iter(reversed(data.ordered("sessions"))), None)
    created: dict[str, str] = {}

    def submit(values: dict[str, Any]) -> str | None:
        attendees = [name.strip() for name in values["attendees"].split(",") if name.strip()]
        try:
            session = new_session(
                values["kind"],
                title=values["title"] or SESSION_TITLES[values["kind"]],
                facilitator=values["facilitator"],
                attendees=attendees,
                held_on=values["held_on"],
                team=values["team"],
            )
            if values["kind"] == "retro" and values["retro_format"]:
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
        hint="The agenda follows the kind; move between stages with [ and ].",
        save_label="Start",
    )
    app.push_screen(screen, lambda values: done(created["id"]) if values else None)
