"""The CI files cannot run here, so check what can be checked: they parse, call only Makefile
targets that exist, and publish the way each host expects."""
from __future__ import annotations

import re
import shlex

import yaml

from conftest import ROOT, copy_project, mkdocs_build

GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text()
    return {match.group(1) for match in re.finditer(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, re.M)}


def make_calls(commands: list[str]) -> list[str]:
    """Targets of every ``make X`` in shell commands."""
    targets = []
    for command in commands:
        for line in command.splitlines():
            for part in re.split(r"&&|\|\||;", line):
                words = shlex.split(part, comments=True)
                if words and words[0] == "make":
                    targets += [w for w in words[1:] if not w.startswith("-") and "=" not in w]
    return targets


def github() -> dict:
    return yaml.safe_load(GITHUB.read_text())


def gitlab() -> dict:
    return yaml.safe_load(GITLAB.read_text())


def github_runs(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def gitlab_scripts(pipeline: dict) -> list[str]:
    return [line for job in pipeline.values() if isinstance(job, dict)
            for key in ("before_script", "script", "after_script") for line in job.get(key, [])]


def test_every_make_target_the_workflows_call_exists():
    targets = makefile_targets()
    for calls in (make_calls(github_runs(github())), make_calls(gitlab_scripts(gitlab()))):
        assert calls, "a workflow that calls no make target does not run what developers run"
        missing = sorted(set(calls) - targets)
        assert not missing, f"make targets called by CI but missing from the Makefile: {missing}"


def test_both_pipelines_test_check_build_and_check_links_in_that_order():
    for calls in (make_calls(github_runs(github())), make_calls(gitlab()["pages"]["script"])):
        order = [target for target in calls if target in ("test", "check", "site", "linkcheck")]
        assert order == ["test", "check", "site", "linkcheck"]


def test_github_deploys_with_the_official_pages_actions_on_main_only():
    workflow = github()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = {step["uses"].split("@")[0]: step for step in build["steps"] if "uses" in step}
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert "if" not in uses["actions/upload-pages-artifact"], "pull requests upload the site too"
    assert "pull_request" in uses["actions/configure-pages"]["if"]
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["needs"] == "build"
    assert "github.event_name == 'push'" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_gitlab_pages_job_publishes_public_from_the_default_branch():
    pipeline = gitlab()
    pages = pipeline["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert any(re.search(r"\bmv site public\b", line) for line in pages["script"])
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert "site" in pipeline["test"]["artifacts"]["paths"]


def test_ci_entry_point_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_offline_variant_builds_strictly_with_file_urls(tmp_path):
    """`mkdocs-offline.yml` (README: a file share, no server) builds without warnings, linking index.html files."""
    result = mkdocs_build(copy_project(tmp_path), "-f", "mkdocs-offline.yml", ARCHIVE_SEARCH="0")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "site" / "grenland" / "kdk" / "2023-08-22.html").read_text(encoding="utf-8")
    assert 'href="../../index.html"' in page and 'href="index.html"' in page
    assert not re.search(r'(?:href|src)="/', page), "no root-absolute URL: it must open from any folder"


def test_fuzzing_runs_ten_minutes_on_a_schedule_outside_make_test():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "fuzz.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["schedule"] and "push" not in triggers and "pull_request" not in triggers
    runs = github_runs(workflow)
    assert make_calls(runs) == ["fuzz"]
    job = gitlab()["fuzz"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}] and make_calls(job["script"]) == ["fuzz"]
    fuzzers = [line for line in (ROOT / "Makefile").read_text().split("\nfuzz:")[1].split("\n\n")[0].splitlines()
               if "--seconds $(FUZZ_SECONDS)" in line]
    for command in (*runs, *job["script"]):
        seconds = int(re.search(r"FUZZ_SECONDS=(\d+)", command).group(1))
        assert seconds * len(fuzzers) >= 600, "ten minutes in all"
