"""Polite HTTP fetching for web pages and feeds: a User-Agent naming sitrep, a timeout per request, retries with
exponential back-off for errors that may pass (timeouts, connection errors, 5xx, 429), and a minimum delay between
two requests to the same host. Failures raise FetchError (an InputError), whose `retryable` says whether a later
attempt may succeed."""
from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import __version__, errors
from .errors import FetchError

USER_AGENT = f"sitrep/{__version__} (+https://github.com/sitrep; conflict-report reader; polite crawler)"
DEFAULT_TIMEOUT = 15.0
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 1.0
DEFAULT_HOST_DELAY = 1.0
MAX_BYTES = 20 * 1024 * 1024


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


@dataclass
class Response:
    url: str
    status: int
    content_type: str
    body: bytes


@dataclass
class Fetcher:
    """One polite client; share it across a batch so the per-host delay holds across all its requests."""

    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF  # first pause between attempts; doubles each retry
    host_delay: float = DEFAULT_HOST_DELAY  # least time between two requests to one host
    user_agent: str = USER_AGENT
    sleep: object = time.sleep
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get(self, url: str) -> Response:
        """The body of `url`; FetchError after the last failed attempt."""
        attempts, pause = 0, self.backoff
        while True:
            attempts += 1
            try:
                return self._once(url)
            except FetchError as exc:
                if not exc.retryable or attempts > self.retries:
                    if "timed out" in exc.reason:
                        raise FetchError(url, errors.FETCH_TIMEOUT.format(seconds=self.timeout, attempts=attempts),
                                         retryable=True) from exc
                    raise
            self.sleep(pause)
            pause *= 2

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, 0.0) + self.host_delay
            self._last[host] = max(now, ready)
        if ready > now:
            self.sleep(ready - now)

    def _once(self, url: str) -> Response:
        self._wait_for_host(url)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent,
                                                       "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                                                                 "application/atom+xml,application/xml;q=0.9,*/*;q=0.5"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                body = answer.read(MAX_BYTES + 1)
                if len(body) > MAX_BYTES:
                    raise FetchError(url, errors.FETCH_FAILED.format(detail=f"larger than {MAX_BYTES >> 20} MB"),
                                     retryable=False)
                return Response(answer.geturl(), answer.status, answer.headers.get("Content-Type", ""), body)
        except urllib.error.HTTPError as exc:
            detail = errors.HTTP_STATUS.format(status=exc.code, reason=exc.reason)
            raise FetchError(url, errors.FETCH_FAILED.format(detail=detail),
                             retryable=exc.code >= 500 or exc.code in (408, 429)) from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            timed_out = isinstance(reason, (socket.timeout, TimeoutError))
            detail = "timed out" if timed_out else str(reason)
            raise FetchError(url, errors.FETCH_FAILED.format(detail=detail), retryable=True) from exc
        except (socket.timeout, TimeoutError) as exc:
            raise FetchError(url, errors.FETCH_FAILED.format(detail="timed out"), retryable=True) from exc
        except (ConnectionError, OSError) as exc:
            if isinstance(exc, FetchError):
                raise
            raise FetchError(url, errors.FETCH_FAILED.format(detail=exc), retryable=True) from exc
