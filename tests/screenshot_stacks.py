"""Screenshots of built sites side by side: home, a meeting, a case register and an open search, at
1280 and 390 px, in headless Chromium (Debian's /usr/bin/chromium). Used to check that the classic
and the maintained stack look the same (README, "Two stacks").

    .venv/bin/python tests/screenshot_stacks.py OUT_DIR NAME=SITE_DIR [NAME=SITE_DIR ...]

writes OUT_DIR/<name>-<page>-<width>.png for every site given.
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
}
WIDTHS = (1280, 390)


def shoot(site: Path, name: str, out: Path) -> list[Path]:
    written = []
    with serve(site) as base, browser_page() as page:
        page.emulate_media(color_scheme="light", reduced_motion="reduce")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for label, path in PAGES.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                written.append(out / f"{name}-{label}-{width}.png")
                page.screenshot(path=written[-1], full_page=False)
            page.goto(base + "/")
            page.wait_for_load_state("networkidle")
            search(page, "barnevernvakt", ".md-search-result a[href*='kongsbergregionen/rus/2010-01-08']")
            page.wait_for_timeout(300)
            written.append(out / f"{name}-search-{width}.png")
            page.screenshot(path=written[-1], full_page=False)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("sites", nargs="+", help="NAME=SITE_DIR")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for item in args.sites:
        name, _, folder = item.partition("=")
        for path in shoot(Path(folder), name, args.out):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
