"""A whole quarterly retro on the demo, with the keyboard: scores, cards, votes, actions,
carry-over and close — then a fresh read of the file shows all of it, and the next cycle."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from okrworkshop.tui.screens.confirm import ConfirmScreen
from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.widgets.agenda import Place
from tests.tui.helpers import fill_form, settle, show, view_table


async def type_card(pilot, line: str) -> None:
    entry = pilot.app.screen.query_one("#card-entry", Input)
    entry.value = line
    await pilot.press("enter")
    await pilot.pause()


def select(screen: CycleScreen, key: str) -> None:
    table = view_table(screen)
    table.move_cursor(row=table.get_row_index(key), animate=False)


async def test_a_whole_retro_with_the_keyboard(make_app, demo_workspace, reopen) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await show(pilot, Place("score", "ses-retro", "score"))
        data = app.editor.data

        # ---- Scores: Space accepts the progress; an override asks for a note first.
        select(screen, "kr-c1-3")
        await pilot.press("space")
        await pilot.pause()
        churn = data.key_results["kr-c1-3"]
        assert churn.score == round(churn.progress(), 2)
        select(screen, "kr-d1-1")
        await pilot.press("enter")
        await pilot.pause()
        form = await fill_form(pilot, score="0.9")
        assert isinstance(app.screen, FormScreen), "an override without a note is questioned"
        assert "say why in the note" in str(form.query_one("#form-error", Static).render())
        await fill_form(pilot, score_note="Two big clinics signed after the freeze")
        assert not isinstance(app.screen, FormScreen)
        mobile = data.key_results["kr-d1-1"]
        assert (mobile.score, mobile.score_note) == (0.9, "Two big clinics signed after the freeze")
        await pilot.press("A")
        await pilot.pause()
        assert all(kr.score is not None for kr in data.key_results.values())
        summary = str(screen.query_one("#score-summary", Static).render())
        assert "27 of 27 confirmed" in summary

        # ---- Reflect: cards typed one line each, into the column the number names.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.place.stage_key == "reflect"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await type_card(pilot, "1: Weekly check-ins kept us honest @Lena #Rhythm")
        await type_card(pilot, "2: Nobody owned the waitlist objective #Ownership")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CycleScreen), "Escape leaves the card line, not the cycle"
        cards = {c.text: c for c in data.retro_cards_of("ses-retro")}
        honest = cards["Weekly check-ins kept us honest"]
        assert (honest.column, honest.author, honest.group) == (
            "went-well",
            "Lena Fischer",
            "Rhythm",
        )
        owned = cards["Nobody owned the waitlist objective"]
        assert owned.column == "didnt-go-well"

        # ---- Vote: Maya has five dots, three at most on one card.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.place.stage_key == "vote"
        await pilot.press("V")
        await pilot.pause()
        await fill_form(pilot, voter="Maya Okafor")
        select(screen, owned.id)
        await pilot.press("plus", "plus", "plus", "plus")
        await pilot.pause()
        assert data.retro_cards[owned.id].dots == {"Maya Okafor": 3}
        select(screen, honest.id)
        await pilot.press("plus", "plus", "plus")
        await pilot.pause()
        assert data.retro_cards[honest.id].dots == {"Maya Okafor": 2}  # budget spent
        await pilot.press("minus")
        select(screen, "card-3")
        await pilot.press("plus")
        await pilot.pause()
        assert data.retro_cards["card-3"].votes == 6  # five anonymous dots and Maya's
        # Discussion order: the most-voted group first.
        first = view_table(screen).ordered_rows[0].key.value
        assert first == "§1"
        assert view_table(screen).ordered_rows[1].key.value == "card-3"

        # ---- An action from the card under discussion.
        select(screen, owned.id)
        await pilot.press("t")
        await pilot.pause()
        await fill_form(pilot, owner="Jonas Berg", due="2027-01-15")
        [from_card] = [a for a in data.actions.values() if a.text == owned.text]
        assert (from_card.owner, from_card.due, from_card.session_id) == (
            "Jonas Berg",
            date(2027, 1, 15),
            "ses-retro",
        )

        # ---- Actions: close the loop on earlier ones.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.place.stage_key == "actions"
        select(screen, "act-2")
        await pilot.press("space")
        select(screen, "act-3")
        await pilot.press("d")
        await pilot.pause()
        assert data.actions["act-2"].status == "done"
        assert data.actions["act-3"].status == "dropped"

        # ---- Carry-over: one key per objective, in cascade order; then the next cycle.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.place.stage_key == "carry-over"
        select(screen, "obj-c1")
        await pilot.press("k", "m", "d", "b")
        await pilot.pause()
        decisions = {o.id: o.carry_over for o in data.objectives.values() if o.carry_over}
        assert decisions == {
            "obj-c1": "keep",
            "obj-d1": "modify",
            "obj-t1": "drop",
            "obj-t2": "business-as-usual",
        }
        select(screen, "obj-d1")
        await pilot.press("enter")
        await pilot.pause()
        await fill_form(pilot, carry_over_note="Split booking and rebooking")
        await pilot.press("g")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-name", Input).value == "Kestrel Labs 2027-Q1"
        await fill_form(pilot)
        next_id = data.cycle.next_cycle_id
        assert next_id is not None
        assert data.actions["act-4"].carried_to == next_id

        # ---- Celebrate and close.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.place.stage_key == "close"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()

    workspace = reopen()
    saved = workspace.load("demo-kestrel")
    assert saved.key_results["kr-d1-1"].score == 0.9
    assert all(kr.score is not None for kr in saved.key_results.values())
    assert saved.retro_cards[owned.id].dots == {"Maya Okafor": 3}
    assert saved.actions["act-2"].status == "done"
    assert saved.objectives["obj-d1"].carry_over_note == "Split booking and rebooking"
    assert saved.sessions["ses-retro"].closed
    assert saved.cycle.next_cycle_id == next_id
    following = workspace.load(next_id)
    assert following.cycle.previous_cycle_id == "demo-kestrel"
    assert sorted(o.title for o in following.objectives.values()) == [
        "Become the booking system clinics recommend to each other",
        "Make booking effortless for patients",
    ]
    nps = next(kr for kr in following.key_results.values() if kr.title.startswith("Net promoter"))
    old_nps = saved.key_results["kr-c1-1"]
    assert nps.baseline == old_nps.current
    assert nps.carried_from is not None
    assert nps.carried_from.score == old_nps.score
    assert len(nps.carried_from.check_ins) == len(saved.check_ins_of("kr-c1-1"))
    carried_actions = {a.text for a in following.actions.values()}
    assert carried_actions == {
        "Draft the 2027 plan for the board",
        "Nobody owned the waitlist objective",
    }
