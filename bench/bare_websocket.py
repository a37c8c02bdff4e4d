"""The floor of figure 5: an ASGI app that only accepts websockets and holds them open,
served as the portal is served (gunicorn + uvicorn, portal/web/server_worker.py). What one
of its sockets costs in memory is the transport's own share of a tab, under any Reflex state."""


async def app(scope, receive, send):
    if scope["type"] == "websocket":
        await receive()  # websocket.connect
        await send({"type": "websocket.accept"})
        await send({"type": "websocket.send", "text": '0{"sid":"bare"}'})  # an Engine.IO opening
        while (await receive())["type"] != "websocket.disconnect":
            pass
    elif scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
