"""The development mail catcher's page (/dev/emails): never served in production."""

DEV_EMAILS_TITLE = "E-mails capturados (desenvolvimento)"
DEV_EMAILS_INTRO = (
    "Nenhum servidor SMTP foi configurado, então o portal guarda aqui as mensagens que "
    "enviaria. Esta página não existe em produção."
)
DEV_EMAILS_EMPTY = "Nenhuma mensagem ainda."
DEV_EMAILS_REFRESH = "Atualizar"
DEV_EMAILS_TO = "Para"
DEV_EMAILS_TEXT_PART = "Texto"
