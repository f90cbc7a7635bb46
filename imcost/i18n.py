"""Labels people read, in English and Chinese, kept as data in one place.

Renderers ask for a label by key; JSON keys and values meant for machines
(fee ids, edition ids, amounts) never change with the language. What the rules
say (item descriptions, problems) is a ``Phrase``: a key into ``RULE_TEXT`` and
its values, said in English by the rule and in another language at render
time. Price book texts (sources) are shown as written.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from imcost.textsafe import visible

if TYPE_CHECKING:
    from imcost.pricebook import Edition

LANGS = ("en", "zh")
DEFAULT = "en"
ENV = "IMCOST_LANG"

FEES: dict[str, dict[str, str]] = {
    "en": {
        "package": "Package",
        "dau_overage": "DAU overage",
        "group_overage": "Peak group overage",
        "history_storage": "History storage",
        "chatroom_history_storage": "Chatroom storage",
        "av_chatrooms": "AV chatrooms",
        "group_members": "Group member cap",
        "groups_per_user": "Groups per user",
        "barrage_bandwidth": "Barrage bandwidth",
        "security": "Security service",
        "features": "Feature",
        "local_moderation": "Local moderation",
        "cloud_moderation": "Cloud moderation",
        "calling": "Calling pack",
        "limits": "Limits",
    },
    "zh": {
        "package": "套餐包",
        "dau_overage": "DAU 超量费用",
        "group_overage": "峰值群组数超量费用",
        "history_storage": "延长历史消息存储时长",
        "chatroom_history_storage": "聊天室消息存储",
        "av_chatrooms": "扩展音视频聊天室创建数量上限",
        "group_members": "扩展单个群成员数上限",
        "groups_per_user": "扩展单个用户可加入群组数上限",
        "barrage_bandwidth": "音视频聊天室弹幕带宽",
        "security": "安全打击服务",
        "features": "功能",
        "local_moderation": "本地审核",
        "cloud_moderation": "云端审核",
        "calling": "音视频通话能力",
        "limits": "限制",
    },
}

QUOTAS: dict[str, dict[str, str]] = {
    "en": {
        "users": "Users",
        "friends_per_user": "Friends per user",
        "groups_per_user": "Groups per user",
        "group_members.private": "Members per private group",
        "group_members.public": "Members per public group",
        "group_members.chatroom": "Members per chatroom",
        "av_chatrooms": "AV chatrooms",
        "history_days": "History days",
        "free_dau": "Free DAU",
        "free_peak_groups": "Free peak groups",
        "call_minutes_in_pack": "Call minutes in the largest calling pack",
    },
    "zh": {
        "users": "用户数上限",
        "friends_per_user": "单个用户好友人数上限",
        "groups_per_user": "单个用户可加入群组数上限",
        "group_members.private": "私有群成员数上限",
        "group_members.public": "公开群成员数上限",
        "group_members.chatroom": "聊天室成员数上限",
        "av_chatrooms": "音视频聊天室创建数量上限",
        "history_days": "历史消息存储天数",
        "free_dau": "免费日活跃用户数",
        "free_peak_groups": "免费峰值群组数",
        "call_minutes_in_pack": "最大通话套餐包含的通话分钟数",
    },
}

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "fee": "Fee",
        "description": "Description",
        "quantity": "Quantity",
        "unit_price": "Unit price",
        "list_amount": "List price",
        "discount": "Discount",
        "amount": "Amount",
        "billing": "Billing",
        "total": "Total",
        "estimate_for": "imcost estimate for {month}",
        "quote_for": "Quote for {customer}",
        "customer": "Customer",
        "total_for": "Total for {month}",
        "prices_from": "Prices: {name}, in force from {effective}",
        "prices_undated": "Prices: {name}, {note}",
        "date_not_stated": "date not stated",
        "date_not_stated_updated": "date not stated; document last updated {updated}",
        "prices_apps": "{apps}: {line}",
        "source": "Source",
        "not_feasible": "not feasible",
        "not_feasible_as_written": "Not feasible as written:",
        "cannot_be_quoted": "cannot be quoted as written (the reasons are listed above)",
        "nearest_fits": "nearest that fits: {edition}, {amount} a month",
        "none_fits": "no edition fits",
        "seller": "Seller",
        "contact": "Contact",
        "quote_number": "Quote number",
        "quote_date": "Date",
        "valid_until": "Valid until",
        "valid_days": "{days} days",
        "notes": "Notes",
        "app": "App",
        "edition": "Edition",
        "old": "Old",
        "new": "New",
        "change": "Change",
        "diff_title": "imcost diff: {old} → {new}",
        "price_list": "Price list",
        "price_books": "Price books shipped with imcost",
        "book_id": "Id",
        "vendor": "Vendor",
        "region": "Region",
        "versions": "Versions",
        "sources": "Sources",
        "not_listed": "Not listed by this price book (an app that needs it can't be quoted with it): {fees}",
        "quota_table": "Quotas per edition",
        "item": "Item",
        "price": "Price",
        "unit": "Unit",
        "unlimited": "unlimited",
        "limit": "Limit",
        "month_word": "Month",
        "usage.peak_dau": "Peak DAU",
        "usage.peak_groups": "Peak groups",
        "usage.of_app": "{app} {what}",
        # billing words and units the rules use
        "prepaid": "prepaid",
        "postpaid": "postpaid",
        "free": "free",
        "month": "month",
        "month_count": "month",
        "groups": "groups",
        "Mbps·day": "Mbps·day",
        "domestic": "domestic",
        "international": "international",
        "units": "units",
        "minutes": "minutes",
        # html quote pages (imcost.render.quotepage): the shell, compare's offer, recommend's changes
        "quote.usage_assumed": "Usage assumed",
        "quote.assumed_none": "nothing beyond the edition's inclusions",
        "quote.edition": "edition {edition}",
        "quote.peak_dau": "peak DAU {n}",
        "quote.peak_groups": "peak groups {n}",
        "quote.barrage": "{region} barrage peak {n} Mbps",
        "quote.barrage_daily": "{region} barrage up to {n} Mbps (daily figures)",
        "quote.moderation": "cloud moderation {kind} {n}",
        "quote.moderation.text": "text items",
        "quote.moderation.images": "images",
        "quote.moderation.audio_minutes": "audio minutes",
        "quote.moderation.video_minutes": "video minutes",
        "quote.call_minutes": "{kind} {n} minutes",
        "quote.history_days": "history {n} days",
        "quote.group_members": "{kind} group members {n}",
        "quote.group_members_all": "group members {n}",
        "quote.group.private": "private",
        "quote.group.public": "public",
        "quote.group.chatroom": "chatroom",
        "quote.groups_per_user": "groups per user {n}",
        "quote.av_chatrooms": "AV chatrooms {n}",
        "quote.friends_per_user": "friends per user {n}",
        "quote.users": "users {n}",
        "quote.chatroom_history_days": "chatroom history {n} days",
        "quote.features": "features: {features}",
        "quote.security": "security service",
        "quote.local_moderation": "local moderation",
        "quote.list_separator": "; ",
        "quote.per_month": ", per month",
        "quote.offer_title": "Offer for {app}: editions side by side, {month}",
        "quote.cheapest_mark": "cheapest that fits",
        "quote.cannot_be_bought": "cannot be bought as written",
        "quote.why_not": "Why not {edition}",
        "quote.offer_total": "Cheapest that fits: {edition}, {amount} ({currency}) per month",
        "quote.offer_none": "No edition can be bought as written: no total is quoted.",
        "quote.recommend_title": "Recommended editions for {month}",
        "quote.current": "Current",
        "quote.recommended": "Recommended",
        "quote.add_ons": "Add-ons",
        "quote.per_month_column": "A month",
        "quote.saving_month": "Saving a month",
        "quote.saving_year": "Saving a year",
        "quote.none_named": "none named",
        "quote.other_editions": "Other editions",
        "quote.recommend_total": "Recommended total: {amount} ({currency}) per month",
        "quote.recommend_saving": "Saving {saving} a month, {yearly} a year, against the current editions",
        # html quote pages for forecast and schedule (imcost.render.calendarpage)
        "calendar.period": "Period",
        "calendar.one_month": "1 month",
        "calendar.months": "{n} months",
        "calendar.growing": "{what} growing {rate}% a month from {start} for {months}",
        "calendar.months_heading": "Month by month",
        "calendar.daily": "daily figures from {file}",
        "calendar.fees_heading": "Fees over the period",
        "calendar.editions_heading": "Editions",
        "calendar.cannot_be_quoted": "cannot be quoted as written",
        "calendar.period_total": "Total for the period {period}",
        "calendar.charged_in": "Charged in {month}",
        "calendar.per_charge_date": ", per charge date",
    },
    "zh": {
        "fee": "费用项",
        "description": "说明",
        "quantity": "数量",
        "unit_price": "单价",
        "list_amount": "刊例价",
        "discount": "折扣",
        "amount": "金额",
        "billing": "计费方式",
        "total": "合计",
        "estimate_for": "imcost 费用估算：{month}",
        "quote_for": "报价单：{customer}",
        "customer": "客户",
        "total_for": "{month} 合计",
        "prices_from": "价格：{name}，{effective} 起生效",
        "prices_undated": "价格：{name}，{note}",
        "date_not_stated": "未注明生效日期",
        "date_not_stated_updated": "未注明生效日期；文档最后更新于 {updated}",
        "prices_apps": "{apps}：{line}",
        "source": "来源",
        "not_feasible": "无法按此购买",
        "not_feasible_as_written": "无法按此方案购买：",
        "cannot_be_quoted": "无法按此报价（原因见上）",
        "nearest_fits": "最接近的可行版本：{edition}，每月 {amount}",
        "none_fits": "没有可行的版本",
        "seller": "报价方",
        "contact": "联系方式",
        "quote_number": "报价单号",
        "quote_date": "报价日期",
        "valid_until": "有效期至",
        "valid_days": "{days} 天",
        "notes": "备注",
        "app": "应用",
        "edition": "版本",
        "old": "原金额",
        "new": "新金额",
        "change": "变化",
        "diff_title": "imcost 对比：{old} → {new}",
        "price_list": "价格表",
        "price_books": "imcost 内置价格表",
        "book_id": "编号",
        "vendor": "厂商",
        "region": "地域",
        "versions": "版本",
        "sources": "来源",
        "not_listed": "此价格表未列出（有此需求的应用无法按此价格表报价）：{fees}",
        "quota_table": "各版本配额",
        "item": "项目",
        "price": "价格",
        "unit": "单位",
        "unlimited": "无限制",
        "limit": "上限",
        "month_word": "月份",
        "usage.peak_dau": "峰值 DAU",
        "usage.peak_groups": "峰值群组数",
        "usage.of_app": "{app} {what}",
        "prepaid": "预付费",
        "postpaid": "后付费",
        "free": "免费",
        "month": "月",
        "month_count": "个月",
        "groups": "峰值群组",
        "Mbps·day": "Mbps·天",
        "domestic": "国内",
        "international": "国际",
        "units": "扣量单位",
        "minutes": "分钟",
        # html quote pages (imcost.render.quotepage): the shell, compare's offer, recommend's changes
        "quote.usage_assumed": "报价所依据的用量与需求",
        "quote.assumed_none": "仅版本所含配额",
        "quote.edition": "版本 {edition}",
        "quote.peak_dau": "峰值 DAU {n}",
        "quote.peak_groups": "峰值群组数 {n}",
        "quote.barrage": "{region}弹幕带宽峰值 {n} Mbps",
        "quote.barrage_daily": "{region}弹幕带宽最高 {n} Mbps（按日数据）",
        "quote.moderation": "云端审核{kind} {n}",
        "quote.moderation.text": "文本条数",
        "quote.moderation.images": "图片张数",
        "quote.moderation.audio_minutes": "音频分钟数",
        "quote.moderation.video_minutes": "视频分钟数",
        "quote.call_minutes": "{kind} {n} 分钟",
        "quote.history_days": "历史消息存储 {n} 天",
        "quote.group_members": "{kind}成员数 {n}",
        "quote.group_members_all": "群成员数 {n}",
        "quote.group.private": "私有群",
        "quote.group.public": "公开群",
        "quote.group.chatroom": "聊天室",
        "quote.groups_per_user": "单个用户可加入群组数 {n}",
        "quote.av_chatrooms": "音视频聊天室 {n} 个",
        "quote.friends_per_user": "单个用户好友人数 {n}",
        "quote.users": "用户数 {n}",
        "quote.chatroom_history_days": "聊天室消息存储 {n} 天",
        "quote.features": "功能：{features}",
        "quote.security": "安全打击服务",
        "quote.local_moderation": "本地审核",
        "quote.list_separator": "；",
        "quote.per_month": "，每月",
        "quote.offer_title": "{app} 各版本报价对比：{month}",
        "quote.cheapest_mark": "最便宜的可行版本",
        "quote.cannot_be_bought": "无法按此购买",
        "quote.why_not": "{edition}不可行的原因",
        "quote.offer_total": "最便宜的可行版本：{edition}，每月 {amount}（{currency}）",
        "quote.offer_none": "没有可按此购买的版本，不予报价。",
        "quote.recommend_title": "{month} 推荐版本",
        "quote.current": "当前版本",
        "quote.recommended": "推荐版本",
        "quote.add_ons": "增值服务",
        "quote.per_month_column": "每月金额",
        "quote.saving_month": "每月节省",
        "quote.saving_year": "每年节省",
        "quote.none_named": "未指定",
        "quote.other_editions": "其他版本",
        "quote.recommend_total": "推荐方案合计：每月 {amount}（{currency}）",
        "quote.recommend_saving": "较当前版本每月节省 {saving}，每年节省 {yearly}",
        # html quote pages for forecast and schedule (imcost.render.calendarpage)
        "calendar.period": "期间",
        "calendar.one_month": "1 个月",
        "calendar.months": "{n} 个月",
        "calendar.growing": "{what}，自 {start} 起每月增长 {rate}%，共 {months}",
        "calendar.months_heading": "逐月费用",
        "calendar.daily": "按日数据取自 {file}",
        "calendar.fees_heading": "期间各项费用",
        "calendar.editions_heading": "版本",
        "calendar.cannot_be_quoted": "无法按此报价",
        "calendar.period_total": "{period} 期间合计",
        "calendar.charged_in": "{month} 扣费",
        "calendar.per_charge_date": "，按扣费日期",
    },
}


def t(key: str, lang: str = DEFAULT, **values: str) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled from ``values`` made visible.

    Labels are for people, and the values are often the user's (an app, a file, a price
    book's name): a control or bidi character in one is shown as an escape (imcost.textsafe).
    """
    text = TEXT.get(lang, TEXT[DEFAULT]).get(key, TEXT[DEFAULT].get(key, key))
    return text.format(**{k: visible(v) for k, v in values.items()}) if values else text


