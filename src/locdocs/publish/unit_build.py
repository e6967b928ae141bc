"""A build unit's MkDocs process: ``python -m locdocs.publish.unit_build SPEC.json``.

The unit's configuration is the site's own mkdocs.yml, loaded by MkDocs as ``mkdocs build`` loads it (``!ENV``,
``!!python/name:`` and ``INHERIT`` included), with a unit's overrides given as MkDocs' command line gives its
options: the version tree's docs, the version's URL, the output folder, strict, Material's version selector, and
the plugins without static-i18n (the locdocs plugin lays out the unit's one locale instead). Nothing is written
back out as YAML, so nothing the site's file says is lost.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..config import read_mkdocs_config
from ..errors import LocdocsError
from ..plugin import LocdocsPlugin
from ..plugin.unit import UnitLayout, UnitSpec

LEFT_OUT = ("i18n",)
"""Plugins a unit builds without: the locdocs plugin does static-i18n's part for one locale."""


def site_config_data(config_file: Path) -> dict:
    """The site's configuration as MkDocs reads the file (INHERIT merged, tags resolved), before validation."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, "rb") as handle:
        return yaml_load(handle) or {}


def plugin_name(entry: object) -> str:
    return entry if isinstance(entry, str) else str(next(iter(entry))) if isinstance(entry, dict) and entry else ""


def unit_overrides(site_config: dict, spec: UnitSpec) -> dict[str, Any]:
    """What a unit changes in the site's configuration."""
    plugins: Any = site_config.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also takes plugins as a mapping of names to options
        plugins = [{name: options} for name, options in plugins.items()]
    plugins = [entry for entry in plugins if plugin_name(entry) not in LEFT_OUT]
    if "locdocs" not in {plugin_name(entry) for entry in plugins}:
        plugins.append("locdocs")
    extra = dict(site_config.get("extra") or {})
    extra["version"] = {"provider": "mike", "default": spec.default_version}
    return {"docs_dir": str(Path(spec.tree) / "docs"), "site_dir": spec.site_dir, "site_url": spec.site_url,
            "strict": True, "plugins": plugins, "extra": extra}


def build(spec: UnitSpec) -> None:
    """Build the unit with MkDocs, as ``mkdocs build`` would with the overrides on its command line."""
    from mkdocs.commands.build import build as mkdocs_build

    config_file = Path(spec.config_file)
    config = read_mkdocs_config(config_file, **unit_overrides(site_config_data(config_file), spec))
    plugin = config.plugins["locdocs"]
    if not isinstance(plugin, LocdocsPlugin):  # another package's plugin under the same name
        raise LocdocsError(f"{config_file}: the plugin named locdocs is {type(plugin).__name__}, not locdocs' own")
    plugin.unit = UnitLayout(spec)
    dirty = bool(spec.reuse_dirs) or spec.parts > 1
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        mkdocs_build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()


def main(argv: Sequence[str] | None = None) -> int:
    from mkdocs.exceptions import MkDocsException

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m locdocs.publish.unit_build SPEC.json|-", file=sys.stderr)
        return 2
    if args[0] == "-":  # started ahead (publish.units.UnitProcesses): import what a build needs, then wait
        _import_ahead()
        args[0] = sys.stdin.readline().strip()
        if not args[0]:
            return 0  # no unit came
    handler = logging.StreamHandler(sys.stderr)  # as mkdocs' command line logs
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    logging.getLogger("locdocs").addHandler(handler)
    try:
        build(UnitSpec.from_json(Path(args[0]).read_text(encoding="utf-8")))
    except (MkDocsException, LocdocsError, OSError) as error:
        print(f"ERROR   -  {error}", file=sys.stderr)
        return 1
    return 0


def _import_ahead() -> None:
    """What every unit build imports, whatever the site: MkDocs' build, and the theme and search plugin locdocs
    depends on."""
    import mkdocs.commands.build
    import mkdocs.config.defaults  # noqa: F401

    with contextlib.suppress(ImportError):
        import material.plugins.search.plugin  # type: ignore[import-untyped]  # noqa: F401


if __name__ == "__main__":
    raise SystemExit(main())
