"""Minha conta: the account's data, changing e-mail and password, open sessions, recent activity."""

ACCOUNT_TITLE = "Minha conta"
ACCOUNT_GREETING = "Olá, {name}!"
ACCOUNT_NAME = "Nome"
ACCOUNT_CPF = "CPF"
ACCOUNT_EMAIL = "E-mail"
BUTTON_LOGOUT = "Sair"

# Changes
CHANGE_EMAIL_HEADING = "Trocar e-mail"
LABEL_CHANGE_EMAIL = "Novo e-mail"
LABEL_CURRENT_PASSWORD = "Senha atual"
BUTTON_CHANGE_EMAIL = "Enviar link de confirmação"
EMAIL_CHANGE_SENT = (
    "Enviamos um link para {email}. O e-mail da conta muda quando você abrir esse link; "
    "também avisamos o endereço atual."
)

CHANGE_PASSWORD_HEADING = "Trocar senha"
PASSWORD_SAVED = "Senha alterada. As outras sessões da sua conta foram encerradas."
CURRENT_PASSWORD_LIMITED = "Muitas tentativas com a senha atual. Aguarde {wait} e tente de novo."

# Sessions and the devices they run on (portal.accounts.devices)
SESSIONS_HEADING = "Onde sua conta está aberta"
SESSIONS_INTRO = (
    "Cada aparelho e navegador em que você entrou e ainda não saiu. Se não reconhecer um deles, feche a "
    "conta nele e troque sua senha."
)
SESSION_THIS = "Você está usando este"
SESSION_STARTED = "Entrou em {when}"
SESSION_LAST_SEEN = "Usado pela última vez em {when}"
TECHNICAL_DETAILS = "Detalhes técnicos"
SESSION_ADDRESS = "Endereço de internet (IP): {ip}"

BUTTON_END_SESSION = "Sair nesse aparelho"
BUTTON_END_OTHERS = "Sair em todos os outros aparelhos"
SESSIONS_ENDED = "Pronto: sua conta foi fechada em {count} outro(s) aparelho(s)."
SESSION_ENDED = "Pronto: sua conta foi fechada nesse aparelho."

UNKNOWN_BROWSER = "Navegador desconhecido"
BROWSER = "Navegador"
BROWSER_ON_SYSTEM = "{browser} em {system}"
BROWSER_KIND = "{text} ({kind})"
DEVICE_PHONE = "celular"
DEVICE_TABLET = "tablet"

# Activity
ACTIVITY_HEADING = "Atividade recente"
ACTIVITY_EMPTY = "Nenhuma atividade registrada ainda."
ACTIVITY_LABELS = {
    "login_ok": "Entrada na conta",
    "login_failed": "Tentativa de entrada com senha errada",
    "login_blocked": "Entradas suspensas por excesso de tentativas",
    "temporary_password_used": "Entrada com senha temporária",
    "password_changed": "Senha alterada",
    "email_change_requested": "Pedido de troca de e-mail",
    "email_changed": "E-mail alterado",
    "recovery_requested": "Pedido de recuperação de senha",
    "sessions_ended": "Sessões encerradas",
    "current_password_failed": "Senha atual digitada errada em “Minha conta”",
    "govbr_sign_in": "Entrada com gov.br",
    "govbr_linked": "Conta gov.br vinculada",
    "govbr_unlinked": "Conta gov.br desvinculada",
    "password_set": "Senha do portal criada",
    "new_device": "Entrada de um dispositivo novo (avisamos por e-mail)",
    "two_step_enabled": "Verificação em duas etapas ativada",
    "two_step_disabled": "Verificação em duas etapas desativada",
    "two_step_failed": "Código de verificação errado",
    "two_step_codes_renewed": "Novos códigos de recuperação gerados",
    "password_suspended": "Entrada com a senha bloqueada (“Não fui eu”) até a recuperação",
}
ACTIVITY_PLACE = "Endereço de internet (IP): {ip}"
