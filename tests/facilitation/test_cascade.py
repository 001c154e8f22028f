"""The cascade's shape and which links are allowed."""

from __future__ import annotations

from facilitation.cascade import build_cascade, link_problem
from tests.facilitation.builders import cycle, key_result, objective


def test_tree_order_unaligned_and_looped_objectives() -> None:
    data = cycle(
        objective("c1"),
        key_result("c1-1", "c1"),
        objective("c2"),
        objective("d1", "department", parent="c1-1"),
        objective("t1", "team", parent="d1"),
        objective("d2", "department", parent="c1"),
        objective("lost", "team"),
        objective("ghost", "team", parent="kr-gone"),
        objective("x", "team", parent="y"),
        objective("y", "team", parent="x"),
    )
    cascade = build_cascade(data)
    assert cascade.tops == ["c1", "c2"]
    assert cascade.unaligned == ["lost", "ghost"]
    assert cascade.looped == ["x", "y"]
    # objectives under a key result come before those aligned to the whole objective
    assert list(cascade.walk(data))[:5] == [
        (0, "c1"),
        (1, "d1"),
        (2, "t1"),
        (1, "d2"),
        (0, "c2"),
    ]
    assert cascade.path_to(data, "t1") == ["c1", "c1-1", "d1", "t1"]


def test_a_link_that_would_loop_is_refused_naming_the_loop() -> None:
    data = cycle(
        objective("c", title="Clinics recommend us"),
        # the department objective's level was changed after linking: it now sits under a team
        objective("d", "department", title="Booking is effortless", parent="t-1"),
        objective("t", "team", title="Patients book first time"),
        key_result("t-1", "t"),
    )
    assert link_problem(data, "t", "d") == (
        "That link would make a loop: “Patients book first time” → “Booking is effortless” → "
        "“Patients book first time”. Not linked."
    )
    assert link_problem(data, "t", "c") is None
    assert link_problem(data, "t", None) is None
    assert link_problem(data, "t", "t") == "An objective cannot align to itself."
    assert link_problem(data, "t", "t-1") == (
        "An objective cannot align to one of its own key results."
    )
    assert "no objective or key result 'nope'" in str(link_problem(data, "t", "nope"))
