"""The intake body checked by a serializer built once (issue 27: building `DossierIn`'s nested
fields for every request was most of its validation's CPU).

DRF makes a serializer's fields anew for each instance (a deep copy of the declared ones, the
nested applicant, documents and delivery serializers included). Validation itself keeps no
state in them, so one instance per class and thread validates every body: the same fields, the
same checks, the same validated data. A body it refuses is checked again the ordinary way
(`is_valid(raise_exception=True)`), so that the error is exactly what it always was."""

import threading
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError

from rest_framework import serializers

_PREPARED = threading.local()


def _prepared(serializer_class: type[serializers.Serializer]) -> serializers.Serializer:
    kept = _PREPARED.__dict__.setdefault("serializers", {})
    serializer = kept.get(serializer_class)
    if serializer is None:
        serializer = kept[serializer_class] = serializer_class()
    return serializer  # type: ignore[no-any-return]


def parse_prepared(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    """Return the validated data of `data`, or raise the ValidationError DRF raises for it."""
    try:
        return dict(_prepared(serializer_class).run_validation(data))
    except (serializers.ValidationError, DjangoValidationError):
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)  # not reached for a body refused above
