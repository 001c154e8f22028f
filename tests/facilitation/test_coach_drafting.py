"""Every drafting rule fires where it should and stays quiet on good OKRs (DESIGN §5)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from facilitation.coach import RULES, CoachSettings, Finding, coach
from okrworkshop.model import Theme
from tests.facilitation.coaching import cycle_with, good_key_results, key_result

DRAFTING_SLUGS = {
    "objective-has-number",
    "objective-output-verb",
    "objective-business-as-usual",
    "objective-length",
    "objective-no-owner",
    "too-few-key-results",
    "too-many-key-results",
    "too-many-objectives",
    "key-result-not-measurable",
    "key-result-no-baseline",
    "key-result-no-deadline",
    "key-result-activity",
    "key-result-vague",
    "key-result-no-owner",
    "key-result-target-equals-baseline",
    "theme-without-objective",
    "draft-confidence-too-high",
}


def rules_on(findings: list[Finding], target: str | None = None) -> set[str]:
    return {f.rule for f in findings if target is None or f.target_id == target}


def test_every_drafting_slug_is_registered_with_a_severity() -> None:
    assert set(RULES) >= DRAFTING_SLUGS
    for slug in DRAFTING_SLUGS:
        assert set(RULES[slug].severity.split("|")) <= {"error", "warning", "info"}


def test_the_issues_good_okrs_raise_nothing() -> None:
    data = cycle_with(
        "Become the onboarding experience customers recommend",
        [
            key_result("Reduce churn from 5% to 3%", id="kr-1", baseline=5, target=3, unit="%"),
            *good_key_results()[1:],
        ],
    )
    assert coach(data) == []


# ---------------------------------------------------------------- objective titles

GOOD_OBJECTIVES = [
    "Become the onboarding experience customers recommend",
    "Become the booking system clinics recommend to each other",
    "Run a profitable, predictable business",
    "Make booking effortless for patients",
    "Every new clinic is live and confident within two weeks",
    "Patients finish booking on the first try",
    "Clinics trust that Kestrel is always there",
    "Win the trust of B2B buyers in the Nordics",
    "Make Q1 the quarter clinics stop waiting on support",
    "Our 2027 customers feel known by name",
    "Design that clinic staff enjoy using every day",
    "Release day is a non-event for everyone",
    "Establish Kestrel as the safe choice for hospitals",
]


@pytest.mark.parametrize("title", GOOD_OBJECTIVES)
def test_good_objective_titles_stay_quiet(title: str) -> None:
    assert coach(cycle_with(title)) == []


@pytest.mark.parametrize(
    ("title", "rule"),
    [
        ("Grow revenue 20%", "objective-has-number"),
        ("Reach 500 paying clinics", "objective-has-number"),
        ("Become the #1 booking app in Spain", "objective-has-number"),
        ("Triple revenue to 3x last year", "objective-has-number"),
        ("Launch the mobile app", "objective-output-verb"),
        ("Build a new billing system for clinics", "objective-output-verb"),
        ("Roll out SSO to every enterprise customer", "objective-output-verb"),
        ("Migrate from Oracle to Postgres", "objective-output-verb"),
        ("Hire a head of sales for Germany", "objective-output-verb"),
        ("“Ship the redesigned dashboard”", "objective-output-verb"),
        ("Maintain our current customer base", "objective-business-as-usual"),
        ("Keep the lights on in the data centre", "objective-business-as-usual"),
        ("Continue supporting legacy clinics well", "objective-business-as-usual"),
        ("Sustain the growth we had last year", "objective-business-as-usual"),
        ("Retention", "objective-length"),
        ("Happy clinics", "objective-length"),
        (
            "Make sure that every single clinic that signs up with us in this quarter is able to "
            "get going quickly and without any help from our team",
            "objective-length",
        ),
    ],
)
def test_weak_objective_titles_fire(title: str, rule: str) -> None:
    findings = coach(cycle_with(title))
    assert rule in rules_on(findings, "obj-1")
    finding = next(f for f in findings if f.rule == rule)
    assert finding.message and "\n" not in finding.message


def test_output_verb_names_the_verb_and_shows_a_better_example() -> None:
    [finding] = coach(cycle_with("Roll out SSO to every enterprise customer"))
    assert finding.message.startswith('"Roll out …"')
    assert finding.example.startswith('Instead of "Launch the mobile app"')


def test_objective_length_thresholds_are_settings() -> None:
    title = "Clinics recommend us"  # three words
    assert coach(cycle_with(title)) == []
    strict = CoachSettings(objective_min_words=4)
    assert rules_on(coach(cycle_with(title), strict)) == {"objective-length"}
    long_title = " ".join(["clinics"] * 18)
    assert coach(cycle_with(long_title)) == []
    assert rules_on(coach(cycle_with(long_title + " love"))) == {"objective-length"}


def test_objective_without_owner() -> None:
    findings = coach(cycle_with(owner=""))
    assert [(f.rule, f.target_id, f.severity) for f in findings] == [
        ("objective-no-owner", "obj-1", "warning")
    ]


# ---------------------------------------------------------------- counts


def test_no_key_results_is_an_error_and_one_or_two_a_warning() -> None:
    [none] = coach(cycle_with(key_results=[]))
    assert (none.rule, none.severity) == ("too-few-key-results", "error")
    [one] = coach(cycle_with(key_results=good_key_results()[:1]))
    assert (one.rule, one.severity) == ("too-few-key-results", "warning")
    assert "Only 1 key result;" in one.message
    [two] = coach(cycle_with(key_results=good_key_results()[:2]))
    assert "Only 2 key results;" in two.message
    assert (
        coach(cycle_with(key_results=good_key_results()[:2]), CoachSettings(min_key_results=2))
        == []
    )


def test_more_than_five_key_results_is_too_many() -> None:
    krs = [
        key_result(f"Clinics on plan {name} from 10 to 20", id=f"kr-{i}")
        for i, name in enumerate("ABCDEF")
    ]
    assert coach(cycle_with(key_results=krs[:5])) == []
    [finding] = coach(cycle_with(key_results=krs))
    assert (finding.rule, finding.target_id) == ("too-many-key-results", "obj-1")
    assert finding.message.startswith("6 key results")
    assert coach(cycle_with(key_results=krs), CoachSettings(max_key_results=6)) == []


def test_too_many_objectives_for_one_team_flags_those_past_the_limit() -> None:
    from okrworkshop.model import Objective

    data = cycle_with()
    titles = [
        "Patients finish booking on the first try",
        "Clinics fill cancelled slots on their own",
        "Booking works for every patient",
        "Rebooking takes one tap for patients",
        "Patients trust our reminders completely",
        "Waiting lists empty themselves for clinics",
    ]
    from okrworkshop.model import Change, Put

    ops = []
    for i, title in enumerate(titles, start=1):
        objective = Objective(
            id=f"obj-b{i}", title=title, level="team", team="Booking", owner="Lena", position=i
        )
        ops.append(Put("objectives", objective.model_dump(mode="json")))
        for kr in good_key_results(objective.id):
            ops.append(Put("key_results", kr.model_dump(mode="json")))
    # Another team's objective does not count towards Booking's.
    other = Objective(
        id="obj-p1",
        title="Clinics never wonder if we are up",
        level="team",
        team="Platform",
        owner="Tom",
    )
    ops.append(Put("objectives", other.model_dump(mode="json")))
    ops += [Put("key_results", kr.model_dump(mode="json")) for kr in good_key_results("obj-p1")]
    data.apply(Change("add", tuple(ops)))
    # (Team objectives aligned to nothing also draw alignment findings; only drafting ones here.)
    findings = coach(data, select=DRAFTING_SLUGS)
    assert [(f.rule, f.target_id) for f in findings] == [("too-many-objectives", "obj-b6")]
    assert findings[0].message.startswith("Booking has 6 team objectives")
    assert coach(data, CoachSettings(max_objectives=6), select=DRAFTING_SLUGS) == []


# ---------------------------------------------------------------- key result wording

GOOD_KEY_RESULTS = [
    "Reduce churn from 5% to 3%",
    "Net promoter score from 31 to 45",
    "New clinics that came through a referral from 12% to 25%",
    "Annual recurring revenue from 4.2M to 5.0M",
    "Mobile booking completion from 61% to 80%",
    "Support tickets about booking from 140 to 60 a month",
    "Booking errors per 1,000 attempts from 18 to 5",
    "Build time from 12 to 4 minutes",
    "Email open rate from 20% to 32%",
    "Release frequency from 2 to 10 a month",
    "Clinics with 3 or more staff using the app from 40% to 65%",
    "Share of clinics rating onboarding 8 or better from 55% to 75%",
    "First reply within 2 hours for 90% of tickets",
    "Fewer than 20 support tickets a month about invoices",
    "Add 120 paying clinics in Germany",
    "Demo-to-paid conversion from 18% to 26%",
    "Design partner sign-ups from 0 to 10",
    "Call volume at the help desk from 900 to 500 a week",
]


@pytest.mark.parametrize("title", GOOD_KEY_RESULTS)
def test_good_key_results_stay_quiet(title: str) -> None:
    krs = [key_result(title, id="kr-x"), *good_key_results()[1:]]
    assert coach(cycle_with(key_results=krs)) == []


@pytest.mark.parametrize(
    ("title", "rule"),
    [
        ("Write 20 help-centre articles", "key-result-activity"),
        ("Hold 12 customer workshops", "key-result-activity"),
        ("Run 5 webinars for clinic owners", "key-result-activity"),
        ("Send the monthly newsletter to all clinics", "key-result-activity"),
        ("Launch the Spanish website", "key-result-activity"),
        ("Close 40 support tickets a week", "key-result-activity"),
        ("Make 200 sales calls", "key-result-activity"),
        ("Ship 6 new features", "key-result-activity"),
        ("Interview 30 clinic managers", "key-result-activity"),
        ("Significantly better support experience for clinics", "key-result-vague"),
        ("More clinics use the mobile app", "key-result-vague"),
        ("Some improvement in page load time", "key-result-vague"),
        ("Respond to reviews as soon as possible", "key-result-vague"),
        ("World-class uptime for various regions", "key-result-vague"),
        ("Several large clinics sign up", "key-result-vague"),
    ],
)
def test_weak_key_results_fire(title: str, rule: str) -> None:
    krs = [key_result(title, id="kr-x"), *good_key_results()[1:]]
    assert rule in rules_on(coach(cycle_with(key_results=krs)), "kr-x")


def test_vague_improvement_verb_only_when_nothing_says_how_much() -> None:
    milestone = key_result(
        "Improve the setup wizard", id="kr-x", kind="milestone", baseline=None, target=None
    )
    assert rules_on(coach(cycle_with(key_results=[milestone, *good_key_results()[1:]]))) == {
        "key-result-vague"
    }
    measured = key_result("Improve activation", id="kr-x", baseline=38, target=55, unit="%")
    assert coach(cycle_with(key_results=[measured, *good_key_results()[1:]])) == []


def test_counting_an_activity_unit_is_effort_unless_it_goes_down() -> None:
    up = key_result("Help-centre coverage", id="kr-x", baseline=0, target=20, unit="articles")
    assert rules_on(coach(cycle_with(key_results=[up, *good_key_results()[1:]]))) == {
        "key-result-activity"
    }
    down = key_result("Open incidents", id="kr-x", baseline=40, target=10, unit="tickets")
    assert coach(cycle_with(key_results=[down, *good_key_results()[1:]])) == []


# ---------------------------------------------------------------- key result fields


def _one(**fields: Any) -> set[str]:
    kr = key_result("Clinics live on Kestrel from 410 to 520", id="kr-x", **fields)
    return rules_on(coach(cycle_with(key_results=[kr, *good_key_results()[1:]])), "kr-x")


def test_metric_without_target_is_not_measurable() -> None:
    assert _one(target=None) == {"key-result-not-measurable"}
    assert _one(kind="maintain", target=None, baseline=None) == {"key-result-not-measurable"}
    assert _one(kind="milestone", target=None, baseline=None) == set()


def test_target_without_baseline() -> None:
    assert _one(baseline=None) == {"key-result-no-baseline"}
    assert _one(kind="maintain", baseline=None, target=99.9) == set()


def test_target_equal_to_baseline_is_an_error() -> None:
    assert _one(baseline=20.0, target=20.0) == {"key-result-target-equals-baseline"}
    assert _one(baseline=0.0, target=0.0) == {"key-result-target-equals-baseline"}
    assert _one(baseline=20.0, target=20.5) == set()


def test_no_deadline_only_when_the_cycle_has_no_end_either() -> None:
    kr = key_result("Clinics live on Kestrel from 410 to 520", id="kr-x")
    krs = [kr, *good_key_results()[1:]]
    no_end = coach(cycle_with(key_results=krs, ends=None))
    assert {(f.rule, f.severity) for f in no_end} == {("key-result-no-deadline", "error")}
    assert len(no_end) == 3  # every key result of the objective
    dated = [kr.model_copy(update={"due": date(2027, 2, 1)}) for kr in krs]
    assert coach(cycle_with(key_results=dated, ends=None)) == []
    assert coach(cycle_with(key_results=krs)) == []


def test_key_result_without_owner() -> None:
    assert _one(owner="") == {"key-result-no-owner"}


# ---------------------------------------------------------------- themes and confidence


def test_theme_nobody_serves_is_a_gap() -> None:
    served = Theme(id="thm-1", title="Patient experience")
    gap = Theme(id="thm-2", title="International expansion")
    data = cycle_with(themes=(served, gap), theme_id="thm-1")
    assert [(f.rule, f.target_id, f.severity) for f in coach(data)] == [
        ("theme-without-objective", "thm-2", "info")
    ]


def test_high_planning_confidence_on_a_stretch_objective_is_sandbagging() -> None:
    def with_confidence(*values: int, commitment: str = "aspirational") -> set[str]:
        krs = [
            kr.model_copy(update={"confidence": c})
            for kr, c in zip(good_key_results(), values, strict=True)
        ]
        return rules_on(coach(cycle_with(key_results=krs, commitment=commitment)))

    assert with_confidence(10, 9, 10) == {"draft-confidence-too-high"}
    assert with_confidence(9, 9, 9) == set()  # 9 is not above 9
    assert with_confidence(5, 6, 4) == set()
    assert with_confidence(10, 10, 10, commitment="committed") == set()
    krs = [kr.model_copy(update={"confidence": 10}) for kr in good_key_results()]
    assert coach(cycle_with(key_results=krs), CoachSettings(max_draft_confidence=10)) == []


def test_findings_are_sorted_worst_first_then_in_table_order() -> None:
    krs = [
        key_result("Write 20 help-centre articles", id="kr-a"),
        key_result("Clinics live from 410 to 520", id="kr-b", target=None),
    ]
    findings = coach(cycle_with("Launch onboarding", key_results=krs))
    assert [(f.severity, f.rule, f.target_id) for f in findings] == [
        ("error", "key-result-not-measurable", "kr-b"),
        ("warning", "objective-output-verb", "obj-1"),
        ("warning", "objective-length", "obj-1"),
        ("warning", "too-few-key-results", "obj-1"),
        ("warning", "key-result-activity", "kr-a"),
    ]
