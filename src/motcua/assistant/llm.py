"""An optional language model that may only rephrase a grounded answer (off by default).

Any OpenAI-compatible chat-completions endpoint works (`MOTCUA_ASSISTANT_LLM_URL`). Its text is
used only if it states no number, fee, time or paper beyond the grounded answer; otherwise, and
on any failure, the grounded answer is shown as composed.
"""

import logging
from typing import Protocol

from django.conf import settings

import requests

from motcua.assistant.grounding import added_facts

logger = logging.getLogger(__name__)

_INSTRUCTIONS = {
    "vi": (
        "Viết lại câu trả lời sau cho dễ hiểu, thân thiện, bằng tiếng Việt. Chỉ dùng thông tin có "
        "trong câu trả lời; không thêm số tiền, thời hạn, giấy tờ hay thông tin nào khác."
    ),
    "en": (
        "Rewrite the following answer in plain, friendly English. Use only the information in "
        "the answer; add no amount, time limit, document or any other fact."
    ),
}


class Rephraser(Protocol):
    def rephrase(self, grounded: str, *, lang: str) -> str | None:
        """Return a rephrasing of the grounded answer, or None when there is none."""


class ChatCompletions:
    """An OpenAI-compatible chat-completions endpoint over HTTP."""

    def __init__(self, url: str, *, model: str, api_key: str, timeout: float) -> None:
        self.url, self.model, self.api_key, self.timeout = url, model, api_key, timeout

    def rephrase(self, grounded: str, *, lang: str) -> str | None:
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": _INSTRUCTIONS.get(lang, _INSTRUCTIONS["vi"])},
                {"role": "user", "content": grounded},
            ],
        }
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            response = requests.post(self.url, json=body, headers=headers, timeout=self.timeout)
            response.raise_for_status()
            text = response.json()["choices"][0]["message"]["content"]
        except (requests.RequestException, ValueError, KeyError, IndexError, TypeError):
            logger.warning("assistant_llm_failed", extra={"url": self.url})
            return None
        return text.strip() if isinstance(text, str) and text.strip() else None


def rephraser() -> Rephraser | None:
    """Return the configured rephraser, or None when no endpoint is set."""
    if not settings.MOTCUA_ASSISTANT_LLM_URL:
        return None
    return ChatCompletions(
        settings.MOTCUA_ASSISTANT_LLM_URL,
        model=settings.MOTCUA_ASSISTANT_LLM_MODEL,
        api_key=settings.MOTCUA_ASSISTANT_LLM_API_KEY,
        timeout=settings.MOTCUA_ASSISTANT_LLM_TIMEOUT,
    )


def rephrase_safely(grounded: str, *, lang: str) -> str | None:
    """Return the model's rephrasing if it adds no fact to the grounded answer, else None."""
    model = rephraser()
    if model is None:
        return None
    text = model.rephrase(grounded, lang=lang)
    if text is None:
        return None
    added = added_facts(text, grounded)
    if added:
        logger.warning("assistant_llm_rejected", extra={"added": len(added)})
        return None
    return text
