"""Where the workspace lives: ``--db``, then ``OKRWORKSHOP_DB``, then the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "OKRWORKSHOP_DB"
FILE_NAME = "workspace.json"


def default_workspace_path() -> Path:
    """The platform's user data folder (platformdirs), e.g. ``~/.local/share/okrworkshop``."""
    from platformdirs import user_data_path

    return user_data_path("okrworkshop", appauthor=False) / FILE_NAME


def resolve_workspace_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The workspace file to use, by the precedence of DESIGN §6."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_workspace_path()


AGENDAS_ENV_VAR = "OKRWORKSHOP_AGENDAS"


def agendas_folder() -> Path:
    """Where custom agendas (``*.toml``) are looked for: ``OKRWORKSHOP_AGENDAS``, else the
    user config folder's ``agendas``, e.g. ``~/.config/okrworkshop/agendas``."""
    env = os.environ.get(AGENDAS_ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("okrworkshop", appauthor=False) / "agendas"
