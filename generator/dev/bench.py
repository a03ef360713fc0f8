"""Benchmark: build synthetic archives of several sizes and print what each stage costs.

    python -m generator bench [--sizes 1000 10000] [--large] [--group-meetings N] [--seed 1] [--work .bench]

``--large`` adds 50,000 meetings (``LARGE_SIZE``; 30+ minutes on 2 cores), so the default stays
under ten minutes (``make bench``; ``make bench LARGE=1`` for the large size).

For each size: a synthetic source tree (``python -m generator corpus``, seeded, cached in ``WORK``), then
each step in its own process, timed (wall and CPU) with its peak memory (resident memory of the
process and all its children, sampled every 50 ms):

1. the generator (``build()``: parse, link, render, write; per-stage times from the build itself),
2. ``mkdocs build`` of the generated pages (the hook's regeneration and indexing switched off),
3. the search index (``python -m generator search``: Pagefind over the built site, in search groups
   of at most ``--group-meetings`` meeting pages, one Pagefind process after another; the number of
   groups and the largest Pagefind process's peak memory, from its own ``ru_maxrss``, are reported).

Then the site's size, the mean and largest meeting page, the largest other page, and the cost per
meeting at each size relative to the smallest. ``--json`` writes everything for BENCHMARKS.md.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SIZES = [1000, 10000]
LARGE_SIZE = 50000
MEETING_PAGE = re.compile(r"^[^/]+/[^/]+/\d{4}-\d{2}-\d{2}(-\d+)?/index\.html$")


# --- measuring a process -----------------------------------------------------------------------

def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parent, pages = int(fields[1]), int(fields[21])
        children.setdefault(parent, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total


def run(command: list[str], env: dict | None = None, cwd: Path | None = None) -> dict:
    """Run ``command``; return wall and CPU seconds, peak memory of its process tree, and its output."""
    before = os.times()
    started = time.perf_counter()
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return {"seconds": wall, "cpu_seconds": cpu, "peak_bytes": peak[0], "stdout": stdout, "stderr": stderr}


# --- the steps ---------------------------------------------------------------------------------

def corpus(size: int, seed: int, work: Path) -> Path:
    """The synthetic source tree for ``size`` meetings, generated once per (size, seed, generator)."""
    folder = work / f"corpus-{size}-s{seed}"
    stamp = folder / ".stamp"
    key = f"{size}:{seed}:{(ROOT / 'generator' / 'dev' / 'synthetic.py').stat().st_mtime_ns}"
    if not stamp.is_file() or stamp.read_text() != key:
        subprocess.run([sys.executable, "-m", "generator", "corpus", "--meetings", str(size), "--out", str(folder),
                        "--seed", str(seed), "--quiet"], check=True, cwd=ROOT)
        stamp.write_text(key)
    return folder


def mkdocs_config(project: Path, src: Path) -> Path:
    """A config for the generated pages in ``project``: the archive's own mkdocs.yml, other folders."""
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(project / "docs"),
        "site_dir": str(project / "site"),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "hooks": [str(ROOT / "generator" / "site" / "mkdocs_hook.py")],
        "watch": [],
    }
    path = project / "mkdocs.yml"
    path.write_text(json.dumps(config, indent=2) + "\n")  # JSON is YAML
    return path


def time_generator(src: Path, out: Path, report: Path) -> int:
    """Child process of the benchmark (``bench --time-generator``): run the generator, write its per-stage times."""
    from ..build import build
    timings: dict[str, float] = {}
    result = build(src, out, timings=timings)
    report.write_text(json.dumps({"timings": timings, "meetings": len(result.archive.meetings),
                                  "files": result.stats.written + result.stats.unchanged if result.stats else 0}))
    return 0


def site_sizes(site: Path) -> dict:
    total = 0
    meeting_sizes: list[int] = []
    largest_other = (0, "")
    html_pages = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        relative = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            html_pages += 1
            if MEETING_PAGE.match(relative):
                meeting_sizes.append(size)
            elif size > largest_other[0] and not re.match(r"pagefind(-\d+)?/", relative):
                largest_other = (size, relative)
    return {"site_bytes": total, "html_pages": html_pages, "meeting_pages": len(meeting_sizes),
            "mean_meeting_page_bytes": sum(meeting_sizes) / len(meeting_sizes) if meeting_sizes else 0,
            "largest_meeting_page_bytes": max(meeting_sizes, default=0),
            "largest_other_page_bytes": largest_other[0], "largest_other_page": largest_other[1]}


