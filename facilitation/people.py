"""The people a cycle knows, so a name typed fast ("lena") means the person ("Lena Fischer").

Quick add, quick capture and the forms all match names the same way: a whole name, a first
name or the start of any part of one, in any case, when exactly one person fits.
"""

from __future__ import annotations

from collections.abc import Iterable

from facilitation.capture import resolve_person
from okrworkshop.model import CycleData


def people_in(data: CycleData) -> list[str]:
    """Everyone named in the cycle: owners, session facilitators and attendees, authors."""
    names: set[str] = set()
    names.update(o.owner for o in data.objectives.values())
    names.update(kr.owner for kr in data.key_results.values())
    names.update(a.owner for a in data.actions.values())
    for session in data.sessions.values():
        names.add(session.facilitator)
        names.update(session.attendees)
    return sorted(name for name in names if name)


def known_person(name: str, people: Iterable[str]) -> str:
    """The one person ``name`` stands for; the name as typed (spaces tidied) otherwise."""
    typed = " ".join(name.split())
    return resolve_person(typed, people) if typed else ""
