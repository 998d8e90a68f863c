"""The whole representative body as Popolo JSON (https://www.popoloproject.com/specs/):
persons, organizations (the body, its factions and committees), memberships,
events (sessions), motions and vote events with counts and individual votes.

Only public data: deputies' names, districts, terms and official contacts (8-ФЗ
ст. 13). Residents' questions and registrations are never exported. A fixed number
of queries whatever the size of the body.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from zemstvo.council.ical import absolute
from zemstvo.council.models import (
    AgendaItem,
    CommitteeMembership,
    CommitteeRole,
    RepresentativeBody,
    Session,
    SessionKind,
    VoteEvent,
)

CLASSIFICATION = {
    SessionKind.REGULAR: "regular session",
    SessionKind.EXTRAORDINARY: "extraordinary session",
    SessionKind.COMMITTEE: "committee meeting",
}


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def export_body(body: RepresentativeBody) -> dict[str, Any]:
    municipality = body.municipality
    zone = municipality.tz
    org_id = f"body-{body.pk}"
    deputies = list(body.deputies.select_related("faction").order_by("pk"))
    factions = list(body.factions.order_by("pk"))
    committees = list(body.committees.order_by("pk").prefetch_related(
        Prefetch("memberships", queryset=CommitteeMembership.objects.order_by("pk"))))
    sessions = list(Session.objects.filter(body=body).order_by("starts_at").prefetch_related(
        Prefetch("items", queryset=AgendaItem.objects.order_by("order").prefetch_related(
            Prefetch("vote_events", queryset=VoteEvent.objects.order_by("pk")
                     .prefetch_related("votes"))))))

    persons = [{
        "id": f"person-{d.pk}", "name": d.full_name,
        "links": [{"url": absolute(d.get_absolute_url()), "note": "Страница депутата"}],
    } for d in deputies]
    organizations = [{
        "id": org_id, "name": body.name, "classification": "legislature",
        "identifiers": [{"scheme": "ОКТМО", "identifier": municipality.oktmo}]
        if municipality.oktmo else [],
        "area": {"id": f"municipality-{municipality.pk}", "name": municipality.name},
    }]
    organizations += [{"id": f"faction-{f.pk}", "name": f.name, "classification": "party",
                       "parent_id": org_id} for f in factions]
    organizations += [{"id": f"committee-{c.pk}", "name": c.name,
                       "classification": "committee", "parent_id": org_id}
                      for c in committees]
    memberships: list[dict[str, Any]] = []
    for d in deputies:
        row = {"id": f"membership-{d.pk}", "person_id": f"person-{d.pk}",
               "organization_id": org_id, "role": "депутат", "start_date": _date(d.term_from)}
        if d.term_to:
            row["end_date"] = _date(d.term_to)
        if d.district:
            row["area"] = {"name": d.district}
        if d.faction_id:
            row["on_behalf_of_id"] = f"faction-{d.faction_id}"
        memberships.append(row)
        if d.faction_id:
            memberships.append({"id": f"faction-membership-{d.pk}",
                                "person_id": f"person-{d.pk}",
                                "organization_id": f"faction-{d.faction_id}",
                                "role": "член фракции"})
    for c in committees:
        for m in c.memberships.all():
            memberships.append({
                "id": f"committee-membership-{m.pk}", "person_id": f"person-{m.deputy_id}",
                "organization_id": f"committee-{c.pk}",
                "role": "председатель" if m.role == CommitteeRole.CHAIR else "член комиссии"})

    events, motions, vote_events = [], [], []
    for s in sessions:
        start = timezone.localtime(s.starts_at, zone)
        events.append({
            "id": f"session-{s.pk}", "name": s.title, "classification": CLASSIFICATION[s.kind],
            "start_date": start.isoformat(), "location": {"name": s.place},
            "organization_id": f"committee-{s.committee_id}" if s.committee_id else org_id,
            "status": s.status,
        })
        for item in s.items.all():
            for event in item.vote_events.all():
                votes = list(event.votes.all())
                counts: dict[str, int] = {}
                for vote in votes:
                    counts[vote.option] = counts.get(vote.option, 0) + 1
                motions.append({
                    "id": f"motion-{event.pk}", "organization_id": org_id,
                    "legislative_session_id": f"session-{s.pk}",
                    "text": event.motion, "date": start.isoformat(), "result": event.result,
                })
                vote_events.append({
                    "id": f"vote-event-{event.pk}", "motion_id": f"motion-{event.pk}",
                    "organization_id": org_id, "legislative_session_id": f"session-{s.pk}",
                    "start_date": start.isoformat(), "result": event.result,
                    "counts": [{"option": o, "value": v} for o, v in sorted(counts.items())],
                    "votes": [{"voter_id": f"person-{v.deputy_id}", "option": v.option}
                              for v in sorted(votes, key=lambda v: v.deputy_id)],
                })
    return {"persons": persons, "organizations": organizations, "memberships": memberships,
            "events": events, "motions": motions, "vote_events": vote_events}
