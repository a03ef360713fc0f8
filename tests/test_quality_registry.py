"""The data-quality registry (generator/views/quality.py: CHECKS) holds every check: each finding the
build emits carries a registered code (or "", the catch-all of reading problems), each check that
looks at the archive still finds its invented example, and every code the source writes is registered.

The invented body below has one example of every check, written to trigger it: a reference to a case
not in the archive, a case number used twice, a case without a decision in a body that records
decisions, one person spelled two ways, a meeting without attendees, and a broken people.yml."""
from __future__ import annotations

import ast
import shutil

import pytest
from conftest import ROOT, SAMPLE

from generator.build import build
from generator.model import Diagnostic
from generator.views.quality import CHECKS, QualityInput, sections

BODY = "oppdiktet/styret"

INVENTED = {
    "oppdiktet/organisation.yml": "name: Oppdiktet region\nshort_name: Oppdiktet\n",
    f"{BODY}/body.yml": "name: Oppdiktet styre\nshort_name: OS\n",
    f"{BODY}/2024-01-10.txt": (
        "Oppdiktet styre 10. januar 2024\n\nSted: Rådhuset\n\nTil stede:\n\n- Ola Prøvesen/Diktby\n"
        "- Kari Lager/Diktby\n\n"
        "Sak 1/24: Budsjett\n\nKonklusjon:\n\nBudsjettet ble vedtatt.\n\n"
        "Sak 2/24: Oppfølging av sak 9/23\n\nStyret fulgte opp sak 9/23.\n\nKonklusjon:\n\nTatt til etterretning.\n"),
    f"{BODY}/2024-02-14.txt": (
        "Oppdiktet styre 14. februar 2024\n\nSted: Rådhuset\n\nTil stede:\n\n- Ola O. Prøvesen/Diktby\n"
        "- Kari Lager/Diktby\n\n"
        "Sak 1/24: Regnskap\n\nKonklusjon:\n\nRegnskapet ble godkjent.\n\n"
        "Sak 3/24: Veien videre\n\nStyret drøftet veien videre.\n"),
    f"{BODY}/2024-03-13.txt": (
        "Oppdiktet styre 13. mars 2024\n\nSted: Rådhuset\n\n"
        "Sak 4/24: Årsmelding\n\nKonklusjon:\n\nÅrsmeldingen ble godkjent.\n"),
    "people.yml": "merge:\n  - name: [Ola Prøvesen\n",  # an unclosed list: not YAML
}

# code -> (file, line) of its invented example; every registered check but the catch-all has one
EXAMPLES = {
    "unresolved-reference": (f"{BODY}/2024-01-10.txt", 16),
    "duplicate-case": (f"{BODY}/2024-02-14.txt", 10),
    "no-decision": (f"{BODY}/2024-02-14.txt", 16),
    "name-variants": (f"{BODY}/2024-01-10.txt", 7),  # "Ola Prøvesen", taken to be "Ola O. Prøvesen"
    "no-attendees": (f"{BODY}/2024-03-13.txt", 1),
    "editorial": ("people.yml", 3),
}


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    """The sample archive with the invented body and broken people.yml, built (docs and diagnostics)."""
    work = tmp_path_factory.mktemp("registry")
    src = work / "src"
    shutil.copytree(SAMPLE, src)
    for relative, text in INVENTED.items():
        (src / relative).parent.mkdir(parents=True, exist_ok=True)
        (src / relative).write_text(text, encoding="utf-8")
    return build(src, work / "docs"), work / "docs"


def places(diagnostics: list[Diagnostic], code: str) -> set[tuple[str, int]]:
    return {(d.path, d.line) for d in diagnostics if d.code == code}


def test_every_check_but_the_catch_all_has_an_invented_example():
    assert set(EXAMPLES) == set(CHECKS) - {""}


def test_every_emitted_finding_has_a_registered_code(invented):
    result, _ = invented
    assert result.diagnostics
    unregistered = [str(d) for d in result.diagnostics if d.code not in CHECKS]
    assert not unregistered


def test_each_invented_example_is_found_by_its_check(invented):
    result, docs = invented
    page = (docs / BODY / "datakvalitet.md").read_text(encoding="utf-8")
    for code, place in EXAMPLES.items():
        assert place in places(result.diagnostics, code), (code, places(result.diagnostics, code))
        if place[0].startswith(BODY):
            assert f"{{ #{code} }}" in page, code
    assert "{ #andre }" not in page  # nothing in the invented body left to the catch-all


@pytest.mark.parametrize("code", [code for code, check in CHECKS.items() if check.find is not None])
def test_each_check_function_finds_its_example_and_only_its_own_code(invented, code):
    result, _ = invented
    found = list(CHECKS[code].find(QualityInput(result.archive, result.views)))
    assert EXAMPLES[code] in {(d.path, d.line) for d in found}
    assert {d.code for d in found} == {code}


def test_reading_problems_are_grouped_by_their_code_not_their_words():
    """The parser sets "no-attendees" itself: the same words without the code are a reading problem."""
    coded = Diagnostic("a/b/c.txt", 1, "warning", "no attendees found", "no-attendees")
    uncoded = Diagnostic("a/b/c.txt", 1, "warning", "no attendees found")
    assert [s.code for s in sections([coded])] == ["no-attendees"]
    (other,) = sections([uncoded])
    assert (other.code, other.title) == ("", "Andre funn ved innlesing")


def code_literals() -> dict[str, list[str]]:
    """Every code written in generator/: ``code="..."`` in any call and a Diagnostic's fifth argument,
    code -> where (``file:line``); a Diagnostic whose code is computed is listed under ``None``."""
    found: dict = {}
    for path in sorted((ROOT / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            values = [k.value for k in node.keywords if k.arg == "code"]
            if name == "Diagnostic" and len(node.args) >= 5:
                values.append(node.args[4])
            for value in values:
                literal = value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
                if name == "Diagnostic" or literal is not None:
                    found.setdefault(literal, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_code_in_the_source_is_registered_and_every_check_is_emitted():
    literals = code_literals()
    assert None not in literals, literals.get(None)  # a computed code could name no check
    assert set(literals) - set(CHECKS) == set(), {c: literals[c] for c in set(literals) - set(CHECKS)}
    assert set(CHECKS) - {""} <= set(literals)  # a registered check that nothing emits is dead


def test_the_registry_is_in_page_order_and_ends_with_the_catch_all():
    assert list(CHECKS)[-1] == ""
    assert [check.code for check in CHECKS.values()] == list(CHECKS)
    assert all(check.title and check.advice for check in CHECKS.values())


def test_the_readme_lists_every_check():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    part = readme[readme.index("\n### Data quality\n"):]
    part = part[:part.index("\n### ", 1)]
    assert all(f"| `{code}` |" in part for code in CHECKS if code), part
