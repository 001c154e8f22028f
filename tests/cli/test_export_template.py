"""okrworkshop export --template: a team's own Jinja2 template, and one-line refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Cli

ONE_PAGER = """\
# {{ cycle.name|inline }} ({{ cycle.starts|iso }} to {{ cycle.ends|iso }})

{% for o in objectives %}
- {{ o.title|inline }}: {{ o.progress|percent }}, {{ o.key_results|length }} key results
{% endfor %}
"""


@pytest.fixture
def with_demo(cli: Cli) -> Cli:
    cli.ok("demo", "--no-open")
    return cli


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_own_template_renders_the_cycle(with_demo: Cli, tmp_path: Path) -> None:
    template = write(tmp_path, "one-pager.md.j2", ONE_PAGER)
    out = with_demo.ok("export", "Kestrel", "--template", str(template)).out
    lines = out.splitlines()
    assert lines[0] == "# Kestrel Labs 2026-Q4 (2026-10-01 to 2026-12-31)"
    assert lines[2] == (
        "- Become the booking system clinics recommend to each other: 62%, 4 key results"
    )
    assert len(lines) == 2 + 8


def test_own_template_to_a_file(with_demo: Cli, tmp_path: Path) -> None:
    template = write(tmp_path, "one-pager.md.j2", ONE_PAGER)
    target = tmp_path / "out.md"
    result = with_demo.ok("export", "Kestrel", "--template", str(template), "-o", str(target))
    assert result.err == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("# Kestrel Labs 2026-Q4")


def test_session_is_none_without_session_and_set_with_it(with_demo: Cli, tmp_path: Path) -> None:
    template = write(
        tmp_path,
        "minutes.md.j2",
        "{{ session.title ~ ': ' ~ session.decisions|length ~ ' decisions' if session "
        "else 'no session' }}\n",
    )
    assert with_demo.ok("export", "Kestrel", "--template", str(template)).out == "no session\n"
    out = with_demo.ok(
        "export", "Kestrel", "--template", str(template), "--session", "ses-planning"
    ).out
    assert out == "Planning session: 1 decisions\n"


def test_html_template_is_autoescaped(with_demo: Cli, tmp_path: Path) -> None:
    with_demo.ok("new", "Acme <b>bold</b> & co")
    html = write(tmp_path, "page.html.j2", "<h1>{{ cycle.name }}</h1>\n")
    assert with_demo.ok("export", "Acme", "--template", str(html)).out == (
        "<h1>Acme &lt;b&gt;bold&lt;/b&gt; &amp; co</h1>\n"
    )
    # A Markdown template is not autoescaped (its filters escape), unless --format html says so.
    plain = write(tmp_path, "page.md.j2", "<h1>{{ cycle.name }}</h1>\n")
    assert with_demo.ok("export", "Acme", "--template", str(plain)).out == (
        "<h1>Acme <b>bold</b> & co</h1>\n"
    )
    forced = with_demo.ok("export", "Acme", "--template", str(plain), "--format", "html").out
    assert forced == "<h1>Acme &lt;b&gt;bold&lt;/b&gt; &amp; co</h1>\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ objectivs }}", "t.md.j2, line 1: 'objectivs' is undefined"),
        ("ok\n{% for o in %}", "t.md.j2, line 2: syntax error: "),
        (
            "{{ ''.__class__.__mro__ }}",
            "t.md.j2, line 1: not allowed in a template: access to attribute '__class__'",
        ),
        ("{% include '/etc/passwd' %}", "t.md.j2, line 1: cannot include, import or extend"),
        ("{{ 'x' * 50000000 }}", "t.md.j2, line 1: repeating something 50,000,000 times"),
    ],
)
def test_template_problems_are_one_line_with_exit_code_2(
    with_demo: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "t.md.j2", text)
    target = write(tmp_path, "keep.md", "keep me\n")
    result = with_demo.fails("export", "Kestrel", "--template", "t.md.j2", "-o", str(target))
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith(f"okrworkshop: error: {message}")
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_missing_template_file(with_demo: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "nope.md.j2"
    result = with_demo.fails("export", "Kestrel", "--template", str(missing))
    assert result.err_lines == [f"okrworkshop: error: {missing}: no such file"]


def test_template_that_is_not_text(with_demo: Cli, tmp_path: Path) -> None:
    binary = tmp_path / "logo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    result = with_demo.fails("export", "Kestrel", "--template", str(binary))
    assert result.err_lines == [
        f"okrworkshop: error: {binary}: is not UTF-8 text (byte 1 cannot be decoded)"
    ]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_template_with_a_data_format_is_refused(with_demo: Cli, tmp_path: Path, fmt: str) -> None:
    template = write(tmp_path, "t.md.j2", ONE_PAGER)
    result = with_demo.fails("export", "Kestrel", "--template", str(template), "--format", fmt)
    assert result.err_lines == [
        "okrworkshop: error: --template renders your own template as Markdown or HTML text; "
        f"it cannot be combined with --format {fmt}"
    ]
