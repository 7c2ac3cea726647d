"""The JSON API under /api/v1/: one NinjaAPI, two ways in (session for pages, bearer token for
clients), one error shape everywhere: {"code", "message", "fields"}."""

from __future__ import annotations

from typing import Any

from django.db import DataError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer
from ninja.security import APIKeyCookie, HttpBearer

from fazhi.core.api_errors import field_errors
from fazhi.core.errors import BUSY_MESSAGE, FazhiError, database_busy


class Utf8Renderer(JSONRenderer):
    """Chinese messages as characters, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from fazhi.org.services import token_authenticate

        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class Session(APIKeyCookie):
    """The page session; unsafe methods need the CSRF token like any form post."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from fazhi.org.auth import confirmed_totp, password_expired, requires_2fa

            if password_expired(user) or (requires_2fa(user) and confirmed_totp(user) is None):
                return None
            return user
        return None


api = NinjaAPI(
    title="法治平台 API",
    version="1",
    description="街道法治政府建设工作平台接口。错误统一为 {code, message, fields}。",
    auth=[BearerToken(), Session()],
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=Utf8Renderer(),
)


def error_response(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, body, status=status)


@api.exception_handler(FazhiError)
def on_fazhi_error(request: HttpRequest, exc: FazhiError) -> HttpResponse:
    return error_response(request, exc.status, exc.as_dict())


@api.exception_handler(NinjaValidationError)
def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields = field_errors(list(exc.errors))
    first = next(iter(fields.items()), ("", "输入有误"))
    return error_response(
        request, 400, {"code": "invalid", "message": f"{first[0]}：{first[1]}", "fields": fields}
    )


@api.exception_handler(AuthenticationError)
def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        request, 401, {"code": "unauthenticated", "message": "请先登录或提供有效令牌", "fields": {}}
    )


@api.exception_handler(Http404)
def on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(
        request, 404, {"code": "not_found", "message": "记录不存在或无权查看", "fields": {}}
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(request, exc.status_code, {"code": "error", "message": str(exc), "fields": {}})


@api.exception_handler(OperationalError)
def on_database_error(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    if not database_busy(exc):
        raise exc
    response = error_response(request, 503, {"code": "busy", "message": BUSY_MESSAGE, "fields": {}})
    response["Retry-After"] = "5"
    return response


OUT_OF_RANGE = "输入的数值超出允许范围（编号、数量须为不超过 9223372036854775807 的整数）"


@api.exception_handler(OverflowError)
def on_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    """An integer past 64 bits (an id, a count) reaching the database: bad input, not a server error."""
    return error_response(request, 400, {"code": "invalid", "message": OUT_OF_RANGE, "fields": {}})


@api.exception_handler(DataError)
def on_data_error(request: HttpRequest, exc: DataError) -> HttpResponse:
    if "out of range" not in str(exc):  # anything else is a fault of ours: let it be a 500 and logged
        raise exc
    return error_response(request, 400, {"code": "invalid", "message": OUT_OF_RANGE, "fields": {}})


def _mount() -> None:
    """Mount the org router and every domain app's `api.router` under /api/v1/<app label>/."""
    import importlib

    from django.apps import apps

    from fazhi.org.api import router as org_router
    from fazhi.workbench.api import router as workbench_router

    api.add_router("/", org_router)
    api.add_router("/", workbench_router)
    for config in apps.get_app_configs():
        if not config.name.startswith("fazhi.") or config.label in {"core", "org", "workbench"}:
            continue
        try:
            module = importlib.import_module(f"{config.name}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.api":
                raise
            continue
        api.add_router(f"/{config.label}/", module.router)


_mount()
