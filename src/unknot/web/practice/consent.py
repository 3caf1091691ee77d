"""The client's side: redeem a code after seeing exactly what will be shared, see who has access,
who cleared what and when, the audit log, and revoke a link at any time."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from unknot.web.accounts import throttle
from unknot.web.care import services
from unknot.web.care.access import own_link, person
from unknot.web.practice import audit, linking, programs
from unknot.web.practice.additions import current_program
from unknot.web.practice.forms import CodeForm, ConsentForm
from unknot.web.practice.models import SCOPES


def _throttled(request: HttpRequest) -> bool:
    """Whether this redemption attempt is one too many (per person, and per address)."""
    who = str(person(request).pk)
    return not (
        throttle.take(linking.REDEEM, who)
        and throttle.take(linking.REDEEM_CLIENT, throttle.client_ip(request))
    )


@login_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """Type the code a practitioner gave."""
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = linking.normalise(form.cleaned_data["code"])
        if code:
            return redirect("practice_accept", code=code)
        form.add_error("code", "Type the code as your practitioner wrote it.")
    return render(request, "practice/join.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, code: str) -> HttpResponse:
    """What linking to this practitioner shares, and the choice to accept."""
    if _throttled(request):
        message = linking.REDEEM.message
        return render(request, "practice/join.html", {"form": CodeForm(), "refused": message},
                      status=429)  # fmt: skip
    try:
        invite = linking.find_invite(code)
    except linking.LinkError as exc:
        return render(request, "practice/join.html", {"form": CodeForm(), "refused": str(exc)},
                      status=404)  # fmt: skip
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            link = linking.accept(person(request), code, form.cleaned_data["scopes"])
        except linking.LinkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"You are linked to {link.practitioner.name}.")
            return redirect("my_practitioners")
    profession = services.kb().professions.get(invite.practitioner.profession)
    context = {
        "form": form,
        "practitioner": invite.practitioner,
        "profession": profession.name if profession else "",
        "code": code,
        "scopes": SCOPES,
    }
    return render(request, "practice/accept.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    client = person(request)
    links = list(linking.links_of_client(client))
    context = {
        "live": [link for link in links if link.active],
        "ended": [link for link in links if not link.active],
        "scope_names": dict(SCOPES),
        "clearances": programs.clearances_for(client.pk),
        "rule_titles": {r.id: r.title for r in services.kb().red_flags.values()},
        "log": audit.log_of(client)[:200],
        "program": current_program(client.pk),
    }
    return render(request, "practice/mine.html", context)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """The client ends a link: from now on the practitioner sees nothing of theirs."""
    link = own_link(request.user, pk)
    linking.revoke(link)
    messages.success(request, f"{link.practitioner.name} no longer sees anything of yours.")
    return redirect("my_practitioners")
