"""Each pricing command's output in the format asked for: its quote page for html, else its own writer.

The quote pages (imcost.render.offerpage, imcost.render.calendarpage) build on the
writers' modules, so the choice between them is made here, above both, and no
writer imports a page. Each command loads only its own writer and page (start-up).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

    from imcost.compare import Comparison, Recommendation
    from imcost.forecast import ForecastRun
    from imcost.plan import AppPlan
    from imcost.quote import Quote
    from imcost.schedule import ScheduleRun


def comparison(
    compared: Comparison, fmt: str, lang: str, assumed: AppPlan, quote: Quote | None, customer: str | None
) -> str | RenderableType:
    """compare's output; html is the offer page, ``assumed`` the app as the plan and flags give it."""
    if fmt == "html":
        from imcost.render.offerpage import compare_page

        return compare_page(compared, assumed, lang, quote, customer)
    from imcost.render import comparison as comparison_out

    return comparison_out.render(compared, fmt, lang, quote, customer)


def recommendation(
    recs: Iterable[Recommendation],
    fmt: str,
    lang: str,
    assumed: Sequence[AppPlan],
    quote: Quote | None,
    customer: str | None,
) -> str | Iterator[str] | RenderableType:
    """recommend's output: JSON and CSV written app by app as each recommendation is made; the table,
    markdown and the html page (changes and savings, ``assumed`` the apps as given) from them all."""
    from imcost.render import recommendation as recommendation_out

    streamed = recommendation_out.streamed(recs, fmt, lang, quote, customer)
    if streamed is not None:
        return streamed
    held = tuple(recs)
    if fmt == "html":
        from imcost.render.offerpage import recommend_page

        return recommend_page(held, assumed, lang, quote, customer)
    return recommendation_out.render(held, fmt, lang, quote, customer)


def forecast(run: ForecastRun, fmt: str, lang: str) -> str | Iterator[str] | RenderableType:
    """forecast's output, made month by month as it is written; html from the Summary of its months."""
    from imcost.render import forecast as forecast_out

    if fmt == "html":
        from imcost.render.calendarpage import forecast_page

        forecast_out.check_size(run, fmt)
        return forecast_page(run, forecast_out.Summary.read(run), lang)
    return forecast_out.output(run, fmt, lang)


def schedule(run: ScheduleRun, fmt: str, lang: str) -> str | Iterator[str] | RenderableType:
    """schedule's output; the html page is written charge by charge as they are made."""
    if fmt == "html":
        from imcost.render.calendarpage import schedule_page

        return schedule_page(run, lang)
    from imcost.render import schedule as schedule_out

    return schedule_out.output(run, fmt, lang)
