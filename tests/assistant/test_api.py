"""`POST /api/v1/assistant/ask`: the contract, errors in both languages, follow-ups, the limit."""

import pytest

URL = "/api/v1/assistant/ask"


def ask(api, question, **body):
    return api.post(URL, {"question": question, **body}, format="json")


def test_an_answer_has_the_procedures_and_the_sources(api):
    response = ask(api, "lam giay khai sinh can gi")
    body = response.json()

    assert response.status_code == 200
    assert body["kind"] == "procedure"
    assert body["procedures"][0]["code"] == "1.001193"
    assert body["procedures"][0]["name"] == "Thủ tục đăng ký khai sinh"
    assert body["procedures"][0]["score"] > body["procedures"][1]["score"]
    assert body["sources"] == [
        {"code": "1.001193", "version": 1, "name": "Thủ tục đăng ký khai sinh"}
    ]
    assert "Giấy tờ cần nộp:" in body["answer"]
    assert body["rephrased"] is False


def test_english_questions_get_english_answers(api):
    body = ask(api, "how long does a temporary residence registration take", lang="en").json()

    assert body["procedures"][0]["code"] == "1.004194"
    assert "Time limit: 3 working days." in body["answer"]
    assert body["sources"][0]["name"] == "Temporary residence registration"


def test_a_follow_up_is_about_the_previous_procedure(api):
    first = ask(api, "đăng ký kết hôn cần giấy tờ gì").json()

    fee = ask(api, "thế còn lệ phí?", conversation=first["conversation"]).json()
    time = ask(
        api, "what about the time limit?", lang="en", conversation=first["conversation"]
    ).json()
    alone = ask(api, "thế còn lệ phí?").json()

    assert first["procedures"][0]["code"] == "1.000894"
    assert fee["kind"] == "follow_up"
    assert fee["conversation"] == first["conversation"]
    assert fee["sources"][0]["code"] == "1.000894"
    assert "Phí, lệ phí:" in fee["answer"]
    assert "Giấy tờ cần nộp:" not in fee["answer"]
    assert "8.000 đồng" in fee["answer"]
    assert "Time limit: 1 working day." in time["answer"]
    assert alone["kind"] == "unsure"


@pytest.mark.parametrize(
    ("body", "code", "vi", "en"),
    [
        ({"question": "   "}, "empty_question", "Vui lòng nhập câu hỏi", "Please type a question"),
        ({"question": "a" * 501}, "question_too_long", "ngắn hơn 500", "under 500 characters"),
        ({"question": "đm trả lời đi"}, "abusive_question", "lịch sự", "polite"),
        ({"question": "khai sinh", "lang": "fr"}, "invalid", "không hợp lệ", "not valid"),
        ({}, "invalid", "không hợp lệ", "not valid"),
    ],
)
def test_bad_input_gets_a_polite_error_in_both_languages(api, body, code, vi, en):
    response = api.post(URL, body, format="json")
    error = response.json()["error"]

    assert response.status_code == 400
    assert error["code"] == code
    assert vi in error["message"]
    assert en in error["message_en"]


def test_too_many_questions_are_refused_with_429(api, settings):
    settings.MOTCUA_ASSISTANT_RATE = "2/min"

    codes = [ask(api, "đăng ký tạm trú").status_code for _ in range(3)]
    refused = ask(api, "đăng ký tạm trú", HTTP_X_FORWARDED_FOR="10.9.9.9")

    assert codes == [200, 200, 429]
    assert ask(api, "x").json()["error"]["code"] == "throttled"
    assert refused.status_code == 429  # a forged forwarding header is no way around it


def test_the_schema_describes_the_endpoint(api):
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/assistant/ask"]["post"]
    assert "200" in operation["responses"]
    assert "429" in operation["responses"]
