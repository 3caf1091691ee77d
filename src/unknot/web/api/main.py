"""The API itself: ``/api/v1/``, its OpenAPI document and its docs page, and the routers.

Routers are mounted by area: ``library`` and ``assess`` are open to anyone (throttled by
address); ``me`` and ``diary`` act for the person a token or the session names; practitioner
mode's router (``practice.api``, paths under ``/practice/``) uses the same authentication,
problems, pages and throttles.

The OpenAPI document says, for every operation, every error it may give as
``application/problem+json`` (django-ninja leaves them out), the intake's schema where an
intake is the body, and the real media type of answers that are not JSON.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from unknot.planning.schemas import intake_schema
from unknot.web.api import assess, diary, library, me, problems
from unknot.web.api.limits import DatabaseThrottle
from unknot.web.care import services
from unknot.web.practice import api as practice_api

REF = "#/components/schemas/{model}"
BINARY_MEDIA = {**library.MEDIA, **me.MEDIA}
DESCRIPTION = """\
unknot's knowledge base, its screening and planning, and a person's own record, over HTTP.
Errors are `application/problem+json` (RFC 9457). Lists are pages (`limit`, `offset`, `total`,
`next`, `previous`). Personal access tokens are made on the account page; send one as
`Authorization: Bearer unk_...`. The guide is docs/api.md in the repository.
"""


def _type(schema: dict[str, Any]) -> str:
    """A schema in a few words: its model's name, type, enum or the types it may be."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " or ".join(_type(option) for option in schema[key])
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    return str(schema.get("type", "any"))


def _fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    required = set(schema.get("required", []))
    return [
        {"name": name, "type": _type(prop), "required": name in required,
         "about": prop.get("description", "")}
        for name, prop in schema.get("properties", {}).items()
    ]  # fmt: skip


def _answer(op: dict[str, Any]) -> str:
    for status in (200, 201, "200", "201"):
        content = op.get("responses", {}).get(status, {}).get("content", {})
        for media, body in content.items():
            return f"{_type(body.get('schema', {}))} ({media})"
    return ""


class PlainDocs(DocsBase):
    """The docs page, drawn on the server from the OpenAPI document: the app's own HTML and
    stylesheet, no script, nothing from another site (the Content-Security-Policy holds)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = []
        for path, methods in schema["paths"].items():
            for method, op in methods.items():
                body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
                operations.append({
                    "method": method.upper(), "path": path, "op": op,
                    "parameters": op.get("parameters", []),
                    "body": _type(body["schema"]) if body else "",
                    "body_link": "$ref" in body.get("schema", {}),
                    "answer": _answer(op),
                    "responses": sorted((str(k), v) for k, v in op.get("responses", {}).items()),
                    "secured": bool(op.get("security")),
                })  # fmt: skip
        tags: dict[str, list[dict[str, Any]]] = {}
        for operation in operations:
            tags.setdefault((operation["op"].get("tags") or ["other"])[0], []).append(operation)
        schemas = sorted(schema["components"]["schemas"].items())
        context = {
            "schema": schema,
            "tags": tags,
            "models": [
                (name, model.get("description", ""), _fields(model))
                for name, model in schemas
                if "properties" in model
            ],
            "openapi_url": self.get_openapi_url(api, kwargs),
            "problems": [(slug, title, status) for status, (slug, title) in problems.KINDS.items()],
        }
        return render(request, "api/docs.html", context)


class UnknotAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> Any:  # fmt: skip
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = problems.Problem.model_json_schema(ref_template=REF)
        detail = components["Problem"].pop("$defs", {})
        components.update(detail)
        intake = intake_schema(services.kb(), ref_template=REF)
        components.update(intake.pop("$defs", {}))
        components["Intake"] = intake
        for methods in schema["paths"].values():
            for op in methods.values():
                _complete(op)
        return schema


def _complete(op: dict[str, Any]) -> None:
    """Every declared problem, the intake body, and the media type of non-JSON answers."""
    responses = op.setdefault("responses", {})
    declared = [*problems.DECLARED, *((413,) if op["operationId"] in assess.INTAKE_BODY else ())]
    for status in declared:
        title = problems.KINDS[status][1]
        responses.setdefault(status, {
            "description": title,
            "content": {problems.MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        })  # fmt: skip
    if op["operationId"] in assess.INTAKE_BODY:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Intake"}}},
        }
    media = BINARY_MEDIA.get(op["operationId"])
    if media is not None:
        schema = {"type": "object"} if media.endswith("json") else {"type": "string"}
        responses[200] = {"description": "OK", "content": {media: {"schema": schema}}}


api = UnknotAPI(
    title="unknot API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=PlainDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[DatabaseThrottle()],
)
problems.install(api)
api.add_router("", library.router)
api.add_router("", assess.router)
api.add_router("", me.router)
api.add_router("", diary.router)
api.add_router("", practice_api.router)
