"""Every mail the portal sends: subjects, paragraphs, buttons, and the frame around them.

The templates in portal/mail/templates hold only markup: ``portal.mail.messages`` puts these texts in
their render context. Texts naming the support phones leave them as ``{phone_campinas}`` and
``{phone_other}``, filled in when a mail is built: the city sets them (PORTAL_SUPPORT_PHONE_*).
"""

# Every mail: the greeting, the button's fallback, and the footer (portal/mail/templates/base.*)
MAIL_GREETING = "Olá, {name}."
MAIL_LINK_FALLBACK = "Se o botão não funcionar, copie e cole este endereço no navegador:"
# Two lines in the plain-text mail.
MAIL_QUESTIONS = (
    "Dúvidas? Ligue {phone_campinas} (Campinas) ou {phone_other} (demais localidades),\n"
    "de segunda a sexta, das 8h às 18h, exceto feriados."
)
MAIL_QUESTIONS_EMAIL = "E-mail: {email}."
MAIL_NO_REPLY = "Esta mensagem foi enviada automaticamente; não responda a este e-mail."

# Confirming a new account's e-mail
MAIL_CONFIRMATION_SUBJECT = "Confirme seu e-mail no Portal de Serviços"
MAIL_CONFIRMATION_INTRO = (
    "Recebemos o seu cadastro no Portal de Serviços. Para ativar a sua conta, confirme o seu e-mail:"
)
MAIL_CONFIRMATION_BUTTON = "Confirmar meu e-mail"
MAIL_CONFIRMATION_EXPIRES = "O link vale até {expires} (horário de Brasília) e só pode ser usado uma vez."
MAIL_CONFIRMATION_NOT_YOU = "Se você não fez este cadastro, ignore esta mensagem: nenhuma conta será ativada."

# Recovery
MAIL_TEMP_SUBJECT = "Sua senha temporária do Portal de Serviços"
MAIL_TEMP_INTRO = (
    "Recebemos um pedido de recuperação de senha para a sua conta. Use esta senha "
    "temporária para entrar com o seu CPF:"
)
MAIL_TEMP_EXPIRES = "Ela vale uma única vez, até {expires} (horário de Brasília)."
MAIL_TEMP_TYPING = (
    "Pode digitar em letras maiúsculas ou minúsculas, com ou sem os hífens e espaços. "
    "Ao entrar, você vai criar uma senha nova."
)
MAIL_TEMP_NOT_YOU = (
    "Se não foi você quem pediu, ignore esta mensagem: sua senha atual continua valendo."
)

# Changes to the account's security, each with "Não fui eu"
MAIL_NOT_ME_BUTTON = "Não fui eu"
MAIL_NOT_ME_EXPLAIN = (
    "Se não foi você, clique em “Não fui eu” (vale por 7 dias): encerraremos todas as "
    "sessões da sua conta e a senha atual deixará de valer. Para entrar de novo, use "
    "“Recuperar senha”: enviaremos uma senha temporária para este e-mail."
)

MAIL_PASSWORD_CHANGED_SUBJECT = "Sua senha do Portal de Serviços foi alterada"
MAIL_PASSWORD_CHANGED = "A senha da sua conta foi alterada em {when} (horário de Brasília)."

MAIL_NEW_DEVICE_SUBJECT = "Nova entrada na sua conta do Portal de Serviços"
MAIL_NEW_DEVICE = (
    "Sua conta foi acessada em {when} (horário de Brasília) de um dispositivo que ainda não tínhamos "
    "visto: {device}, a partir do endereço de internet {place}."
)
MAIL_NEW_DEVICE_IF_YOU = "Se foi você, não precisa fazer nada."

MAIL_TWO_STEP_ON_SUBJECT = "A verificação em duas etapas da sua conta foi ativada"
MAIL_TWO_STEP_ON = (
    "A verificação em duas etapas da sua conta foi ativada em {when} (horário de Brasília). A partir de "
    "agora, cada entrada pede também um código do aplicativo autenticador."
)
MAIL_TWO_STEP_OFF_BY_YOU = (
    "A verificação em duas etapas da sua conta foi desativada em {when} (horário de Brasília), em "
    "“Minha conta”."
)
MAIL_TWO_STEP_CODES_SUBJECT = "Novos códigos de recuperação da sua conta"
MAIL_TWO_STEP_CODES = (
    "Novos códigos de recuperação da verificação em duas etapas foram gerados em {when} (horário de "
    "Brasília). Os códigos anteriores deixaram de valer."
)

