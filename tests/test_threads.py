"""Case threads, case permalinks and open follow-ups (generator/views/threads.py) on the synthetic chain
archive and the sample archive."""
from __future__ import annotations

import re

import pytest
from chain import CHAIN, build_chain, mkdocs_site, section

from generator.link import link
from generator.render.indexes import forwarding_pages
from generator.views.threads import all_steps, case_threads, case_year, follow_up_cue

STEPS = [("testregionen/tu/2021-02-01", "sak-10-21", "10/21"), ("testregionen/tu/2021-03-01", "sak-20-21", "20/21"),
         ("testregionen/tu/2021-04-12", "sak-30-21", "30/21")]
THREAD = "testregionen/tu/saksgang/2021-02-01-sak-10-21"


def threads_of(archive):
    return case_threads(archive, all_steps(archive))




def test_three_step_chain_is_one_thread_in_date_order(chain):
    result, _ = chain
    (thread,) = [t for t in result.views.threads if t.path == THREAD]
    assert [(s.meeting_id, s.anchor, s.number) for s in thread.steps] == STEPS
    assert [(c.source, c.target, c.text) for c in thread.citations] == [(1, 0, "sak 10/21"), (2, 1, "sak 20/21")]
    assert [s.conclusion for s in thread.steps][2] == "Avtalen ble godkjent."


def test_each_step_page_shows_the_whole_thread(chain):
    _, out = chain
    for meeting_id, anchor, number in STEPS:
        page = (out / f"{meeting_id}.md").read_text(encoding="utf-8")
        block = section(page, anchor)
        assert "**Saksgang**" in block and "saksgang/2021-02-01-sak-10-21.md" in block
        for other_id, other_anchor, other_number in STEPS:
            label = f"TU sak {other_number}"
            assert label in block, (meeting_id, label)
            if other_anchor == anchor:
                assert re.search(rf"\*\*[^*\n]*{re.escape(label)}[^*\n]*\*\* \*\(denne saken\)\*", block)
            else:
                assert f"{other_id.rsplit('/', 1)[1]}.md#{other_anchor}>" in block


def test_thread_page_lists_every_step_both_directions(chain):
    _, out = chain
    page = (out / f"{THREAD}.md").read_text(encoding="utf-8")
    steps = [section(page, f"steg-{n}") for n in (1, 2, 3)]
    for (meeting_id, anchor, number), text in zip(STEPS, steps):
        assert f"TU sak {number}" in text and f"{meeting_id.rsplit('/', 1)[1]}.md#{anchor}>" in text
    assert "**Fulgt opp i:** [steg 2](#steg-2)" in steps[0] and "Viser til" not in steps[0]
    assert "**Viser til:** [steg 1](#steg-1)" in steps[1] and "**Fulgt opp i:** [steg 3](#steg-3)" in steps[1]
    assert "**Viser til:** [steg 2](#steg-2)" in steps[2] and "Fulgt opp i" not in steps[2]
    assert "Avtalen ble godkjent" in steps[2]
    assert "tags:\n  - \"Testutstyr\"" in page


def test_thread_does_not_change_when_a_later_meeting_is_added(chain):
    result, _ = chain
    meetings = result.archive.meetings
    earlier = [m for m in meetings if m.id != STEPS[2][0]]
    before = [t for t in threads_of(link(result.archive.organisations, earlier)) if t.path == THREAD]
    after = [t for t in threads_of(link(result.archive.organisations, meetings)) if t.path == THREAD]
    assert [s.number for s in before[0].steps] == ["10/21", "20/21"]
    assert after[0].steps[:2] == before[0].steps


def test_meeting_references_do_not_join_threads(chain):
    result, _ = chain
    # sak 20/21 says "Neste møte 12.4" (a resolved meeting reference): no thread with sak 31/21 or 32/21
    assert all(len(t.steps) == 3 for t in result.views.threads if t.path == THREAD)
    assert {s.number for t in result.views.threads for s in t.steps} == {"10/21", "20/21", "30/21"}


