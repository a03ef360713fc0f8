"""Screenshots of the built site for the README (docs-notes/screens/), so anyone can see the site
without building it: home, a meeting, a case register, a topic and the search with its filters open,
at 1280 and 390 px, light palette, in headless Chromium (Debian's /usr/bin/chromium).

    make screens                      # builds the site, then: python tests/screens.py site docs-notes/screens
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_browser import browser_page, search, serve  # noqa: E402

PAGES = {
    "home": "/",
    "meeting": "/grenland/kdk/2020-12-14/",
    "register": "/grenland/kdk/saker/",
    "topic": "/emner/barnevern/",
}
WIDTHS = {"desktop": 1280, "phone": 390}


def shoot(site: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site) as base, browser_page() as page:
        page.emulate_media(color_scheme="light", reduced_motion="reduce")
        for width, pixels in WIDTHS.items():
            page.set_viewport_size({"width": pixels, "height": 900 if width == "desktop" else 844})
            for name, path in PAGES.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                written.append(out / f"{name}-{width}.png")
                page.screenshot(path=written[-1])
            page.goto(base + "/")
            page.wait_for_load_state("networkidle")
            search(page, "barnevern", ".md-search-result__item a")
            page.locator("[data-archive-search-filters] summary").click()
            page.wait_for_selector("[data-archive-search-filters][open] select option:nth-child(2)", state="attached")
            page.wait_for_timeout(300)
            written.append(out / f"search-{width}.png")
            page.screenshot(path=written[-1])
            page.keyboard.press("Escape")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    for path in shoot(args.site, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
