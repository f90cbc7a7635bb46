"""The commented plan template ``imcost init`` writes: it estimates as-is, then gets edited.

The template is dated the day it is written: it estimates that month and names
that day as the purchase day, so estimate, forecast and schedule tell the same
story on it (a fixed date would have estimate price this month while schedule
charged nothing before a purchase in the future).
"""

from __future__ import annotations

from datetime import date

_TEMPLATE = """\
# imcost plan: which edition each app (SDKAppID) is on, how it is used and what
# it needs. imcost works out the add-ons and the cost of every fee.
#   imcost estimate plan.yaml            (see `imcost schema` for editor checks)
#   imcost schedule plan.yaml --months 3 (every charge with its date)
# As written, this plan is one pro app with nothing extra: 999元 a month.

# customer: Example Corp     # shown on quotes (table, markdown, html)
month: YYYY-MM               # natural month to estimate (YYYY-MM); omitted: the current month

# Percent off list price per fee id; `all` covers every fee not named.
# discounts: {package: 15%, all: 5%}

apps:
  - name: my-app             # one entry per SDKAppID; each is priced on its own
    edition: pro             # trial | pro | flagship (or 体验版 专业版 旗舰版)
    purchased_on: YYYY-MM-DD # the day it was bought (edit it): prepaid charges recur on that day
    usage:
      peak_dau: 0            # highest daily active users in the month (over 10,000: overage)
      peak_groups: 0         # highest group count in the month (over 100,000: overage)
      # barrage_mbps:        # AV-chatroom barrage bandwidth, daily peak Mbps
      #   domestic: 20       # one number for every day, or a list of one per day
      #   international: 0
    needs:                   # capacities beyond the edition's defaults, for example:
      # history_days: 90     # message history kept (30, 90, 180, 360)
      # group_members: 2000  # largest group; or {private: 200, public: 2000, chatroom: 2000}
      # groups_per_user: 1000
      # av_chatrooms: 80
    security: false          # 安全打击服务
    # discounts: {all: 10%}  # this app's own discounts replace the plan's
"""


def template(today: date) -> str:
    """The template written on ``today``: it estimates ``today``'s month, bought on ``today``."""
    return _TEMPLATE.replace("YYYY-MM-DD", today.isoformat()).replace("month: YYYY-MM", f"month: {today:%Y-%m}")
