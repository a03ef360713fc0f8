"""Atom/RSS feeds and iCalendar files (generator/render/feeds.py), parsed back with feedparser and icalendar."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo
from urllib.parse import urljoin

import feedparser
import icalendar
import pytest
from chain import build_chain

from generator.views.announcements import Announcement, reference_date, upcoming
from generator.render.feeds import calendar, clean, feed_files
from generator.link import link
from generator.model import Body, Item, Meeting, Organisation


def parsed(path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("name, version", [("atom.xml", "atom10"), ("rss.xml", "rss20")])
def test_archive_feed_lists_every_meeting_newest_first(chain, name, version):
    result, out = chain
    feed = parsed(out / name)
    assert feed.version == version
    assert feed.feed.title == "Møtearkiv for regionale samarbeid"
    assert len(feed.entries) == len(result.archive.meetings) == 5
    dates = [entry.published_parsed[:3] for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.entries[0].title == "PS (Prøveregionen) 06.06.2021"
    base = "https://example.org/arkiv/" + name
    links = [urljoin(base, entry.link) for entry in feed.entries]
    for link_, meeting in zip(links, sorted(result.archive.meetings, key=lambda m: m.date, reverse=True)):
        assert link_ == f"https://example.org/arkiv/{meeting.id}/"
        assert (out / f"{meeting.id}.md").is_file()


@pytest.mark.parametrize("name", ["atom.xml", "rss.xml"])
def test_body_feed_has_only_that_body(chain, name):
    _, out = chain
    feed = parsed(out / "testregionen/tu" / name)
    assert [e.title for e in feed.entries] == ["TU (Testregionen) 12.04.2021", "TU (Testregionen) 01.03.2021",
                                               "TU (Testregionen) 01.02.2021"]
    assert urljoin("https://example.org/testregionen/tu/" + name, feed.entries[0].link) == \
        "https://example.org/testregionen/tu/2021-04-12/"
    assert "30/21 Avtale om felles innkjøp av testutstyr" in feed.entries[0].summary
    assert feed.entries[0].published_parsed[:5] == (2021, 4, 12, 8, 0)  # 10:00 in Oslo (summer time) is 08:00 UTC


def test_feeds_are_the_same_on_every_build(chain, tmp_path):
    _, out = chain
    again = tmp_path / "again"
    build_chain(again)
    for name in ("atom.xml", "rss.xml", "testregionen/tu/atom.xml", "testregionen/tu/moter.ics"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_sample_feeds_parse(sample):
    _, out = sample
    for path in sorted(out.rglob("*.xml")):
        feed = parsed(path)
        assert feed.version in ("atom10", "rss20")
    assert len(parsed(out / "atom.xml").entries) == 5


def test_ical_lists_the_announced_meetings(chain):
    _, out = chain
    cal = icalendar.Calendar.from_ical((out / "testregionen/tu/moter.ics").read_bytes())
    events = cal.walk("VEVENT")
    oslo = ZoneInfo("Europe/Oslo")
    # the held meetings with their time (2021-03-01 and 2021-04-12 were announced, and held), then the
    # announced date no meeting has been held on yet
    starts = [e.decoded("dtstart") for e in events]
    assert [s.astimezone(oslo).replace(tzinfo=None) if isinstance(s, dt.datetime) else s for s in starts] == \
        [dt.datetime(2021, 2, 1, 9, 0), dt.datetime(2021, 3, 1, 9, 0), dt.datetime(2021, 4, 12, 10, 0), dt.date(2021, 6, 7)]
    assert all(str(e["summary"]) == "Møte i Testutvalget" for e in events)
    held = events[1]
    assert held.decoded("dtend").astimezone(oslo).replace(tzinfo=None) == dt.datetime(2021, 3, 1, 11, 0)
    assert str(held["location"]) and str(held["url"]) == "2021-03-01/"
    assert "sak 11/21: Møtekalender 2021" in str(events[3]["description"])
    assert str(events[3]["url"]) == "2021-02-01/#sak-11-21"
    assert len({str(e["uid"]) for e in events}) == 4
    other = icalendar.Calendar.from_ical((out / "proveregionen/ps/moter.ics").read_bytes())
    assert [str(e["url"]) for e in other.walk("VEVENT")] == ["2021-05-05/", "2021-06-06/"]  # held only, none announced
    assert str(other["version"]) == "2.0"


def test_sample_ical_next_meeting_and_meeting_calendar(sample):
    _, out = sample
    grenland = icalendar.Calendar.from_ical((out / "grenland/kdk/moter.ics").read_bytes())
    dates = [e.decoded("dtstart") for e in grenland.walk("VEVENT")]
    dates = [d.date() if isinstance(d, dt.datetime) else d for d in dates]
    assert dates[:3] == [dt.date(2020, 12, 14), dt.date(2021, 1, 8), dt.date(2021, 2, 5)]  # held, then møtekalender 2021
    assert len(dates) == 14
    assert dates[-1] == dt.date(2023, 9, 20)  # "fremmer sak til neste KDK 20. september"
    kompetanse = icalendar.Calendar.from_ical((out / "kongsbergregionen/kompetanseregionen/moter.ics").read_bytes())
    assert [e.decoded("dtstart") for e in kompetanse.walk("VEVENT")][-1] == dt.date(2014, 9, 4)
    # "i sitt neste møte 15.8" is another group's meeting; "ekstra møte i Kompetanseforum" another body's


def test_body_page_links_feeds_and_calendar(chain):
    _, out = chain
    page = (out / "testregionen/tu/index.md").read_text(encoding="utf-8")
    for target in ("atom.xml", "rss.xml", "moter.ics"):
        assert f"(<{target}>)" in page
    # meetings first; only the announced dates after the newest meeting (2021-06-06) in a small box beside them
    box = page[page.index('!!! info inline end "Kommende møter"'):page.index("## 2021")]
    assert "    - mandag 7. juni 2021 (kunngjort [1. februar 2021](<2021-02-01.md#sak-11-21>))" in box
    assert "1. mars 2021" not in box and "12. april 2021" not in box  # announced, and held since


def test_upcoming_is_counted_from_source_date_epoch_and_links_a_held_meeting(monkeypatch):
    """With SOURCE_DATE_EPOCH before a meeting that was announced, the announcement is upcoming and links
    to the meeting page; without it, the newest meeting is the reference (never the clock)."""
    body = Body("b", "Utvalget", "U")
    org = Organisation("o", "Org", "O", bodies=(body,))
    announcing = Meeting("o/b/2021-01-10", "o/b/1.txt", "2021-01-10", org_slug="o", body_slug="b",
                         items=(Item("1/21", "1/21", "Eventuelt", "Neste møte 4.2.", None, anchor="sak-1-21"),))
    held = Meeting("o/b/2021-02-04", "o/b/2.txt", "2021-02-04", org_slug="o", body_slug="b")
    archive = link([org], [announcing, held])
    announced = {("o", "b"): (Announcement("2021-02-04", "o", "b", announcing.id, announcing.date, "sak-1-21", "1/21",
                                           "Eventuelt", "Neste møte 4.2."),
                              Announcement("2021-03-04", "o", "b", announcing.id, announcing.date, "sak-1-21", "1/21",
                                           "Eventuelt", "Neste møte 4.3."))}
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert reference_date(archive) == "2021-02-04"
    assert [(u.announcement.date, u.held) for u in upcoming(archive, announced, reference_date(archive))[("o", "b")]] == \
        [("2021-03-04", None)]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2021, 1, 20, tzinfo=dt.UTC).timestamp())))
    assert reference_date(archive) == "2021-01-20"
    assert [(u.announcement.date, u.held) for u in upcoming(archive, announced, reference_date(archive))[("o", "b")]] == \
        [("2021-02-04", "o/b/2021-02-04"), ("2021-03-04", None)]


def test_home_page_shows_bodies_with_years_and_counts_and_upcoming_meetings(chain):
    _, out = chain
    home = (out / "index.md").read_text(encoding="utf-8")
    assert "- [Testutvalget](<testregionen/tu/index.md>) · 3 møter, 2021 · [saksregister]" in home
    upcoming_section = home[home.index("## Kommende møter"):home.index("## Siste møter")]
    assert "- mandag 7. juni 2021 – Testutvalget" in upcoming_section


def test_control_characters_in_sources_do_not_break_feeds():
    body = Body("b", "Utvalg\x0b", "U")
    org = Organisation("o", "Org", "O", bodies=(body,))
    meeting = Meeting("o/b/2021-01-01", "o/b/x.txt", "2021-01-01", org_slug="o", body_slug="b",
                      items=(Item("1/21", "1/21", "Tittel\x00 med\x1f kontrolltegn", "", None, anchor="sak-1-21"),))
    files = feed_files(link([org], [meeting]))
    for name in ("atom.xml", "rss.xml", "o/b/atom.xml"):
        feed = feedparser.parse(files[name])
        assert not feed.bozo and "Tittel med kontrolltegn" in feed.entries[0].summary
    assert clean("a\x00b\tc") == "ab\tc"
    assert icalendar.Calendar.from_ical(calendar(org, body, ()))


HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"> og <a href="javascript:alert(2)">klikk</a> & <b>fet</b>'


def _hostile_feeds() -> dict[str, bytes]:
    body = Body("b", "Utvalg <script>alert(3)</script>", "U <i>x</i>")
    org = Organisation("o", "Org", "O", bodies=(body,))
    meeting = Meeting("o/b/2021-01-01", "o/b/x.txt", "2021-01-01", org_slug="o", body_slug="b",
                      location="Rådhuset <iframe src=javascript:alert(4)></iframe>",
                      items=(Item("1/21", "1/21", HOSTILE_TITLE, "", None, anchor="sak-1-21"),))
    return feed_files(link([org], [meeting]))


def _rss_descriptions(data: bytes) -> list[str]:
    """Each item's description as a feed reader gets it: the XML text, which it renders as HTML."""
    from xml.etree import ElementTree

    return [item.findtext("description") for item in ElementTree.fromstring(data).iter("item")]


