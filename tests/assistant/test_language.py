"""The answer's language follows the question's when the question says which it is."""

import pytest

from motcua.assistant.retrieval.language import question_language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("how do I register my marriage", "en"),
        ("What documents does a birth registration need?", "en"),
        ("đăng ký khai sinh cần gì", "vi"),
        ("lam giay khai sinh can gi", None),  # unmarked Vietnamese: the page decides
        ("the con le phi", None),
        ("so do mat thi lam the nao", None),
        ("marriage", None),
        ("me toi o long bien", None),
    ],
)
def test_question_language(question, language):
    assert question_language(question) == language
