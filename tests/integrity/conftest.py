"""An inspector, a broker and people the national sources hold, for the integrity tests."""

from django.contrib.auth import get_user_model

import pytest

from motcua.identity.services import create_official
from tests.builders.integrity import held_people


@pytest.fixture
def inspector(db):
    return create_official("inspector1", role="inspector")


@pytest.fixture
def broker(db):
    return get_user_model().objects.create_user("dichvu")


@pytest.fixture
def people(db):
    return held_people(8)