def word(text: str, lang: str = DEFAULT) -> str:
    """A billing word, unit or region from the data, translated when we know it."""
    return TEXT.get(lang, TEXT[DEFAULT]).get(text, text) if text in TEXT[DEFAULT] else text


def colon(lang: str = DEFAULT) -> str:
    """What follows a label: ``: ``, or the full-width ``：`` in Chinese."""
    return "：" if lang == "zh" else ": "


def fee_label(fee: str, lang: str = DEFAULT) -> str:
    return FEES.get(lang, FEES[DEFAULT]).get(fee, fee)


def edition_title(edition: Edition, lang: str = DEFAULT) -> str:
    """``pro (专业版)`` in English, ``专业版`` in Chinese (a price book's names made visible)."""
    return visible(edition.label if lang == "zh" else edition.title)


def quota_label(quota: str, lang: str = DEFAULT) -> str:
    return QUOTAS.get(lang, QUOTAS[DEFAULT]).get(quota, quota)


# --- Billing calendar: forecast, schedule and the months of a daily estimate ---
# Kept as one block so other commands' labels can be added beside it.
TEXT["en"].update(
    {
        "period": "{first} to {last}",
        "forecast_title": "Forecast {period}",
        "cheapest_in": "Cheapest edition in {month}: {apps}",
        "edition_of_app": "{edition} ({app})",
        "none_feasible": "none feasible",
        "edition_switch": "{app}: the cheapest edition changes from {before} to {after} in {month}",
        "no_switch": "The cheapest edition does not change over the period.",
        "month_problem": "✗ {month} {app} not feasible: {message}",
        "net_of_discounts": "Net of discounts: {discount} off the list price {list_amount}",
        "schedule_title": "Charges for {period}",
        "date": "Date",
        "covers": "Covers",
        "charged_for": "Total charged for {period}",
        "discount_percent": "Discount %",
        "list_separator": ", ",
        "problems_separator": "; ",
        "prepaid_column": "Prepaid",
        "postpaid_column": "Postpaid",
        "folded_by_billing": "Fees are summed by billing to fit the width; --format markdown or csv shows each fee.",
    }
)
TEXT["zh"].update(
    {
        "period": "{first} 至 {last}",
        "forecast_title": "费用预测：{period}",
        "cheapest_in": "{month} 最便宜的版本：{apps}",
        "edition_of_app": "{edition}（{app}）",
        "none_feasible": "无可购买的版本",
        "edition_switch": "{app}：自 {month} 起最便宜的版本由{before}变为{after}",
        "no_switch": "期间内最便宜的版本不变。",
        "month_problem": "✗ {month} {app} 无法按此购买：{message}",
        "net_of_discounts": "已扣除折扣 {discount}（刊例价 {list_amount}）",
        "schedule_title": "扣费计划：{period}",
        "date": "日期",
        "covers": "计费周期",
        "charged_for": "{period} 扣费合计",
        "discount_percent": "折扣率",
        "list_separator": "，",
        "problems_separator": "；",
        "prepaid_column": "预付费",
        "postpaid_column": "后付费",
        "folded_by_billing": "为适应显示宽度，费用按计费方式合计；--format markdown 或 csv 可逐项显示。",
    }
)


