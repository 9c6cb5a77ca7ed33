"""The assistant's vocabulary: the shared one (`catalog/data/vocabulary.toml`) and the ways
residents describe needing each procedure (`data/paraphrases.toml`)."""

import tomllib
from importlib import resources

from motcua.catalog.words.vocabulary import Vocabulary, parse_vocabulary, vocabulary_data


def packaged_vocabulary() -> Vocabulary:
    """Return the shared vocabulary with the procedures' paraphrases."""
    data = resources.files("motcua.assistant").joinpath("data", "paraphrases.toml")
    paraphrases = tomllib.loads(data.read_text("utf-8"))
    return parse_vocabulary({**vocabulary_data(), **paraphrases})
