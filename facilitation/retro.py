"""Retro formats of DESIGN §4: each a set of columns people write cards into."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RetroFormat:
    """A retro format: its key, its name, its columns (key, heading) and the one to celebrate."""

    key: str
    name: str
    columns: tuple[tuple[str, str], ...]
    positive: str = ""

    def heading(self, column: str) -> str:
        return dict(self.columns).get(column, column)


RETRO_FORMATS: dict[str, RetroFormat] = {
    fmt.key: fmt
    for fmt in (
        RetroFormat(
            "okr",
            "OKR retro",
            (
                ("went-well", "Went well"),
                ("didnt-go-well", "Didn't go well"),
                ("learned", "Learned"),
            ),
            "went-well",
        ),
        RetroFormat(
            "start-stop-continue",
            "Start, stop, continue",
            (("start", "Start"), ("stop", "Stop"), ("continue", "Continue")),
            "continue",
        ),
        RetroFormat(
            "4ls",
            "4Ls",
            (
                ("liked", "Liked"),
                ("learned", "Learned"),
                ("lacked", "Lacked"),
                ("longed-for", "Longed for"),
            ),
            "liked",
        ),
        RetroFormat(
            "sailboat",
            "Sailboat",
            (
                ("wind", "Wind (pushes us)"),
                ("anchors", "Anchors (hold us back)"),
                ("rocks", "Rocks (risks ahead)"),
            ),
            "wind",
        ),
        RetroFormat(
            "glad-sad-mad",
            "Glad, sad, mad",
            (("glad", "Glad"), ("sad", "Sad"), ("mad", "Mad")),
            "glad",
        ),
    )
}


def retro_format(key: str) -> RetroFormat:
    """The format with this key, falling back to the OKR retro."""
    return RETRO_FORMATS.get(key) or RETRO_FORMATS["okr"]
