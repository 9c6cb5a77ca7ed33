"""The chat box on portal pages: a plain form that works without script, and its fragment."""

from django.contrib.staticfiles import finders

QUESTION = "xin giấy phép xây nhà ở"


def test_portal_pages_carry_an_accessible_chat_box(client, db):
    page = client.get("/verify/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    assert '<label for="assistant-question">Câu hỏi của bạn</label>' in page
    assert 'id="assistant-question" name="question"' in page
    assert 'aria-live="polite"' in page
    assert 'action="/assistant/ask/"' in page
    assert 'method="post"' in page
    assert "assistant/chat.js" in page
    assert "//cdn" not in page


def test_without_script_the_form_post_returns_a_page_with_the_answer(client, db):
    response = client.post("/assistant/ask/", {"question": QUESTION, "next": "/verify/"})
    page = response.content.decode()

    assert response.status_code == 200
    assert "<html" in page
    assert "Thủ tục: Cấp giấy phép xây dựng mới" in page
    assert "(mã 1.013225)" in page
    assert 'href="/verify/"' in page  # back to where the resident was
    assert 'name="conversation" value="' in page
    assert 'value=""' not in page.split("conversation")[1][:12]


def test_the_script_gets_one_turn_and_the_conversation_continues(client, db):
    first = client.post("/assistant/ask/", {"question": QUESTION}, HTTP_X_REQUESTED_WITH="fetch")
    turn = first.content.decode()
    conversation = turn.split('data-conversation="')[1].split('"')[0]

    follow = client.post(
        "/assistant/ask/",
        {"question": "thế còn lệ phí?", "conversation": conversation},
        HTTP_X_REQUESTED_WITH="fetch",
    ).content.decode()

    assert "<html" not in turn
    assert 'class="assistant-turn"' in turn
    assert "<strong>Bạn:</strong> xin giấy phép xây nhà ở" in turn
    assert "(mã 1.013225)" in follow
    assert "Phí, lệ phí:" in follow


def test_errors_are_shown_in_the_box_and_an_outside_next_is_ignored(client, db):
    empty = client.post("/assistant/ask/", {"question": " ", "next": "https://evil.example/"})
    page = empty.content.decode()

    assert empty.status_code == 400
    assert 'role="alert">Vui lòng nhập câu hỏi' in page
    assert "evil.example" not in page


def test_the_script_is_served_by_the_app():
    assert finders.find("assistant/chat.js")


def test_on_a_procedure_page_a_first_follow_up_is_about_that_procedure(client, db):
    page = client.get("/procedures/1.001193/").content.decode()

    follow = client.post(
        "/assistant/ask/",
        {"question": "thế còn lệ phí?", "about": "1.001193"},
        HTTP_X_REQUESTED_WITH="fetch",
    ).content.decode()

    assert 'name="about" value="1.001193"' in page
    assert "(mã 1.001193)" in follow
    assert "Phí, lệ phí:" in follow


def test_a_question_in_english_on_a_vietnamese_page_is_answered_in_english(client, db):
    turn = client.post(
        "/assistant/ask/",
        {"question": "how do I register my marriage"},
        HTTP_ACCEPT_LANGUAGE="vi",
        HTTP_X_REQUESTED_WITH="fetch",
    ).content.decode()

    assert "1.000894" in turn
    assert "Procedure:" in turn
    assert "Thủ tục:" not in turn
