"""Sign up, sign in, password reset (all throttled), sign out, the account page, export and
deletion."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from unknot.web.accounts import services, throttle
from unknot.web.accounts.forms import (
    ChoosePasswordForm,
    DeleteAccountForm,
    LoginForm,
    PasswordResetRequestForm,
    SignupEmailForm,
    SignupForm,
)
from unknot.web.care import export, fhir, guest
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


def _too_many(request: HttpRequest, template: str, form: Any, rule: throttle.Rule,
              context: dict[str, Any] | None = None) -> HttpResponse:  # fmt: skip
    form.add_error(None, rule.message)
    return render(request, template, {"form": form, **(context or {})}, status=429)


# where a new account goes first when sign-up began from a page that needs one (an invite)
AFTER_SIGN_UP = "after_sign_up"


def _sign_in_as(request: HttpRequest, user: Any, kept: Any) -> HttpResponse:
    after = request.session.pop(AFTER_SIGN_UP, "")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if after:
        messages.success(request, "Your account is ready.")
        return redirect(after)
    if kept is not None:
        messages.success(request, "Your account is ready, and your plan is kept in it.")
        return redirect("assessment", pk=kept.pk)
    messages.success(request, "Your account is ready.")
    return redirect("plan")


def _create(request: HttpRequest, email: str, password: str) -> HttpResponse:
    """Make the account with the visit's work in it, then sign the person in."""
    intake, sessions = guest.intake(request.session), guest.sessions(request.session)
    user, kept = services.sign_up(email, password, intake, sessions)
    guest.take(request.session)  # only once they are safely kept
    return _sign_in_as(request, user, kept)


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Sign-up. Hosted (``SIGNUP_BY_EMAIL``): the address only, and the same answer whether or
    not it has an account; the emailed link leads on. On one's own computer: at once."""
    if request.user.is_authenticated:
        return redirect("plan")
    by_email = bool(settings.SIGNUP_BY_EMAIL)
    form: SignupEmailForm | SignupForm = (SignupEmailForm if by_email else SignupForm)(
        request.POST or None
    )
    after = _next_url(request, "") or request.session.get(AFTER_SIGN_UP, "")
    if after:
        request.session[AFTER_SIGN_UP] = after  # kept for the emailed link, in this browser
    joining = after if after.startswith(reverse("practice_join")) else ""
    context = {"has_plan": guest.intake(request.session) is not None, "by_email": by_email,
               "joining": joining}  # fmt: skip
    if request.method == "POST" and form.is_valid():
        if not throttle.take(throttle.SIGN_UP_CLIENT, throttle.client_ip(request)):
            return _too_many(request, "accounts/signup.html", form, throttle.SIGN_UP_CLIENT,
                             context)  # fmt: skip
        email = form.cleaned_data["email"]
        if not by_email:
            return _create(request, email, form.cleaned_data["password"])
        link = reverse("signup_confirm", args=[services.sign_up_token(email)])
        services.send_sign_up_mail(
            email,
            link=request.build_absolute_uri(link),
            sign_in_url=request.build_absolute_uri(reverse("login")),
            reset_url=request.build_absolute_uri(reverse("password_reset")),
        )
        return render(request, "accounts/signup_sent.html", {"email": email, **context})
    return render(request, "accounts/signup.html", {"form": form, **context})


@require_http_methods(["GET", "POST"])
def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """An emailed sign-up link: choose a password, and the account is made."""
    email = services.email_from_sign_up_token(token)
    if email is None:
        return render(request, "accounts/signup_confirm.html", {"valid": False}, status=400)
    if services.has_account(email):
        messages.info(request, "This address already has an account: sign in.")
        return redirect("login")
    form = ChoosePasswordForm(request.POST or None, email=email)
    if request.method == "POST" and form.is_valid():
        return _create(request, email, form.cleaned_data["password"])
    context = {"valid": True, "form": form, "email": email,
               "has_plan": guest.intake(request.session) is not None}  # fmt: skip
    return render(request, "accounts/signup_confirm.html", context)


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    context = {"form": form, "next": _next_url(request, "")}
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        ip = throttle.client_ip(request)
        refused = throttle.take_sign_in(email, ip)
        if refused is not None:
            return _too_many(request, "accounts/login.html", form, refused, context)
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if user is None:
            form.add_error(None, "That email address and password do not match an account.")
        else:
            throttle.signed_in(email, ip)
            login(request, user)
            return redirect(_next_url(request, "/plan/"))
    return render(request, "accounts/login.html", context)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, at most ``throttle.RESET_CLIENT.limit`` an hour from one client
    (and ``throttle.MAIL_TO.limit`` messages an hour to one address, in the form)."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("password_reset_sent")

    def form_valid(self, form: Any) -> HttpResponse:
        if not throttle.take(throttle.RESET_CLIENT, throttle.client_ip(self.request)):
            return _too_many(self.request, self.template_name, form, throttle.RESET_CLIENT)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's new-password page; once saved, every device is signed out and the account-wide
    sign-in limit is lifted (``services.password_was_reset``)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_was_reset(form.user)
        return response


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


def _chunks(pieces: Iterator[str], size: int = 1 << 16) -> Iterator[bytes]:
    """The pieces joined into writes of about ``size`` bytes: one write a row is slow."""
    buffer: list[str] = []
    held = 0
    for piece in pieces:
        buffer.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(buffer).encode()
            buffer, held = [], 0
    if buffer:
        yield "".join(buffer).encode()


def _stream(pieces: Iterator[str], content_type: str, filename: str) -> StreamingHttpResponse:
    """A download written as it is read from the database: memory stays bounded."""
    response = StreamingHttpResponse(_chunks(pieces), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    stamp = timezone.now().strftime("%Y-%m-%d")
    return _stream(export.export_json(person(request)), "application/json",
                   f"unknot-{stamp}.json")  # fmt: skip


@login_required
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    stamp = timezone.now().strftime("%Y-%m-%d")
    return _stream(export.export_csv_rows(person(request)), "text/csv; charset=utf-8",
                   f"unknot-{stamp}.csv")  # fmt: skip


@login_required
def export_fhir(request: HttpRequest) -> HttpResponse:
    """The record as a FHIR R4 Bundle, for a clinic's system (``care.fhir``)."""
    body = json.dumps(fhir.fhir_bundle(person(request)), indent=2, ensure_ascii=False)
    stamp = timezone.now().strftime("%Y-%m-%d")
    return _download(body, "application/fhir+json", f"unknot-{stamp}.fhir.json")


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
