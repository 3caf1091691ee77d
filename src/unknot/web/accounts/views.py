"""Sign up, sign in (throttled), sign out, the account page, export and deletion."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from unknot.web.accounts import services, throttle
from unknot.web.accounts.forms import DeleteAccountForm, LoginForm, SignupForm
from unknot.web.care import export, guest
from unknot.web.care.access import owned, person
from unknot.web.care.models import Assessment
from unknot.web.care.services import kb


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("plan")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        intake, sessions = guest.intake(request.session), guest.sessions(request.session)
        user, kept = services.sign_up(
            form.cleaned_data["email"], form.cleaned_data["password"], intake, sessions
        )
        guest.take(request.session)  # only once they are safely kept
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if kept is not None:
            messages.success(request, "Your account is ready, and your plan is kept in it.")
            return redirect("assessment", pk=kept.pk)
        messages.success(request, "Your account is ready.")
        return redirect("plan")
    has_plan = guest.intake(request.session) is not None
    return render(request, "accounts/signup.html", {"form": form, "has_plan": has_plan})


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        ip = throttle.client_ip(request)
        if throttle.is_throttled(email, ip):
            form.add_error(
                None,
                "Too many attempts to sign in. Please wait 15 minutes and try again.",
            )
            status = 429
        else:
            user = authenticate(request, username=email, password=form.cleaned_data["password"])
            if user is None:
                throttle.record_failure(email, ip)
                form.add_error(None, "That email address and password do not match an account.")
            else:
                throttle.clear_failures(email)
                login(request, user)
                return redirect(_next_url(request, "/plan/"))
    context = {"form": form, "next": _next_url(request, "")}
    return render(request, "accounts/login.html", context, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("home")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    history = owned(Assessment, person(request)).only("created", "verdict")[:30]
    labels = {t.id.value: t.label for t in kb().tiers.tiers}
    rows = [(a, labels.get(a.verdict, a.verdict)) for a in history]
    context = {"delete_form": DeleteAccountForm(), "assessments": rows}
    return render(request, "accounts/account.html", context)


def _download(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def export_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(export.export_document(person(request)), indent=2, ensure_ascii=False)
    stamp = timezone.now().strftime("%Y-%m-%d")
    return _download(body, "application/json", f"unknot-{stamp}.json")


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    stamp = timezone.now().strftime("%Y-%m-%d")
    return _download(
        export.export_csv(person(request)), "text/csv; charset=utf-8", f"unknot-{stamp}.csv"
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    user = person(request)
    if request.method == "POST" and form.is_valid():
        if user.check_password(form.cleaned_data["password"]):
            services.delete_account(user)
            logout(request)
            messages.success(request, "Your account and everything in it have been deleted.")
            return redirect("home")
        form.add_error("password", "That is not your password; nothing was deleted.")
    return render(request, "accounts/delete.html", {"form": form})


@login_required
def password_changed(request: HttpRequest) -> HttpResponse:
    messages.success(request, "Your password is changed.")
    return redirect("account")
