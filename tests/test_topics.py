"""Topic tags (generator/views/topics.py): Norwegian word forms and the topics.yml vocabulary."""
from __future__ import annotations

import pytest
from chain import build_chain

from generator.model import Item
from generator.views.topics import Topic, item_topics, load_vocabulary, parse_vocabulary

BARNEVERN = Topic("Barnevern", ("barnevern",))
REFORM = Topic("Reform", ("*reform",))
LAERING = Topic("Læring", ("digital læringsarena",))


@pytest.mark.parametrize("text, topics", [
    ("Barnevernvakt", ["Barnevern"]),
    ("Foreløpig evaluering av barnevernsreformen/oppvekstreformen.", ["Barnevern", "Reform"]),
    ("Barnevernet i kommunene", ["Barnevern"]),
    ("Felles barnevern", ["Barnevern"]),
    ("Reformen ble drøftet", ["Reform"]),
    ("Samhandlingsreformen", ["Reform"]),
    ("Ny digital læringsarena for kommunene", ["Læring"]),
    ("Nye digitale læringsarenaer", ["Læring"]),
    ("Digital kompetanse", []),
    ("Sommervikarer", []),
])
def test_word_forms(text, topics):
    item = Item("1/21", "1/21", "Tittel", text, None)
    assert list(item_topics(item, (BARNEVERN, LAERING, REFORM))) == topics


def test_prefix_stems_do_not_match_inside_words():
    assert item_topics(Item(None, None, "Smittevern", "", None), (Topic("Vern", ("vern",)),)) == ()


def test_vocabulary_is_validated():
    topics = parse_vocabulary({"topics": [{"name": "B", "words": ["b"]}, {"name": "A", "words": ["A"],
                                                                          "description": "d"}]})
    assert topics == (Topic("A", ("a",), "d"), Topic("B", ("b",)))
    for bad in ({"topic": []}, {"topics": [{"name": "A"}]}, {"topics": [{"name": "A", "words": [""]}]},
                {"topics": [{"name": "A", "words": ["a"]}, {"name": "a", "words": ["b"]}]}, ["x"],
                {"topics": [{"name": "<script>x</script>", "words": ["a"]}]}, {"topics": [{"name": "", "words": ["a"]}]}):
        with pytest.raises(Exception) as error:
            parse_vocabulary(bad)
        assert type(error.value).__name__ == "EditorialError"


def test_missing_vocabulary_is_no_topics(tmp_path):
    assert load_vocabulary(tmp_path) == ((), [])


def test_meetings_and_cases_are_tagged(tmp_path):
    result = build_chain(tmp_path)
    assert result.views.topics.of_meeting("testregionen/tu/2021-04-12") == ("Barnevern", "Testutstyr")
    assert result.views.topics.of_item("testregionen/tu/2021-04-12", "sak-31-21") == ("Barnevern",)
    page = (tmp_path / "testregionen/tu/2021-04-12.md").read_text(encoding="utf-8")
    assert 'tags:\n  - "Barnevern"\n  - "Testutstyr"\n---' in page
    assert "Emner: [Barnevern](<../../emner/barnevern.md>)" in page
    topic = (tmp_path / "emner/barnevern.md").read_text(encoding="utf-8")
    assert "## 2021 { #ar-2021 }" in topic and "1 saker i 1 møter" in topic
    assert "| [2021-04-12](<../testregionen/tu/2021-04-12.md>) | TU (Testregionen) | 31/21 | " \
           "[Status for barnevernsamarbeidet](<../testregionen/tu/2021-04-12.md#sak-31-21>) |" in topic
    assert topic.count("| [2021-") == 1
    testutstyr = (tmp_path / "emner/testutstyr.md").read_text(encoding="utf-8")
    assert [line.split(" | ")[2] for line in testutstyr.splitlines() if line.startswith("| [2021")] == \
        ["30/21", "20/21", "10/21"]
    listing = (tmp_path / "emner.md").read_text(encoding="utf-8")
    assert "| [Testutstyr](<emner/testutstyr.md>) | Innkjøp og bruk av testutstyr (syntetisk) | 3 | 3 |" in listing
