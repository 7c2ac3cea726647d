"""`/healthz`: a load balancer's liveness probe, through the whole middleware stack.

Answers {"status": "ok"} when the database connection opens (kept across requests, so usually no
round trip); 503 otherwise. No login, no data. The benchmark uses it as the floor of API throughput:
a minimal JSON view behind the same middleware as every API call.
"""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        connection.ensure_connection()
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
