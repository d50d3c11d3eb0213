"""Shared fixtures. Keep each one short and self-explaining; other branches append here."""

from __future__ import annotations

import ipaddress
import socket

import pytest


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return True  # bytes paths etc.: not an internet address
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False  # a hostname other than localhost


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch):
    """Every test: a connection (or DNS look-up) to anything but loopback fails at once."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise ConnectionRefusedError(f"tests must not reach the network (tried {address})")

    def connect(sock, address):
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        check(sock, address)
        return real_connect_ex(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and not _is_loopback(name):
            raise socket.gaierror(socket.EAI_NONAME, f"tests must not resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def v1_server(monkeypatch):
    """A live v1 server on 127.0.0.1 (ephemeral port) serving data/fixtures; see v1_server.py."""
    from trakt_analysis.demo.v1_server import V1Server

    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")  # a proxy in the env must not apply

    server = V1Server().start()
    yield server
    server.stop()


@pytest.fixture
def v2_server(monkeypatch):
    """A live API v2 stand-in on 127.0.0.1 built from the generator; see demo/v2_server.py."""
    from trakt_analysis.demo.v2_server import V2Server

    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    for name in ("TRAKT_CLIENT_ID", "TRAKT_CLIENT_SECRET", "TRAKT_API_URL", "TRAKT_AUTH_URL"):
        monkeypatch.delenv(name, raising=False)
    server = V2Server().start()
    yield server
    server.stop()


@pytest.fixture
def tvmaze_server(monkeypatch):
    """A stand-in TVmaze on 127.0.0.1 serving the demo user's shows; see demo/tvmaze_server.py."""
    from trakt_analysis.demo.tvmaze_server import TVmazeServer

    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")

    server = TVmazeServer().start()
    yield server
    server.stop()
