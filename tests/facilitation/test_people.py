"""Names typed fast mean the person the cycle knows, the same way everywhere."""

from __future__ import annotations

from facilitation.people import known_person, people_in
from facilitation.retro import parse_card, retro_format
from okrworkshop.model import CycleData

PEOPLE = ["Aisha Khan", "Lena Fischer", "Maya Okafor", "Marco Rossi"]


def test_the_cycle_knows_owners_facilitators_and_attendees(demo: CycleData) -> None:
    people = people_in(demo)
    assert {"Maya Okafor", "Sam Whitfield", "Nina Park"} <= set(people)
    assert "" not in people and people == sorted(set(people))


def test_a_first_name_or_the_start_of_one_means_the_one_person_it_fits() -> None:
    assert known_person("lena", PEOPLE) == "Lena Fischer"
    assert known_person("fisch", PEOPLE) == "Lena Fischer"
    assert known_person("AISHA KHAN", PEOPLE) == "Aisha Khan"


def test_a_name_that_fits_several_or_nobody_stays_as_typed() -> None:
    assert known_person("ma", PEOPLE) == "ma", "Maya or Marco: not for us to guess"
    assert known_person("  Ruth  Adler ", PEOPLE) == "Ruth Adler"
    assert known_person("   ", PEOPLE) == ""


def test_a_card_names_its_author_as_the_room_knows_them() -> None:
    card = parse_card("2: Setup started too late @aisha #planning", retro_format(""), "x", PEOPLE)
    assert (card.column, card.author, card.group) == ("didnt-go-well", "Aisha Khan", "planning")
