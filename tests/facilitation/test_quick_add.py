"""The quick-add line reads a key result's measure from how people say it."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from facilitation.quick_add import (
    QuickAddError,
    describe_key_result,
    parse_key_result_line,
    parse_objective_line,
)

OWNERS = ["Maya Okafor", "Jonas Berg", "Lena Fischer", "Lena Park", "Tomás Silva"]
THEMES = {"thm-p": "Patient experience", "thm-r": "Reliability", "thm-g": "Efficient growth"}


def kr(line: str) -> dict[str, Any]:
    return parse_key_result_line(line, owners=OWNERS).fields


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Activation within 7 days from 38% to 55%",
            {"kind": "metric", "baseline": 38.0, "target": 55.0, "unit": "%"},
        ),
        (
            "Median time to book from 190 s to 90 s",
            {"kind": "metric", "baseline": 190.0, "target": 90.0, "unit": "s"},
        ),
        (
            "Annual recurring revenue from 4.2M to 5.0M EUR",
            {"kind": "metric", "baseline": 4.2, "target": 5.0, "unit": "M EUR"},
        ),
        (
            "Clinics live on Kestrel from 410 to 520 clinics",
            {"kind": "metric", "baseline": 410.0, "target": 520.0, "unit": "clinics"},
        ),
        (
            "Support tickets about booking from 1,400 to 600 a month",
            {"kind": "metric", "baseline": 1400.0, "target": 600.0, "unit": ""},
        ),
        (
            "Severity-1 incidents from 3 a month to 0",
            {"kind": "metric", "baseline": 3.0, "target": 0.0, "unit": ""},
        ),
        (
            "Net margin from -2.5% to 4%",
            {"kind": "metric", "baseline": -2.5, "target": 4.0, "unit": "%"},
        ),
        (
            "Uptime stays at or above 99.9%",
            {"kind": "maintain", "target": 99.9, "direction": "at-least", "unit": "%"},
        ),
        (
            "Complaints about reminders stay at or below 5 a month",
            {"kind": "maintain", "target": 5.0, "direction": "at-most", "unit": ""},
        ),
        ("Grow paying clinics to 520", {"kind": "metric", "target": 520.0, "unit": ""}),
        ("Respond to 90% of reviews within 2 days", {"kind": "metric"}),
        ("Improve the setup wizard", {"kind": "metric"}),
        ("m: Board approves the 2027 plan", {"kind": "milestone"}),
        ("milestone: One-tap rebooking for every patient", {"kind": "milestone"}),
    ],
)
def test_measure_is_read_from_the_words(line: str, expected: dict[str, Any]) -> None:
    fields = kr(line)
    assert {k: v for k, v in fields.items() if k != "title"} == expected
    assert fields["title"] == line.removeprefix("m: ").removeprefix("milestone: ")


def test_owner_due_and_confidence_come_out_of_the_title() -> None:
    fields = kr("Activation from 38% to 55% @maya due:2027-02-14 conf:6")
    assert fields == {
        "title": "Activation from 38% to 55%",
        "kind": "metric",
        "baseline": 38.0,
        "target": 55.0,
        "unit": "%",
        "owner": "Maya Okafor",
        "due": date(2027, 2, 14),
        "confidence": 6,
    }


def test_owner_names() -> None:
    assert kr("Churn from 5% to 3% @jonas_berg")["owner"] == "Jonas Berg"
    assert kr("Churn from 5% to 3% @lena.f")["owner"] == "Lena Fischer"
    assert kr("Churn from 5% to 3% @ana_lopez")["owner"] == "Ana Lopez"  # someone new
    assert kr("Churn from 5% to 3% @McKenzie")["owner"] == "McKenzie"
    assert kr("Churn from 5% to 3% @tomas")["owner"] == "Tomás Silva"
    with pytest.raises(QuickAddError, match=r"^@lena could be Lena Fischer or Lena Park"):
        kr("Churn from 5% to 3% @lena")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Churn from 5% to 3% due:next-week", "due:next-week is not a date like due:2027-02-14"),
        ("Churn from 5% to 3% conf:11", "conf:11 is not a confidence from 0 to 10, e.g. conf:6"),
        ("@maya due:2027-01-01", "type the key result, e.g. Activation from 38% to 55% @maya"),
        ("m:   ", "type the key result"),
    ],
)
def test_bad_lines_say_what_to_fix(line: str, message: str) -> None:
    with pytest.raises(QuickAddError, match=f"^{re.escape(message)}"):
        kr(line)


def test_objective_line_takes_owner_and_theme() -> None:
    entry = parse_objective_line(
        "Patients book without calling us @maya #patient", owners=OWNERS, themes=THEMES
    )
    assert entry.fields == {
        "title": "Patients book without calling us",
        "owner": "Maya Okafor",
        "theme_id": "thm-p",
    }
    assert parse_objective_line("Become the #1 choice", themes=THEMES).title == (
        "Become the #1 choice"
    )
    assert parse_objective_line("x #growth", themes=THEMES).fields["theme_id"] == "thm-g"


def test_objective_line_refuses_an_unknown_theme_naming_the_known_ones() -> None:
    with pytest.raises(QuickAddError) as error:
        parse_objective_line("Clinics love us #sales", themes=THEMES)
    assert str(error.value) == (
        "no theme matches #sales; themes: Patient experience, Reliability, Efficient growth"
    )
    with pytest.raises(QuickAddError, match=r"^type the objective"):
        parse_objective_line("  @maya ", owners=OWNERS)


def test_preview_says_how_the_line_will_be_stored() -> None:
    ends = date(2027, 3, 31)
    assert describe_key_result(kr("Activation from 38% to 55% @maya"), ends) == (
        "metric 38 → 55% · owner Maya Okafor · due 2027-03-31 (cycle end)"
    )
    assert describe_key_result(kr("Uptime stays at or above 99.9% conf:7"), None) == (
        "maintain ≥ 99.9% · owner none yet · confidence 7/10"
    )
    assert describe_key_result(kr("m: Board approves the plan due:2027-02-01"), ends) == (
        "milestone (done or not) · owner none yet · due 2027-02-01"
    )
    assert describe_key_result(kr("Improve the wizard"), ends).startswith("metric, no target yet")


@pytest.mark.parametrize(
    ("line", "token"),
    [
        ("Calls to book from 3000 to 1000 a week conf:5", "conf:"),
        ("Win abroad due:2027-03-31", "due:"),
    ],
)
def test_objective_line_with_key_result_tokens_says_so_instead_of_keeping_them(
    line: str, token: str
) -> None:
    # Typed as if for a key result: "conf:5" must not end up in an objective's title.
    with pytest.raises(QuickAddError, match=f"{token} belongs on a key result"):
        parse_objective_line(line)
