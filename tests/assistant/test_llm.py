"""The optional LLM may only rephrase: tested against a real local HTTP endpoint."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from motcua.assistant import services


class _ChatCompletions(BaseHTTPRequestHandler):
    """An OpenAI-compatible endpoint that answers what the test told it to."""

    reply = ""
    seen: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        length = int(self.headers["Content-Length"])
        type(self).seen.append(json.loads(self.rfile.read(length)))
        body = json.dumps({"choices": [{"message": {"role": "assistant", "content": self.reply}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ChatCompletions)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MOTCUA_ASSISTANT_LLM_URL = f"http://127.0.0.1:{server.server_port}/v1/chat/completions"
    settings.MOTCUA_ASSISTANT_LLM_MODEL = "local-test"
    settings.MOTCUA_ASSISTANT_LLM_TIMEOUT = 2.0
    _ChatCompletions.seen = []
    yield _ChatCompletions
    server.shutdown()
    server.server_close()


QUESTION = "chứng thực di chúc hết bao nhiêu tiền"


@pytest.mark.django_db
def test_a_faithful_rephrasing_is_shown(endpoint):
    endpoint.reply = "Chứng thực di chúc (mã 2.001019) có lệ phí 50.000 đồng."

    reply = services.ask(QUESTION)

    assert reply.rephrased is True
    assert reply.answer == endpoint.reply
    assert endpoint.seen[0]["model"] == "local-test"
    assert "50.000 đồng" in endpoint.seen[0]["messages"][1]["content"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "invented",
    [
        "Chứng thực di chúc (mã 2.001019) có lệ phí 150.000 đồng.",
        "Chứng thực di chúc mất 30 ngày.",
        "Mang theo giấy chứng nhận kết hôn và sổ hộ khẩu bản gốc.",
    ],
)
def test_a_rephrasing_that_adds_a_fact_falls_back_to_the_grounded_answer(endpoint, invented):
    endpoint.reply = invented

    reply = services.ask(QUESTION)

    assert reply.rephrased is False
    assert reply.answer.startswith("Thủ tục: Chứng thực di chúc (mã 2.001019).")
    assert "50.000 đồng" in reply.answer


@pytest.mark.django_db
def test_an_endpoint_that_is_down_changes_nothing(settings):
    settings.MOTCUA_ASSISTANT_LLM_URL = "http://127.0.0.1:9/v1/chat/completions"
    settings.MOTCUA_ASSISTANT_LLM_TIMEOUT = 0.5

    reply = services.ask(QUESTION)

    assert reply.rephrased is False
    assert "50.000 đồng" in reply.answer
