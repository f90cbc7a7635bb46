"""The values every layer shares: a charged line item, a problem, the fee ids.

They live apart from the rules (imcost.rules.base re-exports them) so that
modules below the rules, such as imcost.discounts, can use them without
importing the rules, and so the plan reader, discounts and rules form no circle.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from imcost.i18n import Phrase, say

FEE_IDS = (
    "package",
    "dau_overage",
    "group_overage",
    "history_storage",
    "chatroom_history_storage",
    "av_chatrooms",
    "group_members",
    "groups_per_user",
    "barrage_bandwidth",
    "security",
    "features",
    "local_moderation",
    "cloud_moderation",
    "calling",
)


@dataclass(frozen=True)
class LineItem:
    """One charged fee: ``quantity`` x ``unit_price`` = ``amount`` (exact, in 元)."""

    fee: str
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    amount: Decimal
    billing: str
    source: str
    # Set by imcost.discounts when a discount applies: ``amount`` is then the net.
    list_amount: Decimal | None = None
    discount_percent: Decimal = Decimal(0)
    # The description as a phrase, for other languages; ``description`` is its English.
    phrase: Phrase | None = None
    # A postpaid item settled day by day (cloud moderation), not on the 3rd of the next month.
    settled_daily: bool = False
    # A prepaid item valid longer than its cycle (a yearly moderation pack: 12 months).
    valid_months: int = 1

    @property
    def list_price(self) -> Decimal:
        """The amount before any discount."""
        return self.amount if self.list_amount is None else self.list_amount

    @property
    def discount(self) -> Decimal:
        """How much the discount takes off the list amount."""
        return self.list_price - self.amount


@dataclass(frozen=True)
class Problem:
    """Why the plan can't be bought as written; ``fee`` names the rule that found it."""

    fee: str
    message: str
    # The message as a phrase, for other languages; ``message`` is its English.
    phrase: Phrase | None = None

    @classmethod
    def said(cls, fee: str, said: Phrase) -> Problem:
        return cls(fee, say(said), said)
