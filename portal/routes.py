"""Every path of the portal, in one place."""

HOME = "/"
SIGNUP = "/cadastro"
SIGNUP_SENT = "/cadastro/enviado"
CONFIRM = "/confirmar"
ACCOUNT = "/minha-conta"
TERMS = "/termos"
RECOVER = "/recuperar-senha"
NEW_PASSWORD = "/nova-senha"
NOT_ME = "/nao-fui-eu"
SUPPORT = "/ajuda/solicitar"
DESK = "/atendimento"
PRIVACY = "/privacidade"
UNAVAILABLE = "/indisponivel"
DEV_EMAILS = "/dev/emails"

# Plain HTTP endpoints (not pages): they set and clear the HttpOnly session cookie.
AUTH_SIGN_IN = "/auth/entrar"
AUTH_SIGN_OUT = "/auth/sair"

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