def test_permalinks_forward_to_the_case_and_exist_only_for_cases_in_the_archive(chain):
    _, out = chain
    pages = forwarding_pages(out)
    page = pages["testregionen/tu/sak/2021/20/index.html"]
    # served as /testregionen/tu/sak/2021/20/, three folders below the body's folder
    assert '<meta http-equiv="refresh" content="0; url=../../../2021-03-01/#sak-20-21">' in page
    assert '<a href="../../../2021-03-01/#sak-20-21">2021-03-01: Testutstyr – forslag til avtale</a>' in page
    assert not any(path.startswith("testregionen/tu/sak/2020/99/") for path in pages)
    assert not (out / "testregionen/tu/sak").exists()  # listed for the MkDocs hook, not written into docs/
    meeting = (out / "testregionen/tu/2021-04-12.md").read_text(encoding="utf-8")
    assert "sak 99/20 *(ikke i arkivet)*" in meeting and "sak/2020/99" not in meeting
    assert "[Fast lenke til saken](<sak/2021/30/index.html>)" in meeting
    register = (out / "testregionen/tu/saker.md").read_text(encoding="utf-8")
    assert "| [20/21](<sak/2021/20/index.html>) |" in register


def test_a_number_used_twice_lists_both_cases_and_does_not_forward(chain):
    _, out = chain
    page = forwarding_pages(out)["proveregionen/ps/sak/2021/5/index.html"]
    assert "http-equiv" not in page
    assert 'href="../../../2021-05-05/#sak-5-21">2021-05-05: Budsjett for prøveåret' in page
    assert 'href="../../../2021-05-05/#sak-5-21-2">2021-05-05: Regnskap for prøveåret' in page


def test_permalink_page_escapes_source_text():
    from generator.model import Body, Organisation
    from generator.render.indexes import forwarding_page
    from generator.views.threads import CasePermalink, Step

    step = Step("o/b/2021-01-01", "o", "b", "2021-01-01", "sak-1-21", "1/21", "1/21", "<script>x</script> & co",
                None, 0)
    body = Body("b", "Utvalg <b>", "U")
    page = forwarding_page(CasePermalink("o", "b", 2021, 1, "1/21", (step,)), {("o", "b"): (Organisation("o", "O", "O"), body)})
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt; &amp; co" in page and "Utvalg &lt;b&gt;" in page


def test_sample_97_20_shows_66_20_as_not_in_the_archive(sample):
    _, out = sample
    meeting = section((out / "grenland/kdk/2020-12-14.md").read_text(encoding="utf-8"), "sak-97-20")
    assert "Oppfølging av sak 66/20 *(ikke i arkivet)*" in meeting
    assert "- sak 66/20 *(ikke i arkivet)*" in meeting
    pages = forwarding_pages(out)
    assert "grenland/kdk/sak/2020/97/index.html" in pages
    assert not any(path.startswith("grenland/kdk/sak/2020/66/") for path in pages)
    assert "sak/2020/66" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.md"))


def test_open_follow_ups_leave_out_what_a_later_case_picked_up(chain):
    result, out = chain
    open_numbers = [f.step.number for f in result.views.follow_ups[("testregionen", "tu")]]
    assert open_numbers == ["32/21"]  # 10/21 and 20/21 assign work too, but 20/21 and 30/21 refer to them
    page = (out / "testregionen/tu/oppfolging.md").read_text(encoding="utf-8")
    assert "| [2021-04-12](<2021-04-12.md#sak-32-21>) | 32/21 Nye rutiner for møteinnkalling | «følger opp» |" in page
    assert "10/21" not in page and "20/21" not in page
    assert "*Ingen åpne oppfølginger.*" in (out / "proveregionen/ps/oppfolging.md").read_text(encoding="utf-8")
    index = (out / "oppfolging.md").read_text(encoding="utf-8")
    assert "| [Testutvalget](<testregionen/tu/oppfolging.md>) | Testregionen | 1 | 2021-04-12 |" in index
    assert "| [Prøvestyret](<proveregionen/ps/oppfolging.md>) | Prøveregionen | 0 |  |" in index


