"""Every path of the portal, in one place."""

HOME = "/"
SIGNUP = "/cadastro"
SIGNUP_SENT = "/cadastro/enviado"
CONFIRM = "/confirmar"
ACCOUNT = "/minha-conta"
MY_DATA = "/minha-conta/meus-dados"
# Minha conta opened right after "Defina sua nova senha": it says the password was changed.
ACCOUNT_AFTER_NEW_PASSWORD = ACCOUNT + "?aviso=senha-alterada"
TERMS = "/termos"
RECOVER = "/recuperar-senha"
NEW_PASSWORD = "/nova-senha"
NOT_ME = "/nao-fui-eu"
SUPPORT = "/ajuda/solicitar"
FOLLOW_REQUEST = "/ajuda/acompanhar"  # ?protocolo=2026-483-129-577 fills the number in
FOLLOW_PROTOCOL = "protocolo"
DESK = "/atendimento"
SERVICES = "/servicos"  # the city's online services; where a sign-in lands
PRIVACY = "/privacidade"
UNAVAILABLE = "/indisponivel"
DEV_EMAILS = "/dev/emails"

# Plain HTTP endpoints (not pages): they set and clear the HttpOnly session cookie.
AUTH_SIGN_IN = "/auth/entrar"
AUTH_SIGN_OUT = "/auth/sair"
# For the city's monitoring: the database answers and mail goes out (JSON; 503 when not).
HEALTH = "/saude"

# "Entrar com gov.br": the start (redirects to gov.br) and gov.br's answer (OpenID Connect
# redirect URI, registered with gov.br as PORTAL_BASE_URL + AUTH_GOVBR_RETURN).
AUTH_GOVBR = "/auth/govbr"
AUTH_GOVBR_RETURN = "/auth/govbr/retorno"
GOVBR_LINK = "/govbr/vincular"  # a bronze gov.br identity: the portal password, once
GOVBR_FAILED = "/govbr/erro"  # ?motivo=<one of GOVBR_REASONS>
GOVBR_REASONS = ("negado", "expirado", "indisponivel", "invalido", "limite", "cookies")

# Mailed links open HTTP endpoints that use the token and redirect to its page with the
# outcome only (?resultado=…), so no token ever sits in a page's URL or in the page state.
LINK_CONFIRM = "/auth/confirmar"
LINK_NOT_ME = "/auth/nao-fui-eu"
RESULT = "resultado"

# A sign-in that did not end signed in sends the browser back to HOME?entrada=<outcome>.
SIGN_IN_OUTCOME = "entrada"
SIGN_IN_REFUSED = "recusada"  # a ticket from another browser, or a post from another site
SIGN_IN_MISSING = "dados"
SIGN_IN_INVALID = "invalida"
SIGN_IN_LIMITED = "limitada"
SIGN_IN_UNCONFIRMED = "nao-confirmada"
SIGN_IN_CODE = "codigo"  # right password, two-step on: the verification code comes next
SIGN_IN_BUSY = "aguarde"  # too many sign-ins at once: try again after ``espera`` seconds
SIGN_IN_SUSPENDED = "senha-bloqueada"  # right password, suspended by "Não fui eu": recover it

# After a sign-in: back to the page that asked for it (HOME?voltar=<key>), else SERVICES. Only
# these keys are understood, each naming a portal path: never a URL (no open redirect).
RETURN = "voltar"
RETURN_TARGETS = {"minha-conta": ACCOUNT, "meus-dados": MY_DATA, "atendimento": DESK, "servicos": SERVICES}


def return_key(value: object) -> str:
    """The ?voltar= key if it is one of RETURN_TARGETS, else ""."""
    return value if isinstance(value, str) and value in RETURN_TARGETS else ""


def return_key_of_path(path: object) -> str:
    """The key of a page path ("/minha-conta/" → "minha-conta"), "" for any other path."""
    if not isinstance(path, str):
        return ""
    path = path.split("?", 1)[0].rstrip("/") or HOME
    return next((key for key, target in RETURN_TARGETS.items() if target == path), "")


def after_sign_in(key: object, *, must_change_password: bool = False) -> str:
    """Where a new session lands: a temporary password only sets the new one; else the page
    the key names, or SERVICES."""
    if must_change_password:
        return NEW_PASSWORD
    return RETURN_TARGETS.get(return_key(key), SERVICES)


def as_served(target: str) -> str:
    """A page's path (and query) as the server serves it without a redirect: with the trailing
    slash (Reflex answers /minha-conta with a 307 to /minha-conta/). For the server's own
    redirects and mailed links; the /auth/ endpoints, other sites' URLs and "/" stay as they are."""
    path, sep, query = target.partition("?")
    if not path.startswith("/") or path.startswith("//") or path.startswith("/auth/") or path.endswith("/"):
        return target
    return f"{path}/{sep}{query}"
