"""The CI files cannot run here, so check what can be checked: they parse, call only Makefile
targets that exist, and publish the way each host expects."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

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
        order = [target for target in calls if target in ("test", "check", "site", "publish-incremental", "linkcheck")]
        assert order == ["test", "check", "publish-incremental", "linkcheck"]


# -- the incremental publish's state in the CI cache (generator/site/publish.py) --------------------------

# What turns the same sources into other bytes: the paths the GitHub cache key hashes, and
# generator/site/publish.py's own key (KEY_PATHS), which decides a clean build whatever the cache restored.
KEYED = ["generator/**", "overrides/**", "requirements.lock", "requirements-maintained.lock", "pyproject.toml",
         "mkdocs*.yml"]


def test_github_keeps_the_publish_state_in_the_cache_keyed_by_code_templates_and_lock_files():
    from generator.site.publish import KEY_PATHS

    steps = github()["jobs"]["build"]["steps"]
    caches = steps_using({"steps": steps}, "actions/cache")
    assert len(caches) == 1
    cache = caches[0]["with"]
    assert cache["path"] == ".publish-state"
    hashed = re.fullmatch(r"publish-state-\$\{\{ hashFiles\((.*)\) \}\}-\$\{\{ github\.run_id \}\}", cache["key"])
    assert hashed, cache["key"]  # a cache entry is never overwritten: each run saves its own
    assert [part.strip().strip("'") for part in hashed.group(1).split(",")] == KEYED
    assert cache["restore-keys"].strip() == cache["key"].rsplit("-${{", 1)[0] + "-", \
        "restore only a state of the same code: another code's state is a clean build anyway"
    for path in KEY_PATHS:  # every path the state's own key hashes is in the cache key
        assert any(path == pattern or re.fullmatch(pattern.replace("**", ".*").replace("*", ".*"), path)
                   or pattern.startswith(f"{path}/") for pattern in KEYED), path
    names = [step.get("uses", "").split("@")[0] or step.get("run") for step in steps]
    assert names.index("actions/checkout") + 1 == names.index("actions/cache") < names.index("make test"), \
        "restored right after the checkout: make test writes __pycache__ into generator/, which hashFiles would hash"
    assert names.index("actions/cache") < names.index("make publish-incremental")


def test_gitlab_keeps_the_publish_state_in_the_cache_of_the_jobs_that_publish():
    pipeline = gitlab()
    for name in ("pages", "test"):
        job = pipeline[name]
        assert job["extends"] == ".publish-state" and "publish-incremental" in make_calls(job["script"])
    caches = pipeline[".publish-state"]["cache"]
    state = [cache for cache in caches if cache["paths"] == [".publish-state"]]
    assert len(state) == 1
    # cache:key:files takes at most two files: the lock file and the MkDocs configuration; the state's
    # own key covers the rest (generator, templates, overrides)
    assert state[0]["key"] == {"prefix": "publish-state", "files": ["requirements.lock", "mkdocs.yml"]}
    assert {"paths": [".cache/pip"]} in caches, "the jobs keep the pip cache too"
    for name, job in pipeline.items():  # no other job uploads a state it did not build
        if isinstance(job, dict) and name not in ("pages", "test", ".publish-state"):
            assert job.get("extends") != ".publish-state" and ".publish-state" not in str(job.get("cache", "")), name


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
    assert pages["rules"] == [{"if": '$ARCHIVE_SHARDS == "on"', "when": "never"},  # shard-pages publishes
                              {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
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


# -- the sharded build (README, "Shards in CI"; tests/test_matrix.py runs it) ------------------------

SHARDED = ROOT / ".github" / "workflows" / "sharded.yml"
# The run steps that are not a bare `make` call, each documented where it stands.
ONE_LINERS = {
    'echo "shards=$(make -s shard-list)" >> "$GITHUB_OUTPUT"',  # sharded.yml: the matrix as a job output
    "rm -rf public && mv site public",  # GitLab Pages publishes public/
}


def sharded() -> dict:
    return yaml.safe_load(SHARDED.read_text())


def job_runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").split("@")[0] == action]


def test_every_run_step_is_a_make_target_or_a_documented_one_liner():
    gitlab_lines = gitlab_scripts(gitlab())
    for path, lines in ((SHARDED, github_runs(sharded())), (GITHUB, github_runs(github())),
                        (GITLAB, gitlab_lines)):
        for line in lines:
            words = shlex.split(line)
            bare = re.sub(r"\$\{\{[^}]*\}\}|\$PART\b", "X", line)  # matrix values, filled in by the host
            plain_make = words[0] == "make" and not set("|&;><$()`") & set(bare)
            assert plain_make or line in ONE_LINERS, f"{path.name}: not a Makefile target: {line!r}"


def test_sharded_github_job_graph_and_matrix_source():
    jobs = sharded()["jobs"]
    assert {name: job.get("needs") for name, job in jobs.items()} == \
        {"docs": None, "shard": "docs", "merge": "shard", "deploy": "merge"}
    docs = jobs["docs"]
    assert jobs["shard"]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.docs.outputs.shards) }}"
    assert docs["outputs"]["shards"] == "${{ steps.list.outputs.shards }}"
    listing = next(step for step in docs["steps"] if step.get("id") == "list")
    assert listing["run"] in ONE_LINERS and "make -s shard-list" in listing["run"]
    assert make_calls(job_runs(jobs["shard"])) == ["site"]
    assert "SHARD=${{matrix.shard}} GENERATE=0" in job_runs(jobs["shard"])[0], "docs/ comes from the docs job"
    assert make_calls(job_runs(jobs["merge"])) == ["merge", "linkcheck"]
    assert [step["uses"].split("@")[0] for step in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_sharded_github_artifacts_carry_only_what_the_next_job_needs():
    from generator.site.shards import ARTIFACT_PREFIX

    jobs = sharded()["jobs"]
    (docs_upload,) = steps_using(jobs["docs"], "actions/upload-artifact")
    assert docs_upload["with"]["path"] == "docs/" and docs_upload["with"]["include-hidden-files"] is True
    (docs_download,) = steps_using(jobs["shard"], "actions/download-artifact")
    assert docs_download["with"] == {"name": docs_upload["with"]["name"], "path": "docs/"}
    (shard_upload,) = steps_using(jobs["shard"], "actions/upload-artifact")
    assert shard_upload["with"]["name"] == ARTIFACT_PREFIX + "${{ matrix.shard }}"
    assert shard_upload["with"]["path"] == ".shards/${{ matrix.shard }}/site/"
    (shard_download,) = steps_using(jobs["merge"], "actions/download-artifact")
    assert shard_download["with"]["pattern"] == ARTIFACT_PREFIX + "*" and shard_download["with"]["path"] == ".shards/"
    assert "merge-multiple" not in shard_download["with"], "one folder per shard: .shards/shard-<name>/"
    (pages_upload,) = steps_using(jobs["merge"], "actions/upload-pages-artifact")
    assert pages_upload["with"]["path"] == "site"


def test_one_of_the_two_github_workflows_deploys_chosen_by_the_repository_variable():
    assert sharded()["jobs"]["docs"]["if"] == "vars.ARCHIVE_SHARDS == 'on'"
    assert "vars.ARCHIVE_SHARDS != 'on'" in github()["jobs"]["deploy"]["if"]


def test_sharded_gitlab_jobs_graph_matrix_and_artifacts():
    pipeline = gitlab()
    assert [pipeline[name]["needs"] for name in ("shard", "shard-merge", "shard-pages")] == \
        [["shard-docs"], ["shard"], ["shard-merge"]]
    shard = pipeline["shard"]
    parts = shard["parallel"]["matrix"][0]["PART"]
    (command,) = shard["script"]
    assert make_calls([command]) == ["site"] and "GENERATE=0" in command
    assert f"SHARD=part-$PART PARTS={len(parts)}" in command, "PARTS is the number of matrix jobs"
    assert parts == [str(number) for number in range(1, len(parts) + 1)]
    assert pipeline["shard-docs"]["artifacts"]["paths"] == ["docs"]
    assert shard["artifacts"]["paths"] == [".shards/part-$PART/site"]
    assert make_calls(pipeline["shard-merge"]["script"]) == ["merge", "linkcheck"]
    pages = pipeline["shard-pages"]
    assert pages["pages"] is True and pages["artifacts"]["paths"] == ["public"]
    for name in ("shard-docs", "shard", "shard-merge"):
        assert pipeline[name]["extends"] == ".sharded"
    assert pipeline[".sharded"]["rules"][0]["if"].startswith('$ARCHIVE_SHARDS == "on"')
    assert pages["rules"][0]["if"].startswith('$ARCHIVE_SHARDS == "on" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH')


def test_ci_files_validate_against_their_hosts_schemas():
    """check-jsonschema ships GitHub's and GitLab's schemas (vendored): no network needed."""
    import subprocess
    import sys

    checker = Path(sys.executable).with_name("check-jsonschema")
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    for schema, files in (("vendor.github-workflows", workflows), ("vendor.gitlab-ci", [GITLAB])):
        result = subprocess.run([str(checker), "--builtin-schema", schema, *map(str, files)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