def test_threads_are_listed_per_body(chain):
    _, out = chain
    page = (out / "testregionen/tu/saksganger.md").read_text(encoding="utf-8")
    assert "| [Felles innkjøp av testutstyr](<saksgang/2021-02-01-sak-10-21.md>) | 2021-02-01 | 2021-04-12 | 3 |" in page
    assert "| [Testutvalget](<testregionen/tu/saksganger.md>) | Testregionen | 1 |" in \
        (out / "saksganger.md").read_text(encoding="utf-8")
    body = (out / "testregionen/tu/index.md").read_text(encoding="utf-8")
    assert "[Saksganger](<saksganger.md>) · [Åpne oppfølginger](<oppfolging.md>)" in body


@pytest.mark.parametrize("decision, cue", [
    ("Arbeidsgruppa følger opp videre arbeid.", "følger opp"),
    ("Daglig leder fremmer sak til neste KDK 20. september.", "fremmer sak"),
    ("Sekretariatet kommer tilbake til saken.", "kommer tilbake til"),
    ("Rådmennene melder tilbake om avklaringer.", "melder tilbake"),
    ("Karin utarbeider felles sak. Saken skal først legges frem.", "utarbeider"),
    ("Referatet ble godkjent uten merknader.", None),
    ("Saken tas til orientering.", None),
    (None, None),
])
def test_follow_up_cues(decision, cue):
    assert follow_up_cue(decision) == cue


@pytest.mark.parametrize("key, date, year", [
    ("66/20", "2020-12-14", 2020), ("1/10", "2010-01-08", 2010), ("99/99", "2000-01-05", 1999),
    ("12/21", "2020-12-14", 2021), ("3", "2014-06-20", None), ("5.1", "2014-06-20", None),
])
def test_case_year(key, date, year):
    assert case_year(key, date) == year


@pytest.mark.slow
def test_fixture_site_builds_strict_with_every_new_page(tmp_path):
    result = mkdocs_site(tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr
    site = tmp_path / "site"
    for page in (f"{THREAD}/", "testregionen/tu/sak/2021/10/", "saksganger/", "oppfolging/", "personer/",
                 "personer/testregionen/kari-testesen/", "kommuner/provekommune/", "emner/", "emner/testutstyr/"):
        assert (site / page / "index.html").is_file(), page
    html = (site / "testregionen/tu/2021-02-01/index.html").read_text(encoding="utf-8")
    assert 'class="md-tag"' in html and "Testutstyr" in html
    assert CHAIN.is_dir()


@pytest.mark.slow
def test_source_text_in_thread_titles_cannot_inject_html(tmp_path):
    import shutil

    src = tmp_path / "src"
    shutil.copytree(CHAIN, src)
    minutes = src / "testregionen/tu/2021-02-01.txt"
    minutes.write_text(minutes.read_text(encoding="utf-8").replace(
        "Sak 10/21: Felles innkjøp av testutstyr", 'Sak 10/21: Felles innkjøp av <img src=x onerror="alert(1)"> testutstyr'),
        encoding="utf-8")
    docs = build_chain(tmp_path / "docs", src)
    page = (tmp_path / "docs" / f"{THREAD}.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "Saksgang: Felles innkjøp av &lt;img src=x onerror=&#34;alert(1)&#34;&gt; testutstyr"')
    assert docs.errors == []
    work = tmp_path / "site"
    work.mkdir()
    result = mkdocs_site(work, src)
    assert result.returncode == 0, result.stderr[-3000:]
    for html in (work / "site").rglob("*.html"):
        assert "<img src=x" not in html.read_text(encoding="utf-8"), html
