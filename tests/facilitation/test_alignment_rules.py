"""The alignment findings of DESIGN §5, each shown firing and staying quiet."""

from __future__ import annotations

from facilitation.coach import Finding, coach
from okrworkshop.model import CycleData
from tests.facilitation.builders import cycle, key_result, objective


def found(data: CycleData, slug: str) -> list[Finding]:
    return coach(data, select=[slug])


class TestOrphanObjective:
    def test_department_and_team_objectives_without_parent_are_orphans(self) -> None:
        data = cycle(
            objective("c"),
            objective("d", "department"),
            objective("t", "team"),
        )
        findings = found(data, "orphan-objective")
        assert [(f.target_id, f.severity) for f in findings] == [
            ("d", "warning"),
            ("t", "warning"),
        ]
        assert "aligns to nothing" in findings[0].message
        assert "a company objective" in findings[0].message
        assert "a department objective" in findings[1].message

    def test_aligned_objectives_and_company_objectives_are_not(self) -> None:
        data = cycle(
            objective("c"),
            key_result("c-1", "c"),
            objective("d", "department", parent="c-1"),
            objective("t", "team", parent="d"),
        )
        assert found(data, "orphan-objective") == []

    def test_a_parent_gone_from_the_cycle_is_named(self) -> None:
        data = cycle(objective("c"), objective("t", "team", parent="kr-gone"))
        [finding] = found(data, "orphan-objective")
        assert finding.target_id == "t"
        assert "'kr-gone', which is not in the cycle" in finding.message


class TestSkippedLevel:
    def test_team_aligned_straight_to_a_company_key_result(self) -> None:
        data = cycle(
            objective("c"),
            key_result("c-1", "c"),
            objective("d", "department", parent="c"),
            objective("t", "team", parent="c-1"),
        )
        [finding] = found(data, "skipped-level")
        assert (finding.target_id, finding.severity) == ("t", "info")
        assert "department objective it serves" in finding.message

    def test_team_aligned_to_a_department_is_fine(self) -> None:
        data = cycle(
            objective("c"),
            objective("d", "department", parent="c"),
            key_result("d-1", "d"),
            objective("t1", "team", parent="d"),
            objective("t2", "team", parent="d-1"),
        )
        assert found(data, "skipped-level") == []


class TestUnsupportedKeyResult:
    def test_company_and_department_key_results_nobody_moves(self) -> None:
        data = cycle(
            objective("c"),
            key_result("c-1", "c"),
            key_result("c-2", "c"),
            objective("d", "department", parent="c-1"),
            key_result("d-1", "d"),
            objective("t", "team", parent="c-1"),
            key_result("t-1", "t"),
        )
        findings = found(data, "unsupported-key-result")
        assert [(f.target_id, f.severity) for f in findings] == [
            ("c-2", "info"),
            ("d-1", "info"),
        ]
        assert "No department or team objective" in findings[0].message
        assert "No team objective" in findings[1].message

    def test_supported_directly_or_through_the_whole_objective(self) -> None:
        data = cycle(
            objective("c"),
            key_result("c-1", "c"),
            key_result("c-2", "c"),
            objective("d", "department", parent="c"),
            key_result("d-1", "d"),
            objective("t", "team", parent="d-1"),
        )
        assert found(data, "unsupported-key-result") == []

    def test_quiet_while_no_level_below_exists(self) -> None:
        data = cycle(
            objective("c"),
            key_result("c-1", "c"),
            objective("d", "department", parent="c-1"),
            key_result("d-1", "d"),  # no team objectives yet: nothing could support it
        )
        assert found(data, "unsupported-key-result") == []


class TestNoCompanyObjective:
    def test_lower_levels_without_a_company_objective(self) -> None:
        data = cycle(objective("d", "department"), objective("t", "team", parent="d"))
        [finding] = found(data, "no-company-objective")
        assert (finding.target_id, finding.severity) == ("cyc-test", "warning")

    def test_quiet_with_a_company_objective_or_no_objectives(self) -> None:
        assert (
            found(cycle(objective("c"), objective("d", "department")), "no-company-objective") == []
        )
        assert found(cycle(), "no-company-objective") == []


class TestAlignmentCycle:
    def test_each_loop_is_an_error_naming_its_objectives(self) -> None:
        data = cycle(
            objective("a", "department", title="Make booking effortless", parent="b-1"),
            objective("b", "team", title="Patients book on the first try", parent="a"),
            key_result("b-1", "b"),
            objective("x", "team", parent="y"),
            objective("y", "team", parent="x"),
            objective("c"),
        )
        findings = found(data, "alignment-cycle")
        assert [(f.target_id, f.severity) for f in findings] == [("a", "error"), ("x", "error")]
        assert findings[0].message.startswith(
            "Parent links go round in a loop: “Make booking effortless” → "
            "“Patients book on the first try” → back to the start."
        )

    def test_a_proper_tree_has_no_loop(self) -> None:
        data = cycle(
            objective("c"),
            key_result("c-1", "c"),
            objective("d", "department", parent="c-1"),
            objective("t", "team", parent="d"),
        )
        assert found(data, "alignment-cycle") == []