def bench_size(size: int, seed: int, work: Path, group_meetings: int | None = None) -> dict:
    src = corpus(size, seed, work)
    project = work / f"site-{size}-s{seed}"
    for sub in ("docs", "site"):
        subprocess.run(["rm", "-rf", str(project / sub)], check=True)
    (project / "docs").mkdir(parents=True)
    config = mkdocs_config(project, src)
    report = project / "generate.json"

    generator = run([sys.executable, "-m", "generator", "bench", "--time-generator", str(src), str(project / "docs"),
                     str(report)], cwd=ROOT)
    generated = json.loads(report.read_text())
    mkdocs = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=project,
                 env={"ARCHIVE_GENERATE": "0", "ARCHIVE_SEARCH": "0", "ARCHIVE_SRC": str(src),
                      "NO_MKDOCS_2_WARNING": "1"})
    search_report = project / "search.json"
    search = run([sys.executable, "-m", "generator", "search", str(project / "site"), "--json", str(search_report)]
                 + (["--group-meetings", str(group_meetings)] if group_meetings else []), cwd=ROOT)
    groups = json.loads(search_report.read_text())["groups"]
    warnings = len(re.findall(r"^WARNING", mkdocs["stderr"], re.M))
    sizes = site_sizes(project / "site")
    bundle = sum(p.stat().st_size for group in groups for p in (project / "site" / group["bundle"]).rglob("*")
                 if p.is_file())
    steps = {"generator": generator, "mkdocs": mkdocs, "search": search}
    return {
        "meetings": generated["meetings"],
        "stages": generated["timings"],
        "steps": {name: {k: step[k] for k in ("seconds", "cpu_seconds", "peak_bytes")} for name, step in steps.items()},
        "total_seconds": sum(step["seconds"] for step in steps.values()),
        "peak_bytes": max(step["peak_bytes"] for step in steps.values()),
        "mkdocs_warnings": warnings,
        "search_bundle_bytes": bundle,
        "search_groups": [{k: group[k] for k in ("bundle", "pages", "seconds", "peak_bytes")} for group in groups],
        "search_group_meetings": group_meetings or search_group_default(),
        **sizes,
    }


def serve_edit(size: int, seed: int, work: Path, edits: int = 3, port: int = 8765) -> dict:
    """``mkdocs serve --dirty`` on a synthetic archive: seconds from saving an edited minutes file to
    its page being served with the edit (the first build is full; later ones regenerate what changed)."""
    import urllib.request

    source = corpus(size, seed, work)
    project = work / f"serve-{size}-s{seed}"
    subprocess.run(["rm", "-rf", str(project)], check=True)
    shutil.copytree(source, project / "minutes_src")
    (project / "docs").mkdir()
    config = mkdocs_config(project, project / "minutes_src")
    data = json.loads(config.read_text())
    data["watch"] = [str(project / "minutes_src")]
    config.write_text(json.dumps(data, indent=2) + "\n")
    started = time.perf_counter()
    with open(project / "serve.log", "w") as log:  # the server writes through its own copy
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-f", str(config),
                                    "-a", f"127.0.0.1:{port}"], cwd=project, stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, "ARCHIVE_SRC": str(project / "minutes_src"),
                                        "NO_MKDOCS_2_WARNING": "1"})
    try:
        while "Serving on" not in (project / "serve.log").read_text():
            if process.poll() is not None:
                raise RuntimeError((project / "serve.log").read_text()[-3000:])
            time.sleep(0.5)
        first = time.perf_counter() - started
        files = sorted((project / "minutes_src").glob("*/*/*.txt"))
        results = []
        for number in range(edits):
            path = files[(number * 7919) % len(files)]
            meeting = f"{path.parent.parent.name}/{path.parent.name}/{path.stem}"
            marker = f"Redigeringsprove{number}x"
            text = path.read_text(encoding="utf-8")
            # A word added inside the text of a case (" og " is in every one), not a line of its own that
            # could change the document's structure.
            edited = text.replace(" og ", f" og {marker} ", 1)
            saved = time.perf_counter()
            path.write_text(edited, encoding="utf-8")
            url = f"http://127.0.0.1:{port}/{meeting}/"
            while True:
                try:
                    with urllib.request.urlopen(url, timeout=5) as response:
                        if marker in response.read().decode("utf-8", "replace"):
                            break
                except OSError:
                    pass
                if time.perf_counter() - saved > 600:
                    raise RuntimeError(f"{url} did not show the edit within 600 s")
                time.sleep(0.2)
            results.append(time.perf_counter() - saved)
            time.sleep(3)  # let the rebuild triggered by the written pages settle
        return {"meetings": size, "first_build_seconds": first, "edit_seconds": results}
    finally:
        process.terminate()
        process.wait(30)


