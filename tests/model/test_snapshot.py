"""A snapshot of a cycle reads like the cycle did, whatever happens to the cycle afterwards."""

from __future__ import annotations

from exports.formats import export_text
from okrworkshop.model import Change, CycleData, Delete, Update, edits
from tests.conftest import TODAY


def test_a_snapshot_keeps_the_state_it_was_taken_in(demo: CycleData) -> None:
    before = export_text(demo, "markdown", today=TODAY)
    snapshot = demo.snapshot()
    demo.apply(edits.update("objectives", "obj-c1", "x", title="Renamed while exporting"))
    demo.apply(edits.delete_objective(demo, "obj-t1"))
    assert export_text(snapshot, "markdown", today=TODAY) == before
    assert "Renamed while exporting" in export_text(demo, "markdown", today=TODAY)


def test_a_snapshot_keeps_the_display_order_even_after_an_undone_delete(demo: CycleData) -> None:
    # Two key results tied on position: their order comes from when each first arrived.
    demo.apply(
        Change(
            "tie",
            (
                Update("key_results", "kr-c1-1", {"position": 0.0}),
                Update("key_results", "kr-c1-2", {"position": 0.0}),
            ),
        )
    )
    order = [kr.id for kr in demo.key_results_of("obj-c1")]
    undo = demo.apply(Change("delete", (Delete("key_results", "kr-c1-1"),)))
    demo.apply(undo)
    assert [kr.id for kr in demo.key_results_of("obj-c1")] == order
    snapshot = demo.snapshot()
    assert [kr.id for kr in snapshot.key_results_of("obj-c1")] == order
    assert export_text(snapshot, "json") == export_text(demo, "json")
