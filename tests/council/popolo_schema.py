"""JSON Schema checks written from the Popolo specification
(https://www.popoloproject.com/specs/ and its schemas person.json, organization.json,
membership.json, event.json, motion.json, vote_event.json, count.json, vote.json),
and a small validator for the subset of JSON Schema they use: type, required,
properties, items, enum, pattern, additionalProperties=False is not used (Popolo
allows extensions)."""

from __future__ import annotations

import re
from typing import Any

DATE = r"^[0-9]{4}(-[0-9]{2}){0,2}$"
DATE_TIME = (r"^[0-9]{4}((-[0-9]{2}){0,2}|(-[0-9]{2}){2}(T[0-9]{2}(:[0-9]{2}){0,2}"
             r"(\.[0-9]+)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?)$")
STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
LINK = {"type": "object", "required": ["url"], "properties": {"url": STRING, "note": STRING}}
IDENTIFIER = {"type": "object", "required": ["identifier"],
              "properties": {"identifier": STRING, "scheme": STRING}}
AREA = {"type": "object", "properties": {"id": STRING, "name": STRING}}

PERSON = {"type": "object", "required": ["name"], "properties": {
    "id": STRING, "name": STRING, "links": {"type": "array", "items": LINK},
    "identifiers": {"type": "array", "items": IDENTIFIER}}}
ORGANIZATION = {"type": "object", "required": ["name"], "properties": {
    "id": STRING, "name": STRING, "classification": STRING, "parent_id": NULLABLE_STRING,
    "area": AREA, "identifiers": {"type": "array", "items": IDENTIFIER}}}
MEMBERSHIP = {"type": "object", "required": ["person_id", "organization_id"], "properties": {
    "id": STRING, "person_id": STRING, "organization_id": STRING, "role": STRING,
    "on_behalf_of_id": NULLABLE_STRING, "area": AREA,
    "start_date": {"type": "string", "pattern": DATE},
    "end_date": {"type": "string", "pattern": DATE}}}
EVENT = {"type": "object", "required": ["name", "start_date"], "properties": {
    "id": STRING, "name": STRING, "classification": STRING, "organization_id": STRING,
    "start_date": {"type": "string", "pattern": DATE_TIME},
    "location": {"type": "object", "properties": {"name": STRING}}, "status": STRING}}
MOTION = {"type": "object", "required": ["text"], "properties": {
    "id": STRING, "organization_id": STRING, "legislative_session_id": STRING, "text": STRING,
    "date": {"type": "string", "pattern": DATE_TIME}, "result": STRING}}
COUNT = {"type": "object", "required": ["option", "value"], "properties": {
    "option": {"type": "string",
               "enum": ["yes", "no", "abstain", "absent", "not voting", "paired"]},
    "value": {"type": "integer"}}}
VOTE = {"type": "object", "required": ["option"], "properties": {
    "voter_id": STRING,
    "option": {"type": "string",
               "enum": ["yes", "no", "abstain", "absent", "not voting", "paired"]}}}
VOTE_EVENT = {"type": "object", "required": ["motion_id"], "properties": {
    "id": STRING, "motion_id": STRING, "organization_id": STRING,
    "legislative_session_id": STRING, "start_date": {"type": "string", "pattern": DATE_TIME},
    "result": STRING, "counts": {"type": "array", "items": COUNT},
    "votes": {"type": "array", "items": VOTE}}}
EXPORT = {"type": "object", "required": ["persons", "organizations", "memberships", "events",
                                         "motions", "vote_events"], "properties": {
    "persons": {"type": "array", "items": PERSON},
    "organizations": {"type": "array", "items": ORGANIZATION},
    "memberships": {"type": "array", "items": MEMBERSHIP},
    "events": {"type": "array", "items": EVENT},
    "motions": {"type": "array", "items": MOTION},
    "vote_events": {"type": "array", "items": VOTE_EVENT}}}

_TYPES = {"object": dict, "array": list, "string": str, "null": type(None)}


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, _TYPES[kind])


def validate(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """Errors as "path: message"; an empty list means valid."""
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, kind) for kind in kinds):
            return [f"{path}: expected {'/'.join(kinds)}, got {type(value).__name__}"]
    errors: list[str] = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.match(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        errors += [f"{path}: missing {key}" for key in schema.get("required", ())
                   if key not in value]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += validate(value[key], sub, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += validate(item, schema["items"], f"{path}[{index}]")
    return errors
