"""Who may attach, remove and download files.

A module that wants its own rule for files on its records declares the action
``"<its label>.attach"`` (predicate(user, owner)); attaching to and removing from its
records then follow that rule. Otherwise staff with any role in the owner's
municipality (and the platform operator) may attach and remove. Likewise
``"<its label>.download_private"`` narrows who downloads its records' private files
(a participant's title documents are personal data for the organiser only).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from zemstvo.core import permissions
from zemstvo.core.accounts.roles import is_operator, is_staff_anywhere, roles_in


def _delegated_action(app_label: str, verb: str = "attach") -> str | None:
    action = f"{app_label}.{verb}"
    return action if action in permissions.actions() else None


def _staff_of(user: Any, municipality: Any) -> bool:
    return is_operator(user) or bool(roles_in(user, municipality))


def add(user: Any, owner: Any = None) -> bool:
    if user is None:
        return False
    if owner is None:
        return is_staff_anywhere(user)
    delegated = _delegated_action(owner._meta.app_label)
    if delegated is not None:
        return permissions.can(user, delegated, owner)
    return _staff_of(user, getattr(owner, "municipality", None))


def remove(user: Any, attachment: Any = None) -> bool:
    if user is None:
        return False
    if attachment is None:
        return is_staff_anywhere(user)
    owner_type = ContentType.objects.get_for_id(attachment.content_type_id)
    delegated = _delegated_action(owner_type.app_label)
    owner = attachment.owner if delegated is not None else None
    if owner is not None:
        return permissions.can(user, delegated, owner)
    return _staff_of(user, attachment.municipality)


def download_private(user: Any, attachment: Any = None) -> bool:
    """A file not meant for everyone: the person who uploaded it, staff with a role in
    its municipality (or its region), the platform operator."""
    if user is None:
        return False
    if attachment is None:
        return is_staff_anywhere(user)
    if attachment.uploaded_by_id is not None and attachment.uploaded_by_id == user.pk:
        return True
    owner_type = ContentType.objects.get_for_id(attachment.content_type_id)
    delegated = _delegated_action(owner_type.app_label, "download_private")
    if delegated is not None:
        return permissions.can(user, delegated, attachment.owner)
    return _staff_of(user, attachment.municipality)


RULES = {
    "attachments.add": add,
    "attachments.remove": remove,
    "attachments.download_private": download_private,
}
