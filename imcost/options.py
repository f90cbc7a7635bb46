"""Command-line options shared by compare and recommend (one flag per usage and need of the plan file),
and the quote flags of every pricing command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Dau = Annotated[str | None, typer.Option("--dau", metavar="N", help="Peak daily active users (usage.peak_dau).")]
Groups = Annotated[str | None, typer.Option("--groups", metavar="N", help="Peak group count (usage.peak_groups).")]
BarrageDomestic = Annotated[
    str | None, typer.Option("--barrage-domestic", metavar="MBPS", help="Daily peak domestic barrage Mbps, every day.")
]
BarrageInternational = Annotated[
    str | None,
    typer.Option("--barrage-international", metavar="MBPS", help="Daily peak international barrage Mbps, every day."),
]
HistoryDays = Annotated[
    str | None, typer.Option("--history-days", metavar="DAYS", help="Days of message history kept.")
]
GroupMembers = Annotated[
    str | None, typer.Option("--group-members", metavar="N", help="Largest group, any group type (members).")
]
GroupsPerUser = Annotated[
    str | None, typer.Option("--groups-per-user", metavar="N", help="Groups one user must be able to join.")
]
AvChatrooms = Annotated[str | None, typer.Option("--av-chatrooms", metavar="N", help="AV chatrooms the app creates.")]
Friends = Annotated[
    str | None, typer.Option("--friends", metavar="N", help="Friends per user (needs.friends_per_user).")
]
Users = Annotated[str | None, typer.Option("--users", metavar="N", help="Registered users (needs.users).")]
Security = Annotated[
    bool | None, typer.Option("--security/--no-security", help="With (or without) the security service.")
]
MonthText = Annotated[str | None, typer.Option("--month", metavar="YYYY-MM", help="Natural month to price.")]
PlanFile = Annotated[
    Path | None, typer.Option("--plan", metavar="PLAN", help="Take usage and needs from this plan file.")
]
AppName = Annotated[
    str | None, typer.Option("--app", metavar="NAME", help="The app of the plan file to use (by name).")
]


def flags(
    dau: str | None,
    groups: str | None,
    barrage_domestic: str | None,
    barrage_international: str | None,
    history_days: str | None,
    group_members: str | None,
    groups_per_user: str | None,
    av_chatrooms: str | None,
    friends: str | None,
    users: str | None,
) -> dict[str, str | None]:
    """The numeric flags by variable name, as typed."""
    return {
        "dau": dau,
        "groups": groups,
        "barrage-domestic": barrage_domestic,
        "barrage-international": barrage_international,
        "history-days": history_days,
        "group-members": group_members,
        "groups-per-user": groups_per_user,
        "av-chatrooms": av_chatrooms,
        "friends": friends,
        "users": users,
    }


# The quote's details on every pricing command (imcost.quote.parse_flags reads them).
Customer = Annotated[
    str | None,
    typer.Option("--customer", metavar="NAME", help="Customer the quote is for; overrides the plan's customer."),
]
Seller = Annotated[
    str | None,
    typer.Option("--seller", metavar="NAME", help="Seller on the quote; overrides the plan's quote.seller and config."),
]
QuoteNumber = Annotated[
    str | None,
    typer.Option("--quote-number", metavar="TEXT", help="Quote number; overrides the plan's quote.number."),
]
QuoteDate = Annotated[
    str | None,
    typer.Option(
        "--quote-date",
        metavar="YYYY-MM-DD",
        help="Issue date of the quote; overrides the plan's quote.date (default: today).",
        show_default=False,
    ),
]
