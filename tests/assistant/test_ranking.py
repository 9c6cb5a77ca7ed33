"""The ranking core over the packaged catalog: no database, no settings."""

import dataclasses

import pytest

from motcua.assistant.retrieval.index import Index
from motcua.assistant.retrieval.paraphrases import packaged_vocabulary
from motcua.catalog.packaged import packaged_records
from motcua.catalog.words.text import syllables, words
from motcua.catalog.words.vocabulary import parse_vocabulary
from tests.builders.assistant import facts_of_record

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


def test_shorthand_and_teencode_are_read_as_the_words_they_stand_for(index):
    ranking = index.rank("vk e ms sinh, lm giay khai sinh can j, co mat tien ko")

    assert ranking.hits[0].code == BIRTH
    assert ranking.analysis.aspects >= {"fees"}
    assert all(term not in run for run in ranking.analysis.runs for term in ("ko", "j", "lm"))


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("dangky khaisinh cho con", BIRTH),  # words typed together
        ("dangw kys ket hoon", MARRIAGE),  # Telex keystrokes left in
        ("dang ky khai sinhh", BIRTH),  # a slip of one letter
    ],
)
def test_typing_slips_are_mended(index, question, code):
    assert top(index, question) == code


def test_a_word_typed_with_other_marks_is_not_the_vocabularys_word(index):
    # "sài" (Sài Gòn) is not "sai" (a mistake to correct); typed bare, "sai" is.
    city = index.analyse("bạn ở sài gòn ra chơi")
    mistake = index.analyse("giay khai sinh bi sai ten")

    assert not any("cai" in run for run in city.runs)
    assert any("cai" in run for run in mistake.runs)


def test_a_residents_situation_is_found_through_the_paraphrases():
    facts = [facts_of_record(r) for r in packaged_records()]
    situation = "tiễn đưa ông về nơi an nghỉ"
    plain = Index(facts, parse_vocabulary({}))
    described = Index(facts, parse_vocabulary({"paraphrases": {DEATH: [situation]}}))

    assert plain.rank(situation).hits[0].code != DEATH
    assert described.rank(situation).hits[0].code == DEATH


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("how do I register a death", DEATH),
        ("đăng ký lại khai tử", "1.005461"),
        ("đăng ký giám hộ cho cháu", "1.004837"),
        ("chấm dứt giám hộ vì cháu đã đủ 18 tuổi", "1.004845"),
        ("làm tạm trú", "1.004194"),
        ("gia hạn tạm trú", "1.002755"),
    ],
)
def test_near_twins_go_to_the_one_whose_idea_the_question_says(index, question, code):
    ranking = index.rank(question)

    assert ranking.hits[0].code == code
    assert ranking.confident


def test_a_matter_handled_elsewhere_is_not_answered_unless_it_is_only_the_purpose(index):
    loan = index.rank("vay vốn ngân hàng cần gì")
    purpose = index.rank("xin giấy xác nhận độc thân để vay vốn ngân hàng")
    taiwan = index.analyse("lấy chồng Đài Loan, làm khai sinh cho con")

    assert not loan.confident
    assert purpose.confident
    assert purpose.hits[0].code == "1.004873"
    assert "elsewhere" not in taiwan.intents  # the "loan" of Đài Loan is no loan


def test_what_a_paper_is_for_weighs_less_than_what_is_asked(index):
    ranking = index.rank("xin giấy xác nhận tình trạng hôn nhân để mua nhà")

    assert ranking.hits[0].code == "1.004873"
    assert ranking.analysis.aside  # "mua nhà" is what it is for


def test_a_follow_up_is_only_a_question_that_starts_so(index):
    assert "follow_up" in index.analyse("thế còn lệ phí?").intents
    assert "follow_up" not in index.analyse("birth registration and the fees").intents


def test_english_contractions_are_not_english_prefixes(index):
    ranking = index.rank("we're getting married, how do we register our marriage")

    assert ranking.hits[0].code == MARRIAGE  # not the re-registration ("we're" has no "re")


def test_an_age_in_the_question_picks_the_procedure_for_that_age():
    # The whole catalog has the ID card twice, by age; the packaged one has neither.
    records = [r for r in packaged_records() if r["code"] != "1.001193"]
    base = facts_of_record(records[0])
    under = dataclasses.replace(
        base,
        code="T.under",
        name="Cấp thẻ căn cước cho người dưới 14 tuổi",
        name_en="Issuing an ID card to a person under 14",
    )
    above = dataclasses.replace(
        base,
        code="T.above",
        name="Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên",
        name_en="Issuing an ID card to a person aged 14 or over",
    )
    index = Index([*(facts_of_record(r) for r in records), under, above], packaged_vocabulary())

    assert top(index, "làm căn cước cho bé 5 tuổi được không") == "T.under"
    assert top(index, "lam can cuoc cho be 5 tuoi") == "T.under"
    assert top(index, "con tôi 14 tuổi đi làm căn cước") == "T.above"
    assert top(index, "em 16 tuoi lam the can cuoc o dau") == "T.above"