def search_group_default() -> int:
    from ..site.search import group_limit
    return group_limit()


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except OSError:
        memory = 0
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def show(results: list[dict], only_last: bool = False) -> str:
    """The results as text; the cost per meeting of every size is compared with the first size's."""
    first = results[0]
    lines = []
    mb = 1024 * 1024
    for r in results[-1:] if only_last else results:
        n = r["meetings"]
        steps = r["steps"]
        generator, mkdocs, search = steps["generator"], steps["mkdocs"], steps["search"]
        lines += [
            f"== {n} meetings",
            "  generator: " + ", ".join(f"{k} {v:.1f} s" for k, v in r["stages"].items())
            + f"; total {generator['seconds']:.1f} s ({n / generator['seconds']:.0f} meetings/s), "
              f"cpu {generator['cpu_seconds']:.1f} s, peak {generator['peak_bytes'] / mb:.0f} MB",
            (f"  mkdocs build: {mkdocs['seconds']:.1f} s, peak {mkdocs['peak_bytes'] / mb:.0f} MB"
             f" ({r['mkdocs_warnings']} warnings)"),
            (f"  search index: {search['seconds']:.1f} s, peak {search['peak_bytes'] / mb:.0f} MB,"
             f" bundles {r['search_bundle_bytes'] / mb:.1f} MB; {len(r['search_groups'])} search group(s) of at most"
             f" {r['search_group_meetings']} meetings (largest {max(g['pages'] for g in r['search_groups'])}),"
             f" Pagefind peak per process {max(g['peak_bytes'] for g in r['search_groups']) / mb:.0f} MB (max over groups)"),
            (f"  full site: {r['total_seconds']:.1f} s, peak {r['peak_bytes'] / mb:.0f} MB;"
             f" site {r['site_bytes'] / mb:.0f} MB, {r['html_pages']} pages"),
            (f"  meeting pages: mean {r['mean_meeting_page_bytes'] / 1024:.1f} KB, largest"
             f" {r['largest_meeting_page_bytes'] / 1024:.1f} KB; largest other page"
             f" {r['largest_other_page_bytes'] / 1024:.1f} KB ({r['largest_other_page']})"),
        ]
        if r is not first:
            def per_meeting(result: dict, name: str) -> float:
                return result["steps"][name]["seconds"] / result["meetings"]
            ratio = (r["total_seconds"] / n) / (first["total_seconds"] / first["meetings"])
            parts = ", ".join(f"{name} {per_meeting(r, name) / per_meeting(first, name):.2f}x"
                              for name in ("generator", "mkdocs", "search"))
            lines.append(f"  cost per meeting vs {first['meetings']}: {ratio:.2f}x ({parts})")
    return "\n".join(lines)


def bench_command(sizes: list[int] | None = None, large: bool = False, group_meetings: int | None = None,
                  seed: int = 1, work: Path = ROOT / ".bench", report: Path | None = None, serve: bool = False,
                  command_line: str = "python -m generator bench") -> int:
    """``python -m generator bench``: every size through every step, printed as it finishes;
    ``report`` also gets the results as JSON, with ``command_line`` (how they were measured)."""
    sizes = list(sizes or DEFAULT_SIZES)
    if large and LARGE_SIZE not in sizes:
        sizes.append(LARGE_SIZE)
    work.mkdir(parents=True, exist_ok=True)
    if serve:
        for size in sizes:
            result = serve_edit(size, seed, work.resolve())
            print(f"== {size} meetings, mkdocs serve --dirty: first build {result['first_build_seconds']:.0f} s; "
                  f"edit to page: " + ", ".join(f"{s:.1f} s" for s in result["edit_seconds"]), flush=True)
        return 0
    print(f"machine: {machine()}", flush=True)
    results = []
    for size in sizes:
        results.append(bench_size(size, seed, work.resolve(), group_meetings))
        print(show(results, only_last=True), flush=True)
    if report:
        report.write_text(json.dumps({"machine": machine(), "command": command_line, "results": results},
                                     indent=2) + "\n")
    return 0