@pytest.mark.parametrize("name", ["rss.xml", "o/b/rss.xml", "atom.xml"])
def test_feed_descriptions_carry_no_html_from_the_sources(name):
    from bs4 import BeautifulSoup

    feed = feedparser.parse(_hostile_feeds()[name])
    assert not feed.bozo and feed.entries
    for entry in feed.entries:
        shown = entry.summary
        if entry.summary_detail.type == "text/html":  # RSS: the description is HTML to the reader
            soup = BeautifulSoup(shown, "html.parser")
            assert soup.find() is None, shown
            shown = soup.get_text()
        assert HOSTILE_TITLE in shown and "<iframe src=javascript:alert(4)></iframe>" in shown, shown


@pytest.mark.browser
def test_rss_descriptions_render_as_text_in_the_browser():
    from test_browser import browser_page

    descriptions = _rss_descriptions(_hostile_feeds()["rss.xml"])
    assert descriptions
    with browser_page() as page:
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for description in descriptions:
            page.set_content(f"<!DOCTYPE html><html><body>{description}</body></html>")  # a reader's view
            page.wait_for_timeout(100)
            state = page.evaluate("() => ({pwned: typeof window.__pwned, elements: document.body.children.length, "
                                  "text: document.body.innerText})")
            assert state["pwned"] == "undefined" and state["elements"] == 0, state
            assert HOSTILE_TITLE in state["text"]
        assert dialogs == []


