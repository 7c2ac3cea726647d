"""The ledgers page: each ledger's 导出 (the filtered list, personal data masked), its template and its
import — all three run through the workbench's export and import jobs (/exports/…, /imports/…)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.disputes import perms
from fazhi.disputes.ledgers import LEDGERS
from fazhi.disputes.services.ledgers import IMPORTS
from fazhi.disputes.views.common import require_page
from fazhi.org.scope import has_perm


@login_required
def ledgers(request: HttpRequest) -> HttpResponse:
    require_page(request, perms.VIEW)
    query = request.GET.urlencode()
    items = [
        {
            "code": code,
            "name": ledger.name,
            "query": query,
            "can_import": has_perm(request.user, IMPORTS[code][1]),
        }
        for code, ledger in LEDGERS.items()
    ]
    return render(request, "disputes/ledgers.html", {"ledgers": items})
