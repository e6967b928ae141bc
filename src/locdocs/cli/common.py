"""What every command shares: exit codes, wording, and the site's configuration."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def positive_int(text: str) -> int:
    """A --jobs value: a whole number of processes, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more, not {text!r}")
    return value


def emit(text: str, output: Path | None) -> None:
    """A report to standard output, or (atomically) to the file ``output``."""
    if output is None:
        sys.stdout.write(text)
    else:
        from ..fileio import atomic_write

        atomic_write(output, text.encode("utf-8"))


def site_config(config_file: Path | None) -> Config:
    """The site's configuration: from ``config_file``, else from mkdocs.yml in the current folder if there is one,
    else the defaults (docs/ and l10n/)."""
    from ..config import Config, load_config

    if config_file is None and Path("mkdocs.yml").is_file():
        config_file = Path("mkdocs.yml")
    return load_config(config_file) if config_file is not None else Config()
