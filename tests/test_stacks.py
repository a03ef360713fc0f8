"""Both site engines (README, "Two stacks"): MkDocs + Material (classic, the default) and ProperDocs +
MaterialX (maintained, `make site STACK=maintained`).

- The maintained stack builds the sample with --strict, and every page shows the same article as the
  classic stack's (the theme around it may differ; the screenshots in tests/screenshot_stacks.py
  show that it does not, visibly).
- The browser tests (search, navigation from a result, injection) and the site checks pass on the
  maintained stack: they are run again with ARCHIVE_TEST_STACK=maintained.
- The maintained config inherits mkdocs.yml and repeats what a list replaces (extra_css) in full.

Byte-reproducibility of both stacks: tests/test_reproducible.py.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, mkdocs_build

pytestmark = pytest.mark.skipif(os.environ.get("ARCHIVE_TEST_STACK", "classic") != "classic",
                                reason="compares the stacks; runs once, from the classic run")

# Run on the maintained stack by test_browser_and_site_tests_pass_on_the_maintained_stack.
# (Not the --dirty rebuild of test_site.py: the hook's, the same on both stacks, and 9 s.)
AGAIN_ON_MAINTAINED = ["tests/test_browser.py", "tests/test_search_ui.py", "tests/test_injection.py",
                       "tests/test_site.py", "tests/test_nothing_lost.py", "-k", "not dirty_rebuild"]


@pytest.fixture(scope="module")
def maintained_site(tmp_path_factory):
    work = copy_project(tmp_path_factory.mktemp("maintained"))
    result = mkdocs_build(work, stack="maintained")
    assert result.returncode == 0, result.stderr[-4000:]
    work.joinpath("build.log").write_text(result.stderr)
    return work


def article(html: str) -> str | None:
    """The page's article (Markdown content, tags, title), serialised the same way for both themes."""
    node = BeautifulSoup(html, "lxml").select_one("article.md-content__inner")
    return None if node is None else " ".join(str(node).split())


def test_the_maintained_stack_builds_strict_and_says_what_it_is(maintained_site):
    log = (maintained_site / "build.log").read_text()
    assert "WARNING" not in log, log
    home = (maintained_site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs 1.6.7, mkdocs-materialx-10.2.2"' in home
    assert "materialx-compat.css" in home


def test_every_page_has_the_same_article_on_both_stacks(built_site, maintained_site):
    classic, maintained = built_site / "site", maintained_site / "site"
    pages = sorted(p.relative_to(classic) for p in classic.rglob("*.html"))
    assert pages == sorted(p.relative_to(maintained) for p in maintained.rglob("*.html"))
    different, articles = [], 0
    for page in pages:
        one, two = (classic / page).read_text(encoding="utf-8"), (maintained / page).read_text(encoding="utf-8")
        first = article(one)
        if first is None:  # the case permalink pages, written by our hook: the same bytes
            if one != two:
                different.append(str(page))
            continue
        articles += 1
        if first != article(two):
            different.append(str(page))
    assert articles > 50
    assert different == []


def test_topic_chips_are_above_the_title_on_both_stacks(built_site, maintained_site):
    # MaterialX puts them under the content with an icon; overrides/partials/{content,tags}.html do not.
    for work in (built_site, maintained_site):
        page = BeautifulSoup((work / "site/grenland/kdk/2020-12-14/index.html").read_text(encoding="utf-8"), "lxml")
        inner = page.select_one("article.md-content__inner")
        first = inner.find(["nav", "h1"])
        assert first.name == "nav" and "md-tags" in first["class"], work
        assert [tag["class"] for tag in first.select(".md-tag")][0] == ["md-tag"]


def test_the_maintained_config_changes_only_what_differs():
    classic = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    text = (ROOT / "mkdocs-maintained.yml").read_text(encoding="utf-8")
    maintained = yaml.safe_load(text)
    assert maintained["INHERIT"] == "mkdocs.yml"
    assert set(maintained) <= {"INHERIT", "theme", "plugins", "extra_css"}, set(maintained)
    assert maintained["theme"]["name"] == "materialx"
    # A list replaces the inherited one: the maintained list must hold all of mkdocs.yml's, in order.
    assert maintained["extra_css"][:len(classic["extra_css"])] == classic["extra_css"]
    assert [next(iter(p)) if isinstance(p, dict) else p for p in maintained["plugins"]] == [
        (next(iter(p)) if isinstance(p, dict) else p).replace("material/", "materialx/") for p in classic["plugins"]]


def test_the_maintained_lock_pins_every_runtime_dependency_of_the_generator():
    # The maintained venv installs the generator with --no-deps: a dependency added to pyproject.toml
    # must be pinned in requirements-maintained.lock too, or the hook fails there with an ImportError.
    import re
    import tomllib

    def key(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    pins = {key(line.split("==")[0]) for line in (ROOT / "requirements-maintained.lock").read_text().splitlines()
            if "==" in line and not line.startswith("#")}
    assert all("==" in line for line in (ROOT / "requirements-maintained.lock").read_text().splitlines()
               if line.strip() and not line.startswith("#"))
    wanted = set()
    for requirement in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]:
        name, extras = re.match(r"([A-Za-z0-9_.-]+)(?:\[([^]]*)\])?", requirement).groups()
        if key(name) not in {"mkdocs", "mkdocs-material"}:  # the classic stack's
            wanted.add(key(name))
            wanted |= {key(f"{name}-{extra}") for extra in (extras or "").split(",") if extra}
    assert wanted - pins == set()
    assert {"properdocs", "mkdocs-materialx"} <= pins and "mkdocs-material" not in pins


@pytest.mark.browser
def test_browser_and_site_tests_pass_on_the_maintained_stack(tmp_path, maintained_site):
    # maintained_site: the stack builds at all, and a missing venv skips (or fails under make test) here.
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp",
                             str(tmp_path / "run"), *AGAIN_ON_MAINTAINED], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "ARCHIVE_TEST_STACK": "maintained",
                                 "ARCHIVE_TEST_BUILT_SITE": str(maintained_site)})
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in summary and "skipped" not in summary, summary
