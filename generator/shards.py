"""Build the site in shards, one per organisation, in parallel; merge them into one site with one search.

    python -m generator.shards build [--shard ORG ...] [--jobs N]   # MkDocs per shard into .shards/<name>/site
    python -m generator.shards merge                                # shards -> site/, then one Pagefind index
    python -m generator.shards all [--jobs N]                       # both (what `make site` runs)

The generator runs once before (``python -m generator build``): linking needs the whole archive, and
it is fast. MkDocs is single-threaded and slow per page, so that is what is split. Every shard reads
the same ``docs/`` with a config that inherits ``mkdocs.yml`` and *excludes* (``exclude_docs``) the
pages other shards own. MkDocs still knows excluded pages, so links and the navigation to them get
their right URLs (reported at INFO level, which ``--strict`` does not count); every page is built by
exactly one shard. Shard ``_root`` owns everything outside the organisation folders (home page,
people, assets). Merging copies the shards' sites together, joins their sitemaps and indexes the
merged site once with Pagefind, so there is one search.

Each shard builds with ``--strict``. A single ``mkdocs build --strict`` (the test suite's) also checks
anchors across shards; shard builds check anchors within a shard.

In CI each shard is one job of a ``strategy.matrix`` (``make site SHARD=<name>``), uploading
``.shards/<name>/site`` as an artifact; a final job downloads them all and runs ``make merge``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROOT_SHARD = "_root"


def shard_names(src: Path) -> list[str]:
    """``_root`` and one shard per organisation folder of the source tree."""
    from .config import load_archive_config
    organisations, _ = load_archive_config(src)
    return [ROOT_SHARD] + [org.slug for org in organisations]


def shard_config(name: str, names: list[str], work: Path, docs: Path) -> Path:
    """The MkDocs config of one shard: the archive's own, building only the pages the shard owns."""
    if name == ROOT_SHARD:
        exclude = [f"/{other}/" for other in names if other != ROOT_SHARD]
    else:
        exclude = ["/*", f"!/{name}/"]
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs.resolve()),
        "site_dir": str((work / name / "site").resolve()),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "hooks": [str(ROOT / "generator" / "mkdocs_hook.py")],
        "watch": [],
        "exclude_docs": "\n".join(exclude) + "\n",
    }
    path = work / name / "mkdocs.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(config, indent=2) + "\n")  # JSON is YAML
    return path


def build_shards(src: Path, docs: Path, work: Path, only: list[str] | None = None, jobs: int = 0) -> int:
    """MkDocs for each shard, ``jobs`` at a time (default: one per core); returns the number that failed."""
    names = shard_names(src)
    unknown = sorted(set(only or []) - set(names))
    if unknown:
        print(f"unknown shard(s): {', '.join(unknown)} (known: {', '.join(names)})", file=sys.stderr)
        return 1
    todo = [name for name in names if not only or name in only]
    # Largest shards first, so the last one to finish is a small one.
    todo.sort(key=lambda name: -_pages(docs, name, names))
    env = {**os.environ, "ARCHIVE_GENERATE": "0", "ARCHIVE_SEARCH": "0", "ARCHIVE_SRC": str(src.resolve()),
           "NO_MKDOCS_2_WARNING": "1"}
    running: list[tuple[str, subprocess.Popen, float]] = []
    failed = 0
    workers = jobs or os.cpu_count() or 1
    while todo or running:
        while todo and len(running) < workers:
            name = todo.pop(0)
            config = shard_config(name, names, work, docs)
            log = open(work / name / "build.log", "w")
            process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
                                       env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
            running.append((name, process, time.perf_counter()))
        time.sleep(0.05)
        for entry in list(running):
            name, process, started = entry
            if process.poll() is None:
                continue
            running.remove(entry)
            output = (work / name / "build.log").read_text()
            status = "ok" if process.returncode == 0 else f"FAILED ({process.returncode})"
            print(f"shard {name}: {status} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            if process.returncode != 0:
                failed += 1
                sys.stderr.write(output[-4000:])
    return failed


def _pages(docs: Path, name: str, names: list[str]) -> int:
    if name == ROOT_SHARD:
        return 0
    return sum(1 for _ in (docs / name).rglob("*.md"))


SITEMAP_URL = re.compile(r"<url>.*?</url>", re.S)


def merge(work: Path, site: Path, names: list[str]) -> None:
    """Copy every shard's site into ``site``, join the sitemaps, index the result once."""
    import gzip

    from .search import index_site

    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    urls: list[str] = []
    head = tail = ""
    for name in names:
        built = work / name / "site"
        if not built.is_dir():
            raise RuntimeError(f"shard {name} has not been built ({built} is missing)")
        sitemap = built / "sitemap.xml"
        if sitemap.is_file():
            text = sitemap.read_text(encoding="utf-8")
            found = SITEMAP_URL.findall(text)
            urls += found
            if found and not head:
                head, tail = text[:text.index(found[0])], text[text.rindex(found[-1]) + len(found[-1]):]
        shutil.copytree(built, site, dirs_exist_ok=True)
    if urls:
        merged = head + "".join(sorted(set(urls))) + tail
        (site / "sitemap.xml").write_text(merged, encoding="utf-8")
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(merged.encode("utf-8"), mtime=0))
    stats = index_site(site)
    print(f"merged {len(names)} shards into {site}; search index: {stats.pages} pages in {stats.seconds:.1f} s",
          file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.shards", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "merge", "all", "list"])
    parser.add_argument("--shard", action="append", default=None, help="build only this shard (repeatable)")
    parser.add_argument("--jobs", type=int, default=0, help="shards built at once (0: one per core)")
    parser.add_argument("--src", type=Path, default=ROOT / "minutes_src")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--work", type=Path, default=ROOT / ".shards")
    args = parser.parse_args(argv)
    args.src, args.docs, args.site, args.work = (path.resolve() for path in (args.src, args.docs, args.site, args.work))
    names = shard_names(args.src)
    if args.command == "list":
        print("\n".join(names))
        return 0
    started = time.perf_counter()
    if args.command in ("build", "all"):
        if build_shards(args.src, args.docs, args.work, args.shard, args.jobs):
            return 1
    if args.command in ("merge", "all"):
        try:
            merge(args.work, args.site, names)
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
    print(f"done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
