"""Application errors raised under a page render as a page, in Chinese (the API has its own handlers)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.errors import BUSY_MESSAGE, FazhiError, database_busy

TITLES = {404: "未找到", 403: "无权访问", 409: "当前状态不允许此操作", 400: "输入有误"}


class ErrorPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None
        if database_busy(exc):
            response = render(
                request, "workbench/error.html", {"title": "系统繁忙", "message": BUSY_MESSAGE}, status=503
            )
            response["Retry-After"] = "5"
            return response
        if not isinstance(exc, FazhiError):
            return None
        title = TITLES.get(exc.status, "出错了")
        return render(
            request, "workbench/error.html", {"title": title, "message": exc.message}, status=exc.status
        )