# --- compare, recommend and cost curves ---------------------------------------
# Their labels are namespaced ("compare.", "recommend.", "curve.") so that no
# billing word or unit from the data is mistaken for one.

TEXT["en"].update(
    {
        "compare.title": "{app}: editions compared, {month}",
        "compare.cannot": "can't",
        "compare.cannot_see_below": "can't (see below)",
        "compare.why_not": "{edition}: {reasons}",
        "compare.none_fits": "No edition compared can meet these needs.",
        "compare.cheapest": "cheapest that fits: {edition}, {amount} a month",
        "compare.net_of": "Amounts are net of the plan's discounts ({discounts}).",
        "recommend.title": "imcost recommendation for {month}",
        "recommend.headline": "{app}: recommended {edition}, {amount} a month",
        "recommend.none": "{app}: no edition can meet the needs: {reasons}",
        "recommend.current_cannot": "current: {edition} can't meet the needs (reasons below)",
        "recommend.current_cheapest": "current: {edition}, {amount} a month: already the cheapest",
        "recommend.current_saving": "current: {edition}, {amount} a month; saving {saving} a month, {yearly} a year",
        "recommend.rejected_cannot": "{edition}: can't: {reasons}",
        "recommend.rejected_same": "{edition}: costs the same ({total})",
        "recommend.rejected_more": "{edition}: costs {extra} more ({total})",
        "recommend.current": "current",
        "recommend.current_total": "current_total",
        "recommend.recommended": "recommended",
        "recommend.recommended_total": "recommended_total",
        "recommend.saving": "saving",
        "recommend.yearly_saving": "yearly_saving",
        "curve.title": "{app}: cost by {variable}, {month}",
        "curve.cheapest": "cheapest",
        "curve.none_fits": "none fits",
        "curve.break_even": "break-even at {variable} {at}: {before} → {after}",
        "curve.no_edition": "no edition",
        "curve.no_edition_fits": "no edition fits",
        "curve.no_break_even": "no break-even: {edition} is the cheapest at every value of the range",
        "curve.none_ever_fits": "no break-even: no edition fits at any value of the range",
        "curve.steady_more": (
            "{edition} costs {more} more than {cheapest} at every value (the difference never changes)"
        ),
        "curve.steady_same": "{edition} costs the same as {cheapest} at every value (the first listed is marked)",
        "curve.never_fits": "{edition} can't meet the needs at any value: {why}",
        "curve.rows_shown": "{shown} of {total} values shown; --format csv or json lists every one",
    }
)
TEXT["zh"].update(
    {
        "compare.title": "{app}：各版本对比，{month}",
        "compare.cannot": "无法购买",
        "compare.cannot_see_below": "无法购买（原因见下）",
        "compare.why_not": "{edition}：{reasons}",
        "compare.none_fits": "所对比的版本均无法满足需求。",
        "compare.cheapest": "满足需求的最低价版本：{edition}，每月 {amount}",
        "compare.net_of": "金额已扣除方案折扣（{discounts}）。",
        "recommend.title": "imcost 版本推荐：{month}",
        "recommend.headline": "{app}：推荐{edition}，每月 {amount}",
        "recommend.none": "{app}：没有版本能满足需求：{reasons}",
        "recommend.current_cannot": "当前：{edition}无法满足需求（原因见下）",
        "recommend.current_cheapest": "当前：{edition}，每月 {amount}，已是最低价",
        "recommend.current_saving": "当前：{edition}，每月 {amount}；每月可节省 {saving}，每年 {yearly}",
        "recommend.rejected_cannot": "{edition}：无法购买：{reasons}",
        "recommend.rejected_same": "{edition}：价格相同（{total}）",
        "recommend.rejected_more": "{edition}：贵 {extra}（{total}）",
        "recommend.current": "当前版本",
        "recommend.current_total": "当前合计",
        "recommend.recommended": "推荐版本",
        "recommend.recommended_total": "推荐合计",
        "recommend.saving": "每月节省",
        "recommend.yearly_saving": "每年节省",
        "curve.title": "{app}：费用曲线（{variable}），{month}",
        "curve.cheapest": "最低价版本",
        "curve.none_fits": "均无法满足",
        "curve.break_even": "临界点：{variable} = {at}，最低价版本由{before}变为{after}",
        "curve.no_edition": "无",
        "curve.no_edition_fits": "无版本可满足",
        "curve.no_break_even": "无临界点：整个范围内最低价版本均为{edition}",
        "curve.none_ever_fits": "无临界点：整个范围内没有版本可满足需求",
        "curve.steady_more": "{edition}在每个取值都比{cheapest}贵 {more}（差额不变）",
        "curve.steady_same": "{edition}在每个取值都与{cheapest}价格相同（标记先列出的版本）",
        "curve.never_fits": "{edition}在整个范围内都无法满足需求：{why}",
        "curve.rows_shown": "共 {total} 个取值，显示其中 {shown} 个；--format csv 或 json 可列出全部",
    }
)

