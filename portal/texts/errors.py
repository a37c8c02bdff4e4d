"""When something goes wrong: the generic error, a server too busy, a form's error summary, the outage page.

Texts naming the support phones leave them as ``{phone_campinas}`` and ``{phone_other}``: the city sets
them (PORTAL_SUPPORT_PHONE_*), so the caller fills them in (``portal.filled_texts.support_phones()``).
"""

GENERIC_ERROR = (
    "Não foi possível concluir a operação agora. Tente novamente em instantes; "
    "se o problema continuar, ligue {phone_campinas} (Campinas) ou {phone_other}."
)
# A burst bigger than the server can check in time (portal.core.hashing_pool): nothing is lost,
# the citizen presses "Entrar" again after the wait.
SERVER_BUSY = (
    "Muitas pessoas estão usando o portal neste momento. Aguarde {wait} e tente de novo; "
    "o que você digitou continua no formulário."
)

FORM_HAS_ERRORS = "Corrija os campos indicados abaixo."
ERROR_SUMMARY_TITLE = "Há um problema"
ERROR_SUMMARY_INTRO = FORM_HAS_ERRORS
# Read by screen readers before each field's message (visually hidden).
ERROR_PREFIX = "Erro: "

UNAVAILABLE_TITLE = "Portal temporariamente indisponível"
UNAVAILABLE_BODY = (
    "Não conseguimos acessar nossos dados agora. Nada do que você fez foi perdido por "
    "isso: tente novamente em alguns minutos."
)
UNAVAILABLE_RETRY = "Tentar de novo"
UNAVAILABLE_PHONE = "Se precisar de ajuda agora, ligue {phone_campinas} (Campinas) ou {phone_other}."
