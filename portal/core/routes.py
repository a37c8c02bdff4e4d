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
# What a refused "Defina sua nova senha" post brings back: field:code,field:code (codes of
# portal.texts.MESSAGES), or "aguarde" with ``espera``.
NEW_PASSWORD_ERRORS = "erros"
NOT_ME = "/nao-fui-eu"
SUPPORT = "/ajuda/solicitar"
FOLLOW_REQUEST = "/ajuda/acompanhar"  # ?protocolo=2026-483-129-577 fills the number in
FOLLOW_PROTOCOL = "protocolo"
DESK = "/atendimento"
SERVICES = "/servicos"  # the city's online services; where a sign-in lands
PRIVACY = "/privacidade"
UNAVAILABLE = "/indisponivel"
DEV_EMAILS = "/dev/emails"

# Plain HTTP endpoints (not pages): they set and clear the HttpOnly session cookie. Every form
# that ends in a session posts to one of them, live page or not (portal.web.sign_in_form).
AUTH_SIGN_IN = "/auth/entrar"  # POST: CPF + senha
AUTH_SIGN_IN_CODE = "/auth/entrar/codigo"  # POST: the verification code after the first step
AUTH_SIGN_OUT = "/auth/sair"
AUTH_NEW_PASSWORD = "/auth/nova-senha"  # POST: the new password after a temporary one
# For the city's monitoring: the database answers and mail goes out (JSON; 503 when not).
HEALTH = "/saude"

# "Entrar com gov.br": the start (redirects to gov.br) and gov.br's answer (OpenID Connect
# redirect URI, registered with gov.br as PORTAL_BASE_URL + AUTH_GOVBR_RETURN).
AUTH_GOVBR = "/auth/govbr"
AUTH_GOVBR_RETURN = "/auth/govbr/retorno"
GOVBR_LINK = "/govbr/vincular"  # a bronze gov.br identity: the portal password, once
AUTH_GOVBR_LINK = "/auth/govbr/vincular"  # POST: that password
# Why that post did not link, back on GOVBR_LINK?erro=…: the wait goes in ``espera``.
GOVBR_LINK_ERROR = "erro"
GOVBR_LINK_ERRORS = ("recusada", "vazia", "incorreta", "limitada", "aguarde")
GOVBR_FAILED = "/govbr/erro"  # ?motivo=<one of GOVBR_REASONS>
GOVBR_REASONS = ("negado", "expirado", "indisponivel", "invalido", "limite", "cookies")

# Mailed links open HTTP endpoints that use the token and redirect to its page with the
# outcome only (?resultado=…), so no token ever sits in a page's URL or in the page state.
LINK_CONFIRM = "/auth/confirmar"
LINK_NOT_ME = "/auth/nao-fui-eu"
RESULT = "resultado"

# A sign-in that did not end signed in sends the browser back to HOME?entrada=<outcome>.
SIGN_IN_OUTCOME = "entrada"
SIGN_IN_REFUSED = "recusada"  # posted from another site (login CSRF)
SIGN_IN_NO_COOKIE = "cookies"  # the browser sent no id cookie: it does not keep the portal's cookies
SIGN_IN_MISSING = "dados"  # with SIGN_IN_FIELDS: which fields were blank or malformed
SIGN_IN_FIELDS = "campos"  # "cpf", "senha" or "cpf-senha"
SIGN_IN_INVALID = "invalida"
SIGN_IN_LIMITED = "limitada"
SIGN_IN_UNCONFIRMED = "nao-confirmada"
SIGN_IN_CODE = "codigo"  # right password, two-step on: the verification code comes next
SIGN_IN_CODE_WRONG = "codigo-incorreto"  # the code step again, saying why
SIGN_IN_CODE_BLANK = "codigo-vazio"
SIGN_IN_CODE_LIMITED = "codigo-limitado"  # with ``espera``
SIGN_IN_CODE_GONE = "codigo-expirado"  # nothing waits for a code in this browser: the password again
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