# The usage or need a cost curve runs over; English shows the flag's name.
CURVE_VARIABLES: dict[str, str] = {
    "dau": "DAU",
    "groups": "峰值群组数",
    "barrage-domestic": "国内弹幕带宽（Mbps）",
    "barrage-international": "国际弹幕带宽（Mbps）",
    "history-days": "历史消息存储天数",
    "group-members": "单个群成员数",
    "groups-per-user": "单个用户可加入群组数",
    "av-chatrooms": "音视频聊天室个数",
    "friends": "单个用户好友人数",
    "users": "用户数",
}


def variable_label(name: str, lang: str = DEFAULT) -> str:
    """``dau`` (the flag's name) in English, ``DAU`` in Chinese."""
    return CURVE_VARIABLES.get(name, name) if lang == "zh" else name


def edition_name(edition: Edition, lang: str = DEFAULT) -> str:
    """The short name in running text and curve columns: ``pro`` in English, ``专业版`` in Chinese."""
    return visible(edition.label if lang == "zh" else edition.id)


# --- What the rules say: item descriptions and problems -----------------------
# Each rule says its description or problem as a Phrase; the English here is
# exactly what the rules have always written (JSON and English output carry it),
# the Chinese is what a quote shows with --lang zh. Numbers keep thousands
# separators ("{n:,}"); where English wrote a number without them, so does its
# template here.

