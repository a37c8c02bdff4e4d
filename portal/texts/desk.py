"""The staff desk (/atendimento): support requests, replies, and the account a request is about."""

DESK_TITLE = "Atendimento"
DESK_SELECT_PROMPT = "Escolha uma solicitação na lista."
DESK_FILTER_STATUS = "Situação"
DESK_FILTER_TOPIC = "Assunto"
DESK_ALL = "Todos"
DESK_EMPTY = "Nenhuma solicitação com estes filtros."
DESK_COLUMNS = ("Protocolo", "Recebida em", "Assunto", "Nome", "Situação")
DESK_OPEN = "Abrir"

STATUS_LABELS = {"aberto": "Aberto", "em_andamento": "Em andamento", "respondido": "Respondido"}
DESK_DETAILS = "Solicitação {protocol}"
DESK_FIELD_LABELS = (
    ("Recebida em", "created"), ("Situação", "status_label"), ("Assunto", "topic"),
    ("Nome", "name"), ("CPF", "cpf"), ("E-mail", "email"), ("Comprovante", "receipt_delivery"),
    ("Telefone", "phone"),
)
DESK_DELIVERY = {
    "queued": "E-mail na fila de envio",
    "sent": "E-mail entregue ao provedor",
    "refused": "E-mail recusado: {why}",
    "bounced": "E-mail devolvido: {why}",
}
DESK_REPLIES = "Respostas enviadas"
LABEL_REPLY = "Resposta ao cidadão"
BUTTON_SEND_REPLY = "Enviar resposta por e-mail"
DESK_REPLY_SENT = "Resposta enviada por e-mail e solicitação marcada como respondida."

DESK_CHANGE_STATUS = "Mudar situação"
DESK_STATUS_CHANGED = "Situação alterada."
BUTTON_CLOSE_REQUEST = "Fechar solicitação"

# The account a request is about, and turning its two-step verification off
DESK_ACCOUNT_HEADING = "Conta no portal a que a solicitação se refere"
DESK_ACCOUNT_INTRO = (
    "O que a própria conta tem (a do CPF informado, ou a conta conectada de quem enviou), não o que a "
    "solicitação diz."
)
DESK_ACCOUNT_NONE = (
    "Nenhuma conta: a solicitação não foi enviada com uma conta conectada e o CPF informado não tem conta."
)
DESK_ACCOUNT_NAME = "Nome cadastrado na conta"
DESK_ACCOUNT_CREATED = "Conta criada em"
DESK_ACCOUNT_EMAIL = "E-mail cadastrado na conta"

DESK_ACCOUNT_TWO_STEP = "Verificação em duas etapas"
DESK_ACCOUNT_TWO_STEP_ON = "Ativada"
DESK_ACCOUNT_TWO_STEP_OFF = "Desativada"
DESK_ACCOUNT_SIGNED_IN = "Enviada com a conta conectada"

DESK_ACCOUNT_SIGNED_IN_YES = "Sim"
DESK_ACCOUNT_SIGNED_IN_NO = "Não: enviada sem entrar na conta (qualquer pessoa pode digitar um CPF)"
DESK_EMAIL_MISMATCH = (
    "Atenção: o e-mail desta solicitação não é o e-mail cadastrado na conta. Quem pediu pode não ser o "
    "titular. Confira a identidade por outros meios e fale com o titular pelo e-mail cadastrado, nunca pelo "
    "e-mail da solicitação."
)

DESK_TWO_STEP_HEADING = "Desativar a verificação em duas etapas da conta"
DESK_TWO_STEP_INTRO = (
    "Só se o titular perdeu o celular e os códigos de recuperação. Marque como conferiu a identidade: pelo "
    "menos duas conferências, e o contato pelo e-mail cadastrado sempre que o e-mail da solicitação for "
    "outro. O titular será avisado no e-mail cadastrado na conta."
)
DESK_IDENTITY_CHECKS_LEGEND = "Como a identidade foi conferida"
# Keyed by portal.support.desk.IDENTITY_CHECKS; the keys are what the audit log records.
DESK_IDENTITY_CHECKS = {
    "documento": "Conferiu um documento oficial com foto da pessoa (RG, CNH), no balcão ou por vídeo",
    "cadastro": (
        "A pessoa confirmou dados do cadastro que não estão na solicitação (nome completo como cadastrado, "
        "quando criou a conta)"
    ),
    "contato": "Falou com o titular pelo e-mail já cadastrado na conta (não pelo e-mail da solicitação)",
}
LABEL_IDENTITY_CHECK = "Observações: o que foi comparado, por qual canal"

BUTTON_DESK_TWO_STEP_OFF = "Desativar a verificação em duas etapas"
DESK_TWO_STEP_OFF_DONE = (
    "Verificação em duas etapas desativada. O titular foi avisado no e-mail cadastrado na conta."
)
