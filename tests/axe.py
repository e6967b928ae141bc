"""axe-core (Deque's accessibility rules engine) for the browser tests: fetched once from the npm registry into
.cache/, checked against the integrity the registry published for the pinned version, and run inside a page."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import urllib.request

from shared_data import ROOT

VERSION = "4.10.3"
INTEGRITY = "sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg=="
"""The npm registry's dist.integrity of axe-core@VERSION (`npm view axe-core@4.10.3 dist.integrity`)."""
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
MEMBER = "package/axe.min.js"
CACHE = ROOT / ".cache" / f"axe-core-{VERSION}.min.js"
SEVERE = ("serious", "critical")


def _tarball() -> bytes:
    """The package tarball: with `npm pack` where npm is installed (as the SARIF schema test does), else
    straight from the registry's URL."""
    if shutil.which("npm"):
        CACHE.parent.mkdir(exist_ok=True)
        done = subprocess.run(["npm", "pack", f"axe-core@{VERSION}", "--pack-destination", str(CACHE.parent)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"cannot fetch axe-core with npm: {done.stderr}"
        path = CACHE.parent / done.stdout.strip().splitlines()[-1]
        data = path.read_bytes()
        path.unlink()
        return data
    with urllib.request.urlopen(TARBALL, timeout=120) as response:
        return response.read()


def source() -> str:
    """axe.min.js of the pinned axe-core, from .cache/ (fetched and verified on first use)."""
    if not CACHE.is_file():
        data = _tarball()
        digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        assert digest == INTEGRITY, f"axe-core {VERSION}: the tarball's {digest} is not the registry's {INTEGRITY}"
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            member = archive.extractfile(MEMBER)
            assert member is not None, f"no {MEMBER} in axe-core {VERSION}"
            CACHE.parent.mkdir(exist_ok=True)
            CACHE.write_bytes(member.read())
    return CACHE.read_text("utf-8")


SETTLE = """async () => {
  // Colours measured halfway through a transition (a fade-in, a button's hover colour) are neither state: wait
  // for the page's finite animations and transitions to end (at most 2 s).
  const running = document.getAnimations().filter(animation => animation.effect
    && animation.effect.getComputedTiming().endTime !== Infinity);
  await Promise.race([Promise.all(running.map(animation => animation.finished.catch(() => null))),
                      new Promise(resolve => setTimeout(resolve, 2000))]);
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}"""
EXTRA_RULES = ("label-content-name-mismatch",)
"""Rules axe-core ships but does not run by default (experimental), run as well: a control's accessible name must
contain its visible text (WCAG 2.5.3), which a review found the theme's version selector breaking."""


def run(page, script: str) -> list[dict]:
    """axe.run on the whole document of ``page`` with the default rules (and EXTRA_RULES), once its transitions
    have ended; its violations. ``script`` is source(), injected into the page if it is not there yet."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=script)
    page.evaluate(SETTLE)
    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": True} for rule in EXTRA_RULES}}
    return page.evaluate("async options => (await axe.run(document, options)).violations", options)


def severe(violations: list[dict]) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in SEVERE]


def describe(violations: list[dict], url: str, limit: int = 200) -> str:
    """Rule id, impact, each node's target selectors and a short HTML snippet, for an assertion message."""
    lines = [f"{url}: {len(violations)} serious or critical axe-core {VERSION} violation(s)"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} "
                     f"[{len(violation['nodes'])} node(s)]")
        for node in violation["nodes"]:
            html = " ".join(node["html"].split())
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)}: "
                         f"{html[:limit]}{'…' if len(html) > limit else ''}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"      {summary[:2 * limit]}")
    return "\n".join(lines)