def test_with_a_site_url_feed_and_calendar_links_are_absolute(chain, monkeypatch):
    """RSS 2.0 wants absolute links: with ARCHIVE_SITE_URL (or site_url in mkdocs.yml) every link in the
    feeds and calendars is absolute; the relative form stays for a site without one."""
    from generator.render.feeds import calendar_files, site_url

    result, _ = chain
    monkeypatch.setenv("ARCHIVE_SITE_URL", "https://arkiv.example.org/moter")
    assert site_url() == "https://arkiv.example.org/moter/"
    files = feed_files(result.archive)
    rss = feedparser.parse(files["testregionen/tu/rss.xml"])
    assert rss.feed.link.startswith("https://arkiv.example.org/moter/testregionen/tu/")
    assert "https://arkiv.example.org/moter/testregionen/tu/" in {link.href for link in atom_links(files)}
    assert [e.link for e in rss.entries][0] == "https://arkiv.example.org/moter/testregionen/tu/2021-04-12/"
    atom = feedparser.parse(files["atom.xml"])
    assert all(e.link.startswith("https://arkiv.example.org/moter/") for e in atom.entries)
    cal = icalendar.Calendar.from_ical(calendar_files(result.archive, result.views.announced)["testregionen/tu/moter.ics"])
    assert {str(e["url"]) for e in cal.walk("VEVENT")} >= {"https://arkiv.example.org/moter/testregionen/tu/2021-03-01/"}
    monkeypatch.setenv("ARCHIVE_SITE_URL", "")
    assert feedparser.parse(feed_files(result.archive)["testregionen/tu/rss.xml"]).entries[0].link.endswith("2021-04-12/")


def test_site_url_is_read_from_mkdocs_yml(tmp_path, monkeypatch):
    from generator.render.feeds import site_url

    monkeypatch.delenv("ARCHIVE_SITE_URL", raising=False)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nsite_url: https://example.no/arkiv\n", encoding="utf-8")
    assert site_url(config) == "https://example.no/arkiv/"
    config.write_text("site_name: X\n# site_url: https://example.no/\n", encoding="utf-8")
    assert site_url(config) == ""


def atom_links(files):
    return feedparser.parse(files["testregionen/tu/atom.xml"]).feed.links