MAIL_WRONG_CODES_SUBJECT = "Alguém acertou sua senha e errou o código de verificação"
MAIL_WRONG_CODES = (
    "Em {when} (horário de Brasília), alguém digitou a senha certa da sua conta e errou o código de "
    "verificação {count} vezes seguidas. A verificação em duas etapas impediu a entrada."
)
MAIL_WRONG_CODES_IF_YOU = "Se foi você, confira o relógio do celular e use o código atual do aplicativo."
MAIL_WRONG_CODES_NOT_YOU = (
    "Se não foi você, outra pessoa conhece sua senha. Clique em “Não fui eu” (vale por 7 dias): "
    "encerraremos todas as sessões e a senha atual deixará de valer até você criar uma nova por "
    "“Recuperar senha”."
)

MAIL_TWO_STEP_OFF_SUBJECT = "A verificação em duas etapas da sua conta foi desativada"
MAIL_TWO_STEP_OFF = (
    "Em {when} (horário de Brasília), o atendimento da Prefeitura desativou a verificação em duas etapas "
    "da sua conta, atendendo à solicitação de protocolo {protocol}."
)
MAIL_TWO_STEP_OFF_IF_YOU = "Se foi você quem pediu, ative-a de novo em “Minha conta” assim que puder."
MAIL_TWO_STEP_OFF_NOT_ME = (
    "Se não foi você, clique em “Não fui eu” (vale por 7 dias): encerraremos todas as sessões da sua conta. "
    "Depois crie uma senha nova em “Recuperar senha”, ative de novo a verificação em duas etapas e ligue "
    "{phone_campinas} informando o protocolo {protocol}."
)

# E-mail change
MAIL_EMAIL_CHANGE_SUBJECT = "Confirme seu novo e-mail no Portal de Serviços"
MAIL_EMAIL_CHANGE_INTRO = (
    "Você pediu para usar este endereço na sua conta do Portal de Serviços. Confirme para "
    "concluir a troca:"
)
MAIL_EMAIL_CHANGE_BUTTON = "Confirmar novo e-mail"
MAIL_EMAIL_CHANGE_EXPIRES = "O link vale até {expires} (horário de Brasília). Sem a confirmação, nada muda."

MAIL_EMAIL_CHANGE_NOTICE_SUBJECT = "Pedido de troca do e-mail da sua conta"
MAIL_EMAIL_CHANGE_NOTICE = (
    "Foi pedida a troca do e-mail da sua conta para {email}. A troca só vale depois que o "
    "novo endereço for confirmado. Se não foi você, troque sua senha ou ligue "
    "{phone_campinas}."
)
MAIL_EMAIL_CHANGE_NOT_ME_EXPLAIN = (
    "Ou clique em “Não fui eu” (vale por 7 dias, mesmo que a troca já tenha sido confirmada): "
    "cancelamos a troca — ou voltamos a usar este endereço na sua conta — e encerramos todas as "
    "sessões. Depois, crie uma senha nova em “Recuperar senha”."
)

# Support requests
MAIL_SUPPORT_RECEIPT_SUBJECT = "Recebemos sua solicitação — protocolo {protocol}"
MAIL_SUPPORT_RECEIPT = "Recebemos sua solicitação de auxílio. O número do protocolo é {protocol}."
MAIL_SUPPORT_TOPIC = "Assunto: {topic}. Você escreveu:"
MAIL_SUPPORT_NEXT = (
    "Responderemos por e-mail em até 2 dias úteis. Guarde o número do protocolo para "
    "acompanhar pelo telefone {phone_campinas}."
)

MAIL_SUPPORT_REPLY_SUBJECT = "Resposta à sua solicitação — protocolo {protocol}"
MAIL_SUPPORT_REPLY = "A equipe de atendimento respondeu à sua solicitação {protocol}:"

MAIL_SUPPORT_FOLLOW_BUTTON = "Acompanhar minha solicitação"
MAIL_SUPPORT_FOLLOW = (
    "Para ver a situação e as respostas, abra o link “Acompanhar minha solicitação” e informe este "
    "endereço de e-mail. Se você tem conta no portal com este e-mail, a solicitação também aparece "
    "em “Minha conta”."
)
MAIL_SUPPORT_NO_REPLY = (
    "Esta mensagem foi enviada automaticamente e respostas a ela não são lidas. Para acompanhar a "
    "solicitação, use o link “Acompanhar minha solicitação”; para acrescentar algo, faça uma nova "
    "solicitação informando o protocolo."
)

# Account deleted
MAIL_DELETED_SUBJECT = "Sua conta no Portal de Serviços foi excluída"
MAIL_DELETED = (
    "Como você pediu, excluímos sua conta e seus dados pessoais do Portal de Serviços. "
    "Os protocolos de atendimento continuam registrados, sem seus dados pessoais. "
    "Para usar o portal de novo, basta fazer um novo cadastro."
)