Value: TypeAlias = "str | int | Decimal | Phrase | tuple[Phrase, ...]"


@dataclass(frozen=True)
class Phrase:
    """A sentence a rule says: a key into ``RULE_TEXT`` and the values to fill in.

    A value is a number (formatted by the template), a text shown as it is (a
    name), a phrase of its own (said in the same language), or a tuple of
    phrases (a list: ``pro and flagship``, ``专业版和旗舰版``).
    """

    key: str
    values: tuple[tuple[str, Value], ...] = ()


def phrase(key: str, **values: Value) -> Phrase:
    return Phrase(key, tuple(values.items()))


RULE_TEXT: dict[str, dict[str, str]] = {
    "en": {
        # editions: "pro (专业版)" where a title is shown, "pro" in running text
        "edition.title": "{id} ({label})",
        "edition.id": "{id}",
        "list.last": " and ",
        "list.between": " and ",
        # a need: a count, or "unlimited"
        "need": "{n:,}",
        "need.unlimited": "unlimited",
        # what a need or a fee is, in problems
        "what.dau_overage": "DAU",
        "what.group_overage": "groups",
        "what.history_over": "history storage over {days} days",
        "what.barrage_bandwidth": "AV-chatroom barrage bandwidth",
        "what.security": "the security service",
        "what.av_chatrooms": "AV chatrooms",
        "what.groups_per_user": "groups per user",
        "what.group_members": "members per {group} group",
        "group.private": "private",
        "group.public": "public",
        "group.chatroom": "chatroom",
        "region.domestic": "domestic",
        "region.international": "international",
        # item descriptions
        "overage": "{over:,} over the free {free:,}",
        "raised_to": "raised to {limit:,}",
        "raised_to.unlimited": "raised to unlimited",
        "history.kept": "kept {days} days",
        "barrage": "{region}",
        "barrage.daily": "{region}; settled daily, each day rounded to the fen",
        "security": "安全打击服务",
        # content moderation (IM 内容审核) and calling packs (音视频通话能力)
        "what.moderation": "content moderation",
        "what.calling": "audio/video calling",
        "what.group_calling": "group calling",
        "moderation.local": "local moderation (本地审核)",
        "moderation.all_postpaid": "all postpaid",
        "moderation.pack": "1 monthly pack",
        "moderation.packs": "{packs:,} monthly packs",
        "moderation.mixed": "{packs} + {units:,f} units postpaid",
        "moderation.costs": "{option} {amount}",
        "moderation.chosen.1": "{choice} (cheapest; {o0})",
        "moderation.chosen.2": "{choice} (cheapest; {o0}, {o1})",
        "moderation.rest": "{units:,f} units postpaid beyond the packs",
        "moderation.monthly": "{packs} beside the yearly packs",
        "moderation.yearly": "{pack}, bought for the 12 months from {start} "
        "(cheapest for them; month by month {alone})",
        "moderation.yearly.pack": "yearly pack of {units:,} units",
        "calling.one_to_one": "one-to-one calling",
        "calling.group": "group calling",
        "calling.pack": "{kind} pack of {minutes:,} minutes, {marked} (the list's limited-time discount price)",
        "calling.beyond": "{kind} pack of {minutes:,} minutes, {marked} (the list's limited-time discount price); "
        "{beyond:,} minutes beyond it are billed by TRTC's own list, not priced here",
        "price.moderation.units": "per unit: text ×{text}, image ×{images}, audio minute ×{audio_minutes}, "
        "video minute ×{video_minutes}; settled daily",
        "price.moderation.monthly": "monthly pack, valid a month",
        "price.moderation.yearly": "yearly pack, valid a year",
        # the price list (imcost prices): how overage is sold
        "price.overage": "over the free quota, per started unit",
        # problems
        "overage.not_billed": "{what}: peak {peak:,} is over the {free:,} that {edition} allows; "
        "overage is billed only on {editions}",
        "overage.not_billed.anywhere": "{what}: peak {peak:,} is over the {free:,} that {edition} allows; "
        "overage is billed only on no edition",
        "not_sold": "{what} is sold only on {editions}, not on {edition}",
        "not_sold.anywhere": "{what} is not listed by price book {book}",
        "addon.not_sold": "{what}: needs {need}, {edition} allows {allowed:,} "
        "and the add-on is sold only on {editions}",
        "addon.none": "{what}: needs {need}, {edition} allows {allowed:,}; more is not priced by price book {book}",
        "addon.capped": "{what}: needs {need}, {edition} caps at {cap:,} with the add-on",
        "history.capped": "history storage: needs {need:,} days, {edition} keeps at most {longest:,} days",
        # chatroom message storage and features (books that sell them: Easemob)
        "what.chatroom_history": "chatroom message storage of {days:,} days",
        "chatroom.kept": "kept {days:,} days",
        "chatroom.capped": "chatroom message storage: needs {need:,} days, {edition} keeps at most {longest:,} days",
        "feature.presence": "presence",
        "feature.reactions": "reactions",
        "feature.pre_send_callback": "pre-send callback",
        "feature.callback_exception_cache": "callback exception cache",
        "feature.request_monitoring": "request-quality monitoring",
        "feature.sold": "{feature}",
        "feature.included": "{feature}: included",
        "limits.friends": "friends per user: needs {need:,}, {edition} caps at {cap:,} and it can't be extended",
        "limits.users": "users: needs {need}, {edition} allows {allowed:,} and it can't be extended",
    },
    "zh": {
        "edition.title": "{label}",
        "edition.id": "{label}",
        "list.last": "和",
        "list.between": "、",
        # The space sits in the value: "需要 1,000" but "需要无上限".
        "need": " {n:,}",
        "need.unlimited": "无上限",
        "what.dau_overage": "峰值 DAU",
        "what.group_overage": "峰值群组数",
        "what.history_over": "超过 {days:,} 天的历史消息存储",
        "what.barrage_bandwidth": "音视频聊天室弹幕带宽",
        "what.security": "安全打击服务",
        "what.av_chatrooms": "音视频聊天室创建数量",
        "what.groups_per_user": "单个用户可加入群组数",
        "what.group_members": "{group}成员数",
        "group.private": "私有群",
        "group.public": "公开群",
        "group.chatroom": "聊天室",
        "region.domestic": "国内",
        "region.international": "国际",
        "overage": "超出免费额度 {free:,} 的 {over:,}",
        "raised_to": "提升至 {limit:,}",
        "raised_to.unlimited": "提升至无上限",
        "history.kept": "存储 {days:,} 天",
        "barrage": "{region}",
        "barrage.daily": "{region}；按天结算，每日金额四舍五入到分",
        "security": "安全打击服务",
        "what.moderation": "内容审核",
        "what.calling": "音视频通话能力",
        "what.group_calling": "群组通话",
        "moderation.local": "本地审核",
        "moderation.all_postpaid": "全部后付费",
        "moderation.pack": "1 个月包",
        "moderation.packs": "{packs:,} 个月包",
        "moderation.mixed": "{packs} + 后付费 {units:,f} 扣量单位",
        "moderation.costs": "{option} ¥{amount}",
        "moderation.chosen.1": "{choice}（最低价；{o0}）",
        "moderation.chosen.2": "{choice}（最低价；{o0}，{o1}）",
        "moderation.rest": "资源包之外后付费 {units:,f} 扣量单位",
        "moderation.monthly": "年包之外另购 {packs}",
        "moderation.yearly": "{pack}，自 {start} 起 12 个月使用（这 12 个月的最低价；逐月购买 ¥{alone}）",
        "moderation.yearly.pack": "年包 {units:,} 扣量单位",
        "calling.one_to_one": "1v1 通话",
        "calling.group": "群组通话",
        "calling.pack": "{kind}套餐 {minutes:,} 分钟，{marked}",
        "calling.beyond": "{kind}套餐 {minutes:,} 分钟，{marked}；"
        "超出的 {beyond:,} 分钟按 TRTC 自身价格计费，imcost 不计价",
        "price.overage": "超出免费额度的部分，不足一个单位按一个单位计算",
        "price.moderation.units": "按扣量单位：文本每条 ×{text}，图片每张 ×{images}，音频每分钟 ×{audio_minutes}，"
        "视频每分钟 ×{video_minutes}；按日结算",
        "price.moderation.monthly": "月包，有效期 1 个月",
        "price.moderation.yearly": "年包，有效期 1 年",
        "overage.not_billed": "{what} {peak:,} 超出{edition}的免费额度 {free:,}，仅{editions}支持超量计费",
        "overage.not_billed.anywhere": "{what} {peak:,} 超出{edition}的免费额度 {free:,}，所有版本均不支持超量计费",
        "not_sold": "{what}仅在{editions}提供，{edition}不提供",
        "not_sold.anywhere": "价格表 {book} 未列出{what}",
        "addon.not_sold": "{what}需要{need}，{edition}上限 {allowed:,}，该增值服务仅在{editions}提供",
        "addon.none": "{what}需要{need}，{edition}上限 {allowed:,}，价格表 {book} 未列出扩展价格",
        "addon.capped": "{what}需要{need}，{edition}购买增值服务后上限为 {cap:,}",
        "history.capped": "历史消息存储需要 {need:,} 天，{edition}最长存储 {longest:,} 天",
        "what.chatroom_history": "保存 {days:,} 天的聊天室消息存储",
        "chatroom.kept": "存储 {days:,} 天",
        "chatroom.capped": "聊天室消息存储需要 {need:,} 天，{edition}最长存储 {longest:,} 天",
        "feature.presence": "在线状态订阅",
        "feature.reactions": "消息表情回复",
        "feature.pre_send_callback": "发送前回调",
        "feature.callback_exception_cache": "回调异常缓存",
        "feature.request_monitoring": "请求质量监控",
        "feature.sold": "{feature}",
        "feature.included": "{feature}：已包含",
        "limits.friends": "单个用户好友人数需要 {need:,}，{edition}上限 {cap:,}，且不支持扩展",
        "limits.users": "用户数需要{need}，{edition}上限 {allowed:,}，且不支持扩展",
    },
}


