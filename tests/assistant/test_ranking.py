"""The ranking core over the packaged catalog: no database, no settings."""

import pytest

from motcua.assistant.retrieval.text import syllables, words
from motcua.assistant.retrieval.vocabulary import parse_vocabulary

BIRTH, DEATH, MARRIAGE, BUSINESS, BUILD = "1.001193", "1.000656", "1.000894", "1.001612", "1.013225"


def top(index, question: str) -> str:
    return index.rank(question).hits[0].code


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("con tôi mới sinh thì làm giấy tờ gì", BIRTH),
        ("lam giay khai sinh can gi", BIRTH),
        ("how do I register my marriage", MARRIAGE),
        ("xin giấy phép xây nhà ở", BUILD),
        ("mở quán cà phê cần đăng ký gì", BUSINESS),
    ],
)
def test_the_issues_examples_find_their_procedure(index, question, code):
    assert top(index, question) == code


def test_with_and_without_marks_the_ranking_is_the_same(index):
    marked = index.rank("đăng ký khai tử cần giấy tờ gì")
    bare = index.rank("dang ky khai tu can giay to gi")

    assert [h.code for h in marked.hits] == [h.code for h in bare.hits]
    assert marked.hits[0].code == DEATH


def test_a_typo_is_corrected_towards_a_catalog_compound(index):
    ranking = index.rank("dang ky ket hn")

    assert ranking.hits[0].code == MARRIAGE


def test_a_stop_word_typed_with_other_marks_is_kept():
    # "từ" (from) is a stop word; "tử" (death) is not, though both fold to "tu".
    vocabulary = parse_vocabulary({"stopwords": {"vi": ["từ"]}})
    text = words("khai tử từ hôm qua")

    assert vocabulary.stop_spans(text) == [False, False, True, False, False]


def test_folding_merges_spelling_variants_and_stems_english():
    assert syllables("Đăng kí") == syllables("dang ky") == ["dang", "ki"]
    assert syllables("registering marriages") == ["regist", "marriag"]


def test_a_question_outside_the_catalog_is_not_confident(index):
    for question in ("thời tiết hà nội hôm nay", "cách nấu phở bò", "ly hôn cần giấy tờ gì"):
        assert not index.rank(question).confident, question


def test_aspects_and_intents_are_read_from_the_question(index):
    fees = index.analyse("thế còn lệ phí?")
    time = index.analyse("how long does it take")
    status = index.analyse("hồ sơ của tôi đến đâu rồi")

    assert fees.aspects == {"fees"}
    assert "follow_up" in fees.intents
    assert fees.runs == ()  # nothing in it says which procedure
    assert time.aspects == {"time"}
    assert "status" in status.intents


def test_a_life_event_adds_catalog_words(index):
    analysis = index.analyse("mở tiệm bánh mì")

    assert analysis.events == ("business",)
    assert top(index, "mở tiệm bánh mì") == BUSINESS
