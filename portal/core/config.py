"""Every setting the portal reads, from environment variables with safe embedded defaults.

This is the only module that reads ``os.environ`` for the portal's own settings, so an
operator finds every knob here (and in the README's table).
"""

from __future__ import annotations

import dataclasses
import functools
import ipaddress
import os
from pathlib import Path

from portal.core.municipal_holidays import DEFAULT_MUNICIPAL_HOLIDAYS, validate_municipal


PROJECT_ROOT = Path(__file__).resolve().parent.parent

SMTP_TLS_MODES = ("none", "starttls", "ssl")
# Password hash schemes of the old Portal do Cidadão that the importer accepts.
DEFAULT_LEGACY_SCHEMES = (
    "hex_md5", "hex_sha1", "hex_sha256", "ldap_salted_sha1", "bcrypt", "pbkdf2_sha256", "des_crypt",
)


class ConfigError(ValueError):
    """A setting has a value the portal cannot work with."""


@dataclasses.dataclass(frozen=True)
class Settings:
    database_url: str
    base_url: str
    redis_url: str
    smtp_host: str
    smtp_port: int
    smtp_user: str
    smtp_password: str
    smtp_tls: str
    mail_from: str
    # Where bounces come back: each message's return path is <local>+<tag>@<domain> of it.
    bounce_address: str
    # The bounce intake: an SMTP listener the city's mail server forwards bounces to (0 = off).
    bounce_smtp_host: str
    bounce_smtp_port: int
    # DKIM: the private key (PEM, read from PORTAL_DKIM_PRIVATE_KEY_FILE) and its selector.
    dkim_key: bytes
    dkim_selector: str
    data_dir: Path
    catcher_port: int
    confirmation_ttl_hours: float
    temp_password_ttl_hours: float
    outbox_poll_seconds: float
    support_phone_campinas: str
    support_phone_other: str
    support_email: str
    legacy_schemes: tuple[str, ...]
    municipal_holidays: tuple[str, ...]
    # Per-client-address limits, e.g. {"signup": "10/hour"}: overrides for offices behind one NAT.
    client_limits: dict[str, str]
    # The reverse proxies (addresses or CIDRs) whose X-Forwarded-For / X-Forwarded-Proto are
    # believed; a header from any other caller is the caller's word and ignored.
    trusted_proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
    ouvidoria_url: str
    # The address the server binds. Loopback by default: `make run` on a laptop in a café must
    # not offer the portal (and the mail catcher) to the whole network; a server behind a
    # proxy or in a container sets 0.0.0.0.
    listen_host: str
    # Largest websocket message accepted. The biggest form (a 4000-character desk reply) fits
    # many times over; Reflex's default (1 MB) let anyone make the server parse huge events.
    max_event_bytes: int
    # Open websockets per client address (per worker): each tab holds one, and each costs the
    # server memory; hundreds from one address is an attack, not a citizen.
    max_sockets_per_client: int
    # New websockets per client address in any minute (all workers, through portal.core.ratelimit).
    # The cap above counts open sockets only: a tab opened and closed at once still leaves its
    # state on the server for tab_state_ttl_seconds, so this bounds that memory per address
    # (README: limit × TTL × ~36 KB). A citizen opens a socket per tab and per full page load.
    new_sockets_per_minute: int
    # How long the server keeps a tab's state after its last event (Reflex keeps it 1 h):
    # abandoned tabs, and tabs opened by the thousand, are forgotten sooner. As long as a
    # signed-in session may sit idle (30 min), so a citizen's open form outlives neither.
    tab_state_ttl_seconds: int
    # Worker processes of `reflex run --env prod` (more than one needs Redis). As many as
    # cores: Reflex's default with Redis (2 × cores + 1) only adds processes that compete
    # for the same cores and multiply the memory.
    workers: int
    # Threads that check passwords in each worker (portal.core.hashing_pool): this worker's share
    # of the cores, so argon2id hashes never outnumber them.
    hash_threads: int
    # A password check that could not start within this many seconds is refused at once
    # with "try again in N seconds" instead of leaving the citizen waiting.
    hash_queue_seconds: float
    # "Entrar com gov.br" (OpenID Connect, Login Único): on when issuer and client id are set.
    govbr_issuer: str
    govbr_client_id: str
    govbr_client_secret: str
    govbr_scopes: str
    # gov.br's trust levels ("confiabilidades") of a CPF; "{cpf}" is replaced.
    govbr_levels_url: str

    @property
    def mail_catcher_enabled(self) -> bool:
        """Without an SMTP server configured, mail goes to the built-in catcher."""
        return not self.smtp_host

    @property
    def govbr_enabled(self) -> bool:
        return bool(self.govbr_issuer and self.govbr_client_id)

    @property
    def https(self) -> bool:
        return self.base_url.startswith("https://")

    @property
    def api_url(self) -> str:
        """Where pages open their websocket: the portal's public origin, whatever port the app
        itself listens on (behind a proxy they differ)."""
        return "/".join(self.base_url.split("/")[:3])

    @property
    def origins(self) -> tuple[str, ...]:
        """The Origins of the portal's own pages (with the localhost/127.0.0.1 alias): the
        websocket and the sign-in form accept no other."""
        origin = "/".join(self.base_url.split("/")[:3])
        found = [origin]
        for local, alias in (("//localhost", "//127.0.0.1"), ("//127.0.0.1", "//localhost")):
            if local in origin:
                found.append(origin.replace(local, alias))
        return tuple(found)

    @property
    def catcher_dir(self) -> Path:
        return self.data_dir / "mailcatcher"


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from exc


