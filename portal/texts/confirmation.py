"""The confirmation link's page (/confirmar): a new account's e-mail, or a changed one."""

CONFIRM_TITLE = "Confirmação de e-mail"
CONFIRM_CHECKING = "Verificando o link…"
CONFIRM_OK = "Pronto! Seu e-mail foi confirmado e sua conta está ativa."
CONFIRM_OK_NEXT = "Entrar no Portal"
CONFIRM_EXPIRED = "Este link de confirmação expirou."
CONFIRM_EXPIRED_HELP = "Peça um novo link: ele será enviado para o mesmo e-mail."
BUTTON_SEND_NEW_LINK = "Enviar novo link"

CONFIRM_EXPIRED_OPEN_AGAIN = (
    "Para pedir um novo link, abra de novo o link do e-mail de confirmação e clique em "
    "“Enviar novo link”."
)

CONFIRM_USED = "Este link já foi usado e sua conta já está confirmada."
CONFIRM_USED_HELP = "Entre com seu CPF e senha."
CONFIRM_SUPERSEDED = "Este link foi substituído por um mais novo."
CONFIRM_SUPERSEDED_HELP = (
    "Use o link da mensagem mais recente que enviamos. Se não a encontrar, entre com "
    "seu CPF e senha para pedir outro."
)
CONFIRM_UNKNOWN = "Não reconhecemos este link de confirmação."
CONFIRM_UNKNOWN_HELP = (
    "Confira se o endereço foi copiado inteiro. Para receber outro link, entre com seu "
    "CPF e senha ou faça o cadastro novamente."
)
NEW_LINK_SENT = "Enviamos um novo link para {email}."

CONFIRM_EMAIL_CHANGED = "Pronto! O e-mail da sua conta foi alterado."
CONFIRM_EMAIL_IN_USE = "Este e-mail passou a ser usado por outra conta; a troca não foi feita."
