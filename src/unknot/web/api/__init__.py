"""The HTTP API (``/api/v1/``): django-ninja over the same services and access layer as the pages.

``main.py`` builds the API and mounts one router per area (``library``, ``assess``, ``me``);
``practice`` (practitioner mode) will be mounted beside them the same way. ``auth.py`` (personal
access tokens and the session), ``problems.py`` (RFC 9457 errors), ``paging.py`` and
``limits.py`` (throttles counted in the database) are shared by every router.
"""
