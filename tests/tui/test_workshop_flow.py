"""A facilitator runs a whole cycle with the keyboard: planning, check-in, retro, export."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.screens.home import HomeScreen
from tests.tui.helpers import fill_form, settle, view_table


async def test_planning_check_in_retro_and_export(make_app, reopen, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        # A new cycle from the home screen, opened with Enter.
        await pilot.press("n")
        await fill_form(pilot, name="Acme 2027-Q1", starts="2027-01-01", ends="2027-03-31")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CycleScreen)
        assert screen.sub_title == "Acme 2027-Q1"

        # Planning: start the session, move to drafting, add objectives and key results.
        await pilot.press("n", "p")
        await fill_form(pilot, facilitator="Sam", attendees="Ana, Bo, Cy")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert screen.place.stage_key == "draft"
        await pilot.press("o")
        await fill_form(
            pilot, title="Customers love their first week", level="company", owner="Ana"
        )
        await pilot.press("k")
        await fill_form(pilot, title="Churn from 5% to 3%", baseline="5", target="3", unit="%")
        # The form offers the next key result straight away.
        assert isinstance(app.screen, FormScreen)
        await fill_form(pilot, title="Activation from 38% to 55%", baseline="38", target="55")
        await fill_form(pilot, title="Week-one NPS from 30 to 45", baseline="30", target="45")
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("o")
        await fill_form(
            pilot, title="Onboarding runs itself", level="team", team="Onboarding", owner="Bo"
        )
        data = app.editor.data
        company = next(o for o in data.objectives.values() if o.level == "company")
        team = next(o for o in data.objectives.values() if o.level == "team")
        assert [kr.title for kr in data.key_results_of(company.id)] == [
            "Churn from 5% to 3%",
            "Activation from 38% to 55%",
            "Week-one NPS from 30 to 45",
        ]

        # Align: the team objective goes under the company objective's first key result.
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert screen.place.activity == "align"
        # jump to the team objective by typing, then align it
        await pilot.press("slash", *"runs itself", "enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"churn")
        await pilot.press("enter")
        await pilot.pause()
        churn = data.key_results_of(company.id)[0]
        assert data.objectives[team.id].parent_id == churn.id

        # Check-in: a new session, Enter on the first key result records a value.
        await pilot.press("n", "c")
        await fill_form(pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.place.activity == "check-in"
        table = view_table(screen)
        table.move_cursor(row=table.get_row_index(churn.id))
        await pilot.press("enter")
        await fill_form(pilot, value="4", confidence="6", note="New welcome emails helped")
        assert data.key_results[churn.id].current == 4
        assert data.key_results[churn.id].progress() == 0.5

        # Retro: score the key result, add a card and vote for it, add an action.
        await pilot.press("n", "r")
        await fill_form(pilot, retro_format="start-stop-continue")
        retro = next(s for s in data.sessions.values() if s.kind == "retro")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert screen.place.activity == "score"
        table = view_table(screen)
        table.move_cursor(row=table.get_row_index(churn.id))
        await pilot.press("enter")
        await fill_form(pilot, score="0.4", score_note="Emails shipped late")
        assert data.key_results[churn.id].score == 0.4
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.place.activity == "reflect"
        await pilot.press("a")  # the quick card line: "1:" is the first column, Start
        await pilot.pause()
        app.screen.query_one("#card-entry", Input).value = "1: Pair on onboarding emails @Bo"
        await pilot.press("enter", "escape")
        await pilot.press("plus", "plus")
        await pilot.pause()
        card = next(iter(data.retro_cards.values()))
        assert (card.column, card.votes, card.session_id) == ("start", 2, retro.id)
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one(
            "#capture", Input
        ).value = "a Write the email playbook @cy due:2027-04-10"
        await pilot.press("enter")
        await pilot.pause()
        action = next(iter(data.actions.values()))
        # "@cy" is matched to the attendee Cy (attendees carried over from the planning).
        assert (action.text, action.owner, action.due.isoformat()) == (
            "Write the email playbook",
            "Cy",
            "2027-04-10",
        )

        # Export the retro's minutes as Markdown from the keyboard.
        await pilot.press("e")
        target = tmp_path / "minutes.md"
        await fill_form(pilot, format="markdown", scope=retro.id, path=str(target))
        await settle(pilot)
        minutes = target.read_text(encoding="utf-8")
        assert "Pair on onboarding emails (2 votes)" in minutes
        assert "| Write the email playbook | Cy | 2027-04-10 | open |" in minutes

        await pilot.press("ctrl+q")
        await pilot.pause()

    # Everything reached the disk: a fresh read sees it all.
    saved = reopen().load(data.cycle.id)
    assert saved.objectives[team.id].parent_id == churn.id
    assert saved.key_results[churn.id].current == 4
    assert saved.key_results[churn.id].score == 0.4
    assert saved.key_results[churn.id].score_note == "Emails shipped late"
    assert [c.value for c in saved.check_ins_of(churn.id)] == [4.0]
    assert {s.kind for s in saved.sessions.values()} == {"planning", "check-in", "retro"}
    assert next(iter(saved.retro_cards.values())).votes == 2
    assert next(iter(saved.actions.values())).owner == "Cy"