# Set while estimates are made only to compare their totals (imcost.forecast): their words are never read.
_WORDLESS: ContextVar[bool] = ContextVar("wordless", default=False)


@contextmanager
def wordless() -> Iterator[None]:
    """Within it, say() makes no sentence (it returns empty text): for estimates nobody prints."""
    token = _WORDLESS.set(True)
    try:
        yield
    finally:
        _WORDLESS.reset(token)


def say(said: Phrase, lang: str = DEFAULT) -> str:
    """``said`` in ``lang``; a key with no text in ``lang`` is said in English; empty within wordless()."""
    if _WORDLESS.get():
        return ""
    text = RULE_TEXT.get(lang, RULE_TEXT[DEFAULT])
    template = text.get(said.key) or RULE_TEXT[DEFAULT][said.key]
    values = {name: _said_value(value, lang) for name, value in said.values}
    return _CHINESE_COUNTS.vformat(template, (), values) if lang == "zh" else template.format(**values)


def _said_value(value: Value, lang: str) -> str | int | Decimal:
    if isinstance(value, Phrase):
        return say(value, lang)
    if isinstance(value, tuple):
        return _listed([say(v, lang) for v in value], lang)
    return value


def _listed(parts: list[str], lang: str) -> str:
    """``pro and flagship``; ``专业版和旗舰版``, ``体验版、专业版和旗舰版``."""
    text = RULE_TEXT.get(lang, RULE_TEXT[DEFAULT])
    if len(parts) < 2:
        return "".join(parts)
    return text["list.between"].join(parts[:-1]) + text["list.last"] + parts[-1]