def _str(name: str, default: str = "") -> str:
    return os.environ.get(name, "").strip() or default


def _positive(name: str, default: int, minimum: int = 1) -> int:
    value = _int(name, default)
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _ip(name: str, default: str) -> str:
    raw = _str(name, default)
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError as exc:
        raise ConfigError(f"{name} must be an IP address such as 127.0.0.1 or 0.0.0.0, got {raw!r}") from exc


def _host(url: str) -> str:
    netloc = url.split("://", 1)[-1].split("/", 1)[0]
    return netloc if netloc.startswith("[") and netloc.endswith("]") else netloc.rsplit(":", 1)[0]


def _pairs(name: str) -> dict[str, str]:
    """'signup=10/hour,login=20/minute' -> {'signup': '10/hour', 'login': '20/minute'}."""
    pairs: dict[str, str] = {}
    for item in _str(name).split(","):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ConfigError(f"{name}: expected key=value pairs separated by commas, got {item!r}")
        pairs[key.strip()] = value.strip()
    return pairs


def _networks(name: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """'127.0.0.1, 10.0.0.0/24' -> the networks; an address is a network of one."""
    found = []
    for item in _str(name).split(","):
        if not item.strip():
            continue
        try:
            found.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError as exc:
            raise ConfigError(f"{name}: {item.strip()!r} is not an IP address or CIDR (e.g. 10.0.0.0/24)") from exc
    return tuple(found)


# Host names that Reflex's page script replaces with the page's own host; under https it also
# drops the port, assuming a balancer on 443 (reflex_base/.templates/web/utils/state.js).
_REWRITTEN_HOSTS = ("localhost", "0.0.0.0", "[::]")


def _check_page_script_can_reach(base_url: str) -> None:
    """Every real host name works on any port; https://localhost:8443 would give pages that
    never go live (the websocket tried on 443), so it is refused here with the reason."""
    scheme, _, rest = base_url.partition("://")
    netloc = rest.split("/", 1)[0]
    host, _, port = netloc.rpartition(":") if not netloc.endswith("]") else (netloc, "", "")
    if scheme == "https" and host in _REWRITTEN_HOSTS and port not in ("", "443"):
        raise ConfigError(
            f"PORTAL_BASE_URL={base_url}: with https, a localhost address works only on port 443 (Reflex's page "
            "script sends the websocket there); use the server's host name, e.g. https://portal.example.gov.br:8443")


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _dkim_key(name: str) -> bytes:
    path = _str(name)
    if not path:
        return b""
    try:
        key = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read {path!r} ({exc.strerror})") from exc
    if b"PRIVATE KEY" not in key:
        raise ConfigError(f"{name}: {path!r} is not a PEM private key")
    return key


def load_settings() -> Settings:
    """Read the environment now (tests call this after changing it)."""
    data_dir = Path(_str("PORTAL_DATA_DIR", str(PROJECT_ROOT / "data")))
    smtp_tls = _str("PORTAL_SMTP_TLS", "none").lower()
    if smtp_tls not in SMTP_TLS_MODES:
        raise ConfigError(f"PORTAL_SMTP_TLS must be one of {SMTP_TLS_MODES}, got {smtp_tls!r}")
    smtp_port_default = {"none": 25, "starttls": 587, "ssl": 465}[smtp_tls]
    municipal_list = _str("PORTAL_MUNICIPAL_HOLIDAYS", ",".join(DEFAULT_MUNICIPAL_HOLIDAYS))
    municipal = tuple(s.strip() for s in municipal_list.split(",") if s.strip())
    try:
        validate_municipal(municipal)
    except ValueError as exc:
        raise ConfigError(f"PORTAL_MUNICIPAL_HOLIDAYS: {exc}") from exc
    smtp_host = _str("PORTAL_SMTP_HOST")
    base_url = _str("PORTAL_BASE_URL", "http://localhost:3000").rstrip("/")
    if not smtp_host and _host(base_url) not in ("localhost", "127.0.0.1", "[::1]"):
        # The built-in catcher shows every mail (temporary passwords too) at /dev/emails: only
        # for a developer's own machine, never for a public address.
        raise ConfigError("PORTAL_SMTP_HOST is required when PORTAL_BASE_URL is not a localhost address")
    if _str("PORTAL_TRUSTED_PROXY_HOPS"):
        # A hop count believed X-Forwarded-For from any caller that reached the port.
        raise ConfigError("PORTAL_TRUSTED_PROXY_HOPS was replaced by PORTAL_TRUSTED_PROXIES: the addresses "
                          "(or CIDRs) of the reverse proxies, e.g. PORTAL_TRUSTED_PROXIES=127.0.0.1")
    _check_page_script_can_reach(base_url)
    redis_url = _str("PORTAL_REDIS_URL")
    workers = _positive("PORTAL_WORKERS", _cores() if redis_url else 1)
    if workers > 1 and not redis_url:
        # Without Redis each worker would keep its own copy of a tab's state.
        raise ConfigError("PORTAL_WORKERS above 1 needs PORTAL_REDIS_URL")
    dkim_key, dkim_selector = _dkim_key("PORTAL_DKIM_PRIVATE_KEY_FILE"), _str("PORTAL_DKIM_SELECTOR")
    if dkim_key and not dkim_selector:
        raise ConfigError("PORTAL_DKIM_SELECTOR is required with PORTAL_DKIM_PRIVATE_KEY_FILE")
    return Settings(
        database_url=_str("PORTAL_DATABASE_URL", f"sqlite:///{data_dir / 'portal.db'}"),
        base_url=base_url,
        redis_url=redis_url,
        smtp_host=smtp_host,
        smtp_port=_int("PORTAL_SMTP_PORT", smtp_port_default),
        smtp_user=_str("PORTAL_SMTP_USER"),
        smtp_password=os.environ.get("PORTAL_SMTP_PASSWORD", ""),
        smtp_tls=smtp_tls,
        mail_from=_str("PORTAL_MAIL_FROM", "Portal de Serviços <nao-responda@localhost>"),
        bounce_address=_str("PORTAL_BOUNCE_ADDRESS"),
        bounce_smtp_host=_ip("PORTAL_BOUNCE_SMTP_HOST", "127.0.0.1"),
        bounce_smtp_port=_int("PORTAL_BOUNCE_SMTP_PORT", 0),
        dkim_key=dkim_key,
        dkim_selector=dkim_selector,
        data_dir=data_dir,
        catcher_port=_int("PORTAL_CATCHER_PORT", 1025),
        confirmation_ttl_hours=_float("PORTAL_CONFIRMATION_TTL_HOURS", 48.0),
        temp_password_ttl_hours=_float("PORTAL_TEMP_PASSWORD_TTL_HOURS", 2.0),
        outbox_poll_seconds=_float("PORTAL_OUTBOX_POLL_SECONDS", 2.0),
        support_phone_campinas=_str("PORTAL_SUPPORT_PHONE_CAMPINAS", "156"),
        support_phone_other=_str("PORTAL_SUPPORT_PHONE_OTHER", "(19) 3755-6010"),
        support_email=_str("PORTAL_SUPPORT_EMAIL", ""),
        municipal_holidays=municipal,
        client_limits=_pairs("PORTAL_CLIENT_LIMITS"),
        trusted_proxies=_networks("PORTAL_TRUSTED_PROXIES"),
        ouvidoria_url=_str("PORTAL_OUVIDORIA_URL", "https://ouvidoria.campinas.sp.gov.br"),
        listen_host=_ip("PORTAL_LISTEN_HOST", "127.0.0.1"),
        # Below 4 KB even the page's first (hydrate) event would not fit.
        max_event_bytes=_positive("PORTAL_MAX_EVENT_BYTES", 64 * 1024, minimum=4096),
        max_sockets_per_client=_positive("PORTAL_MAX_SOCKETS_PER_CLIENT", 50),
        new_sockets_per_minute=_positive("PORTAL_NEW_SOCKETS_PER_MINUTE", 60),
        tab_state_ttl_seconds=_positive("PORTAL_TAB_STATE_TTL_SECONDS", 30 * 60),
        workers=workers,
        hash_threads=_positive("PORTAL_HASH_THREADS", max(1, _cores() // workers)),
        hash_queue_seconds=_float("PORTAL_HASH_QUEUE_SECONDS", 5.0),
        govbr_issuer=_str("PORTAL_GOVBR_ISSUER").rstrip("/"),
        govbr_client_id=_str("PORTAL_GOVBR_CLIENT_ID"),
        govbr_client_secret=os.environ.get("PORTAL_GOVBR_CLIENT_SECRET", ""),
        govbr_scopes=_str("PORTAL_GOVBR_SCOPES", "openid email profile govbr_confiabilidades"),
        govbr_levels_url=_str("PORTAL_GOVBR_LEVELS_URL"),
        legacy_schemes=tuple(
            s.strip() for s in _str("PORTAL_LEGACY_SCHEMES", ",".join(DEFAULT_LEGACY_SCHEMES)).split(",") if s.strip()
        ),
    )


@functools.cache
def settings() -> Settings:
    """The settings of this process, read once."""
    return load_settings()
