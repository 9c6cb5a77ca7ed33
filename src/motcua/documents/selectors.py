"""Reads of uploads: a user's own files."""

from django.contrib.auth.models import AbstractBaseUser

from motcua.documents.models import Upload


def own_upload(user: AbstractBaseUser, upload_id: int) -> Upload | None:
    """Return the user's own upload with this id, or None (nobody attaches another's file)."""
    return Upload.objects.filter(pk=upload_id, owner=user).first()
