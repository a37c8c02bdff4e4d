"""Asking for help in writing (/ajuda/solicitar), following a request, and "Minhas solicitações"."""

SUPPORT_TITLE = "Solicitar auxílio"
SUPPORT_INTRO = (
    "Não conseguiu resolver pela ajuda? Conte o que aconteceu. Você recebe um número de "
    "protocolo e a resposta chega por e-mail."
)
LABEL_SUPPORT_NAME = "Nome"
LABEL_SUPPORT_CPF = "CPF (opcional)"
LABEL_SUPPORT_EMAIL = "E-mail para resposta"
LABEL_SUPPORT_PHONE = "Telefone (opcional)"

LABEL_SUPPORT_TOPIC = "Assunto"
LABEL_SUPPORT_DESCRIPTION = "Descreva o que aconteceu"
SUPPORT_TOPIC_PLACEHOLDER = "Escolha o assunto"
SUPPORT_COUNT = "{count} de {max} caracteres"
BUTTON_SEND_REQUEST = "Enviar solicitação"

SUPPORT_DONE = "Solicitação registrada. Protocolo: {protocol}"
SUPPORT_DONE_HELP = "O comprovante vai para o seu e-mail. Guarde o número do protocolo."
BUTTON_NEW_REQUEST = "Fazer outra solicitação"
SUPPORT_LIMITED = "Você já enviou várias solicitações. Aguarde {wait} para enviar outra."

# Following a request (/ajuda/acompanhar)
FOLLOW_TITLE = "Acompanhar solicitação"
FOLLOW_INTRO = (
    "Informe o número do protocolo e o e-mail que você usou ao pedir auxílio para ver a situação "
    "do pedido e as respostas da equipe."
)
LABEL_FOLLOW_PROTOCOL = "Número do protocolo"
FOLLOW_PROTOCOL_HINT = "Está no e-mail que enviamos quando você pediu auxílio, por exemplo: 2026-483-129-577."
LABEL_FOLLOW_EMAIL = "E-mail usado na solicitação"
BUTTON_FOLLOW = "Acompanhar"
FOLLOW_NOT_FOUND = (
    "Não encontramos uma solicitação com este protocolo e este e-mail. Confira o número e use o "
    "mesmo e-mail informado no pedido: é para ele que enviamos o comprovante."
)

FOLLOW_LIMITED = "Muitas consultas seguidas. Aguarde {wait} e tente de novo."
BUTTON_FOLLOW_ANOTHER = "Acompanhar outra solicitação"
FOLLOW_PROTOCOL_HEADING = "Protocolo {protocol}"
FOLLOW_TOPIC = "Assunto: {topic}"
FOLLOW_SENT_AT = "Enviada em {when} (horário de Brasília)"
FOLLOW_STATUS_LABELS = {
    "aberto": "Recebida, aguardando atendimento",
    "em_andamento": "Em atendimento",
    "respondido": "Respondida",
}

FOLLOW_REPLY_AT = "Resposta da equipe, em {when}"
FOLLOW_NO_REPLY = "Ainda sem resposta. A equipe responde por e-mail em até 2 dias úteis."
FOLLOW_ADD_MORE = (
    "Respostas aos nossos e-mails não são lidas. Para acrescentar algo, faça uma nova solicitação e "
    "informe o número do protocolo."
)
LINK_FOLLOW_REQUEST = "Acompanhar uma solicitação"
LINK_FOLLOW_THIS = "Acompanhar esta solicitação"

# Minhas solicitações, in "Minha conta"
MY_REQUESTS_HEADING = "Minhas solicitações"
MY_REQUESTS_INTRO = "Pedidos de auxílio feitos com esta conta ou enviados para o e-mail dela."
MY_REQUESTS_EMPTY = "Nenhuma solicitação de auxílio feita com esta conta ou com este e-mail."
MY_REQUESTS_OTHER_EMAIL = "Pediu auxílio com outro e-mail?"
