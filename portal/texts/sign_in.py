"""Signing in with CPF and password (the home page, /), and why a sign-in is refused."""

HOME_TITLE = "Portal de Serviços"
HOME_PAGE_TITLE = "Entrar"
HOME_SUBTITLE = "Acesse os serviços on-line da Prefeitura de Campinas."
LOGIN_HEADING = "Entrar"
# Without gov.br configured, nobody should try a gov.br password here.
LOGIN_INTRO = "Entre com o CPF e a senha que você criou neste portal (a senha do gov.br não vale aqui)."
LOGIN_INTRO_GOVBR = "Se você não tem uma conta gov.br, entre com seu CPF e senha."
LOGIN_LEGACY_NOTE = "*Mesma senha que você utilizava no antigo Portal do Cidadão."

LABEL_CPF = "CPF"
LABEL_PASSWORD = "Senha"
SHOW_PASSWORD = "Mostrar senha"
HIDE_PASSWORD = "Ocultar senha"
CAPS_LOCK_ON = "Atenção: a tecla Caps Lock está ativada."

BUTTON_LOGIN = "Entrar"
LINK_SIGNUP = "Cadastre-se"
SIGNUP_PROMPT = "Ainda não tem conta?"

LOGIN_INVALID = "Usuário ou Senha Inválido"
LOGIN_PASSWORD_SPACES = (
    "Atenção: a senha digitada começa ou termina com espaço. Se você copiou a senha de um "
    "e-mail, apague os espaços e tente novamente."
)
LOGIN_PASSWORD_SUSPENDED = (
    "Por segurança, a entrada com esta senha foi bloqueada depois de um aviso “Não fui eu”. Use "
    "“Recuperar senha” para receber uma senha temporária no seu e-mail e criar uma nova."
)
LOGIN_LIMITED = (
    "Muitas tentativas de entrada. Aguarde {wait} e tente de novo. Se esqueceu a senha, use "
    "“Recuperar senha”."
)

# The right password of a sign-up not confirmed yet: the sign-in sends a new link itself.
LOGIN_UNCONFIRMED_RESENT = (
    "Seu cadastro ainda não foi confirmado. Enviamos agora um novo link de confirmação para o "
    "e-mail do cadastro; o link anterior deixou de valer."
)
LOGIN_UNCONFIRMED_WAIT = (
    "Seu cadastro ainda não foi confirmado. Abra o link que enviamos para o e-mail do cadastro. "
    "Se ele não chegou, entre de novo daqui a {wait} para receber outro."
)
LOGIN_UNCONFIRMED = (
    "Seu cadastro ainda não foi confirmado. Abra o link que enviamos para o e-mail do cadastro."
)
BUTTON_RESEND_CONFIRMATION = "Reenviar e-mail de confirmação"

SIGN_IN_OTHER_BROWSER = (
    "Não foi possível concluir a entrada neste navegador. Entre com seu CPF e senha."
)
LOGIN_NO_BROWSER_COOKIE = (
    "Não foi possível entrar: o navegador não guardou o cookie do portal. Atualize a página e "
    "tente de novo; se continuar, verifique se o navegador aceita cookies."
)

LOGGED_OUT = "Você saiu da sua conta."
SESSION_EXPIRED = "Sua sessão terminou. Entre novamente com seu CPF e senha."
# Sent to the sign-in by a page that needs it, with no session ever seen in this tab (with
# one that ended, SESSION_EXPIRED is shown instead); keyed by routes.RETURN_TARGETS.
SIGN_IN_FIRST = {
    "minha-conta": "Entre para ver sua conta.",
    "atendimento": "Entre para abrir o Atendimento.",
    "meus-dados": "Entre para ver seus dados.",
}
