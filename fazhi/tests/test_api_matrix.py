"""Every API route × every persona against the expectations each app declares.

A route in the OpenAPI document and missing from the tables fails `test_every_route_is_in_the_table`,
so a new endpoint cannot ship without saying who may use it.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from fazhi.api import api
from fazhi.testing import PERSONAS, api_client
from fazhi.tests.matrix import Case

METHODS = {"get", "post", "put", "patch", "delete"}


def declared() -> dict[str, Case]:
    table: dict[str, Case] = {}
    for config in apps.get_app_configs():
        if config.name.startswith("fazhi."):
            try:
                module = importlib.import_module(f"{config.name}.tests.matrix")
            except ModuleNotFoundError:
                continue
            table.update(module.ROUTES)
    return table


def routes() -> list[str]:
    schema = api.get_openapi_schema()
    return sorted(f"{m.upper()} {path}" for path, ops in schema["paths"].items() for m in ops if m in METHODS)


TABLE = declared()


def test_every_route_is_in_the_table():
    missing = [r for r in routes() if r not in TABLE]
    assert not missing, f"routes without expectations: {missing}"


def test_the_table_names_no_route_that_does_not_exist():
    assert not set(TABLE) - set(routes())


@pytest.mark.django_db
@pytest.mark.parametrize("persona_name", PERSONAS)
@pytest.mark.parametrize("route", sorted(TABLE))
def test_route_answers_each_persona_as_declared(route: str, persona_name: str):
    case = TABLE[route]
    method, template = route.split(" ", 1)
    url = template.format(**case.path())
    client = api_client(persona_name)
    kwargs = {"content_type": "application/json", "data": case.body()} if case.body else {}
    response = getattr(client, method.lower())(url, **kwargs)
    expected = case.expect[persona_name]
    assert response.status_code == expected, f"{persona_name} {route}: {response.content[:300]!r}"
    if expected >= 400:
        body = response.json()
        assert set(body) >= {"code", "message", "fields"}


def test_no_two_api_schemas_share_a_name():
    """The OpenAPI document keys its schemas by class name: two different schemas of one name would
    make the document describe one of them with the other's fields (petitions' FigureOut once did)."""
    from ninja import Schema

    def subclasses(cls: type) -> list[type]:
        return [s for c in cls.__subclasses__() for s in (c, *subclasses(c))]

    shapes: dict[str, set[str]] = {}
    for cls in subclasses(Schema):
        if cls.__module__.startswith("fazhi."):
            shapes.setdefault(cls.__name__, set()).add(str(cls.model_json_schema()))
    assert not [name for name, seen in shapes.items() if len(seen) > 1]
