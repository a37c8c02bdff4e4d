"""The help page: its links, the support contacts, and whether support is open now.

The help centre's sections themselves are content, kept in ``portal.help.content``.
"""

HELP_WHAT_TO_DO = "O que fazer?"
HELP_FORGOT_EMAIL = "Não sabe qual e-mail usou ou perdeu o acesso a ele?"
HELP_NO_EMAIL = "Não recebeu a mensagem? Veja o que fazer."

HELP_CONTACTS_HEADING = "Preciso de ajuda"
HELP_CONTACTS_INTRO = "Contatos de suporte no uso do Portal de Serviços"
HELP_CONTACT_PHONE_BEFORE = "Telefone: "
HELP_CONTACT_PHONE_MIDDLE = " para Campinas e "
HELP_CONTACT_PHONE_AFTER = " para as demais localidades."

HELP_REQUEST_IN_WRITING = "Solicitar auxílio por escrito"

# Support opening hours (portal.help.hours)
HOURS_OPEN_NOW = "Atendimento aberto agora, até as {time}."
HOURS_CLOSED_NOW = "Atendimento fechado agora."
HOURS_OPENS_TODAY = "Abre hoje às {time}."
HOURS_OPENS_TOMORROW = "Abre amanhã ({weekday}) às {time}."
HOURS_OPENS_LATER = "Abre {weekday}, {day}, às {time}."
