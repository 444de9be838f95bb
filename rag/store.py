"""Meetings to and from plain JSON, so an index can be read back without the source files."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

from .records import AgendaItem, Chunk, Meeting, Section


def meeting_to_json(meeting: Meeting) -> dict:
    data = asdict(meeting)
    data["date"] = meeting.date.isoformat()
    data["source"] = str(meeting.source)
    return data


def meeting_from_json(data: dict) -> Meeting:
    items = tuple(
        AgendaItem(**{**item, "sections": tuple(Section(**s) for s in item["sections"])}) for item in data["items"]
    )
    return Meeting(
        **{
            **data,
            "date": date.fromisoformat(data["date"]),
            "source": Path(data["source"]),
            "header": Section(**data["header"]),
            "items": items,
            "attendees": tuple(data["attendees"]),
            "absentees": tuple(data["absentees"]),
            "pages": tuple(data.get("pages", ())),
        }
    )


def chunk_from_json(data: dict) -> Chunk:
    return Chunk(**data)
