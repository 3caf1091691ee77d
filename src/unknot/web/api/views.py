"""The account page's personal access tokens: make one (its secret is shown once), see them,
revoke one. Thin views over ``tokens``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from unknot.web.api import tokens as access_tokens
from unknot.web.api.models import AccessToken
from unknot.web.care.access import owned, person


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What will use it?", max_length=100,
        help_text="For example: my clinic's system, a script on my laptop.",
    )  # fmt: skip
    scope = forms.ChoiceField(
        label="It may", choices=AccessToken.SCOPES, initial=AccessToken.READ,
        widget=forms.RadioSelect,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = person(request)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _, secret = access_tokens.make_token(user, data["name"], data["scope"])
        except access_tokens.TokenError as exc:
            form.add_error(None, str(exc))
        else:
            form = TokenForm()
    context = {"form": form, "secret": secret, "tokens": owned(AccessToken, user)}
    return render(request, "api/tokens.html", context, status=201 if secret else 200)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    row = access_tokens.revoke_token(person(request), pk)
    messages.success(request, f"The token \u201c{row.name}\u201d is revoked: it no longer works.")
    return redirect("api_tokens")
