#!/usr/bin/env python3
"""Holds idle keep-alive connections and SSE streams open against the platform (issue 23, goal 5: memory).
   hold_connections.py PORT IDLE SSE TOKEN SECONDS
Each idle connection sends one GET /healthz with keep-alive and then stays open without sending more; each SSE
client opens GET /api/v1/alerts/stream with a supervisor's token and reads what arrives. Prints how many of
each were established, then holds them SECONDS seconds."""
import asyncio
import sys


async def idle(port, ready):
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
    await w.drain()
    head = await r.readuntil(b"\r\n\r\n")
    if b" 200 " in head.split(b"\r\n")[0]:
        ready.append(1)
    return r, w


async def sse(port, token, ready):
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(("GET /api/v1/alerts/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n"
             "Authorization: Bearer %s\r\n\r\n" % token).encode())
    await w.drain()
    head = await r.readuntil(b"\r\n\r\n")
    if b" 200 " in head.split(b"\r\n")[0]:
        ready.append(1)

    async def drain():
        try:
            while await r.read(4096):
                pass
        except Exception:
            pass
    asyncio.ensure_future(drain())
    return r, w


async def main():
    port, n_idle, n_sse, token, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
    ok_idle, ok_sse, held = [], [], []
    for i in range(0, n_idle, 100):
        held += await asyncio.gather(*[idle(port, ok_idle) for _ in range(min(100, n_idle - i))], return_exceptions=True)
    for i in range(0, n_sse, 50):
        held += await asyncio.gather(*[sse(port, token, ok_sse) for _ in range(min(50, n_sse - i))], return_exceptions=True)
    print("established: %d idle keep-alive connections, %d SSE streams" % (len(ok_idle), len(ok_sse)), flush=True)
    await asyncio.sleep(seconds)


asyncio.run(main())
