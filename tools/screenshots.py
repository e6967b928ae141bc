"""Take the README's screenshots: the article in every locale of the site, as a reader sees it in Chromium.

Builds the site with `mkdocs build` into a temporary folder, serves it on localhost, opens each locale's article
in Debian's Chromium (Playwright) and saves ``assets/screenshots/article-LL.png``; on machine-translated pages the
"Show the English original" button is pressed first, so the picture shows it. Also writes
``assets/screenshots/inputs.sha256``: a hash of what the pictures show (docs, theme overrides, the plugin's assets
and messages, mkdocs.yml), which ``tests/test_repository_files.py`` compares, so that stale screenshots fail
the tests. Run from the repository root: ``.venv/bin/python tools/screenshots.py``.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (the tests' own server and browser settings)

SCREENSHOTS = ROOT / "assets" / "screenshots"
ARTICLE = "billing/billing-azure-subscription-past-due-balance/"
LOCALES = ("en", "sv", "nl", "fr", "zh")
CATALOGS = "src/locdocs/site/catalogs"
INPUTS = ("docs", "src/locdocs/site/templates", "src/locdocs/site/assets", f"{CATALOGS}/locdocs.pot",
          *(f"{CATALOGS}/{locale}/LC_MESSAGES/locdocs.po" for locale in LOCALES if locale != "en"), "mkdocs.yml")
"""What the pictures show: the catalogs of the five locales photographed, not every language's."""


def inputs_hash(root: Path = ROOT) -> str:
    """A hash of every file the screenshots depend on, by path and content."""
    digest = hashlib.sha256()
    for name in INPUTS:
        base = root / name
        for path in sorted([base] if base.is_file() else (p for p in base.rglob("*") if p.is_file())):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=ROOT,
                       check=True)
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            for locale in LOCALES:
                page.goto(base + ("" if locale == "en" else f"{locale}/") + ARTICLE)
                toggle = page.locator("button.locdocs-toggle")
                if toggle.count():
                    toggle.click()
                    # As a reader sees it after clicking: the pointer gone, the theme's transitions over.
                    page.mouse.move(0, 999)
                    page.evaluate("document.activeElement && document.activeElement.blur()")
                    page.wait_for_timeout(500)
                target = SCREENSHOTS / f"article-{locale}.png"
                page.screenshot(path=str(target))
                print(f"wrote {target.relative_to(ROOT)}")
            browser.close()
    (SCREENSHOTS / "inputs.sha256").write_text(inputs_hash() + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
