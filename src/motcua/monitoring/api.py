"""`GET /api/v1/indicators/?unit=&agency=&procedure=&field=&from=&to=` (JSON, or `format=csv`)."""

from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from motcua.core.spreadsheets import csv_text
from motcua.monitoring import parts, scoring, selectors
from motcua.monitoring.reports import flat


class IndicatorsThrottle(SimpleRateThrottle):
    """Indicator queries per user (they read many rollup rows)."""

    scope = "indicators"

    @property
    def cache(self) -> BaseCache:  # type: ignore[override]
        return caches["shared"]

    def get_rate(self) -> str:
        return settings.MOTCUA_INDICATORS_RATE

    def get_cache_key(self, request: Any, view: Any) -> str:
        ident = request.user.pk if request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class CSVRenderer(BaseRenderer):
    """One line per agency of `results`, nested fields flattened as `group.field`."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> bytes:
        rows = data.get("results", []) if isinstance(data, dict) else []
        return csv_text(list(rows[0]) if rows else ["agency"], rows).encode()


def score_body(score: scoring.Score) -> dict[str, Any]:
    return {
        "total": score.total,
        "measurable": score.measurable,
        "groups": [
            {"code": code, "name": str(name), "max_points": top, "points": score.group_points(code)}
            for code, (name, top) in scoring.GROUPS.items()
        ],
        "indicators": [
            {
                "code": line.rule.code,
                "group": line.rule.group,
                "name": str(line.rule.name),
                "measured": line.measured,
                "rate": line.ratio,
                "threshold": line.rule.threshold,
                "points": line.points,
                "max_points": line.rule.max_points,
            }
            for line in score.lines
        ],
    }


INDICATOR_FILTERS = [
    OpenApiParameter("unit", str, description="administrative unit code"),
    OpenApiParameter("agency", str, description="agency code"),
    OpenApiParameter("procedure", str, description="procedure code"),
    OpenApiParameter("field", str, description="field code"),
    OpenApiParameter("from", str, description="YYYY-MM-DD (default: 1st of the month)"),
    OpenApiParameter("to", str, description="YYYY-MM-DD (default: today)"),
]


class IndicatorsView(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [IndicatorsThrottle]
    renderer_classes = [JSONRenderer, CSVRenderer]

    def handle_exception(self, exc: Exception) -> Response:
        """Errors are JSON in the shape of shared/API.md, whatever format the data was asked in."""
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    @extend_schema(
        summary="Service-quality indicators and Decision 766 points per agency, for a period",
        parameters=[*INDICATOR_FILTERS, OpenApiParameter("format", str, enum=["json", "csv"])],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/csv"): OpenApiTypes.STR,
        },
    )
    def get(self, request: Request) -> Response:
        q = request.query_params
        start, end = selectors.period(q.get("from", ""), q.get("to", ""))
        scope = selectors.scope_for(
            request.user,
            start=start,
            end=end,
            unit=q.get("unit", ""),
            agency=q.get("agency", ""),
            procedure=q.get("procedure", ""),
            field_code=q.get("field", ""),
        )
        total = selectors.totals(scope)
        rows = selectors.by_agency(scope)
        integrity = selectors.integrity_counts(scope)
        none = dict.fromkeys(selectors.INTEGRITY_COUNTS, 0)
        if request.accepted_renderer.format == "csv":
            return Response({"results": [flat(r) for r in rows]})
        return Response(
            {
                "from": start,
                "to": end,
                **{k: v for k, v in scope.filters.items() if v},
                "totals": {
                    **total.as_dict(),
                    # complaints and flags of the agencies in the results (integrity app)
                    "integrity": {
                        name: sum(integrity.get(r.agency.code, none)[name] for r in rows)
                        for name in selectors.INTEGRITY_COUNTS
                    },
                    "score_766": score_body(scoring.score(total.counters)),
                },
                # joint dossiers (issue 24): each agency's parts, late parts and the dossiers
                # its lateness made late
                "parts_by_agency": [a.as_dict() for a in parts.parts_by_agency(scope)],
                "count": len(rows),
                "next": None,
                "results": [
                    {
                        "rank": r.rank,
                        "agency": {
                            "code": r.agency.code,
                            "name": r.agency.name,
                            "unit": r.agency.unit.code if r.agency.unit_id else None,
                        },
                        "indicators": r.indicators.as_dict(),
                        "integrity": integrity.get(r.agency.code, none),
                        "score_766": score_body(r.score),
                    }
                    for r in rows
                ],
            }
        )


class IndicatorsCsvView(IndicatorsView):
    """The same indicators as a spreadsheet (one line per agency): `/api/v1/indicators.csv`,
    one media type per operation for clients generated from the OpenAPI description."""

    renderer_classes = [CSVRenderer]

    @extend_schema(
        summary="Service-quality indicators per agency, as CSV",
        parameters=INDICATOR_FILTERS,
        responses={(200, "text/csv"): OpenApiTypes.STR},
        operation_id="indicators_csv",
        tags=["indicators"],
    )
    def get(self, request: Request) -> Response:
        return super().get(request)