def rule_text(english: str, said: Phrase | None, lang: str = DEFAULT) -> str:
    """What a rule said, in ``lang``: its English exactly as stored, or its phrase said in ``lang``."""
    if lang == DEFAULT or said is None:
        return english
    return say(said, lang)


# --- Chinese counts and units: 1万 DAU, 10万 峰值群组 ------------------------------
# The price list writes its sizes in 万 (免费峰值群组数 10万/月; 1000元/10万/月), so
# Chinese output does too: a count that is a whole number of 万 (10,000) reads N万
# (1万, 10万, 110万), any other keeps its thousands separators (35,000, 1,000).
# Amounts are never counts: they keep the ¥ format of every language.

WAN = 10_000

TEXT["en"].update({"peak groups": "peak groups"})
TEXT["zh"].update({"peak groups": "峰值群组"})


def count_text(n: int, lang: str = DEFAULT) -> str:
    """``100,000`` in English; ``10万`` in Chinese, where the count is a whole number of 万."""
    if lang == "zh" and n > 0 and n % WAN == 0:
        return f"{n // WAN:,}万"
    return f"{n:,}"


def unit_text(unit: str, lang: str = DEFAULT) -> str:
    """A line item's or a price's unit for people; in Chinese ``10,000 DAU`` -> ``1万 DAU``,
    ``100,000 groups`` -> ``10万 峰值群组``.

    A unit with a size keeps its number (in 万 where it is whole) and translates its word; one without
    (``month``, ``Mbps·day``) is the word alone.
    """
    if not unit[:1].isdigit():
        return word(unit, lang)
    size, _, what = unit.partition(" ")
    digits = size.replace(",", "")
    number = count_text(int(digits), lang) if digits.isdigit() else size
    return f"{number} {word(what, lang)}"


class _ChineseCounts(string.Formatter):
    """Chinese templates' ``{n:,}``: a whole number of 万 as N万 (count_text), any other as English writes it."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec == "," and isinstance(value, int) and not isinstance(value, bool):
            return count_text(value, "zh")
        if format_spec == ",f" and isinstance(value, Decimal) and value == value.to_integral_value():
            return count_text(int(value), "zh")
        return str(super().format_field(value, format_spec))


_CHINESE_COUNTS = _ChineseCounts()
