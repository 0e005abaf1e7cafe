#!/usr/bin/python3
"""A real SMTP server for the tests: aiosmtpd (Debian's python3-aiosmtpd) on 127.0.0.1.

Writes every accepted message, byte for byte as received, to DIR/NNNN.eml (atomically: written under another name,
then renamed), with the envelope in DIR/NNNN.json. Prints "listening on PORT" once it accepts connections.

  smtp_sink.py --dir DIR [--port 0] [--tls-cert CERT --tls-key KEY (--starttls | --tls-on-connect)]
               [--user NAME --password SECRET] [--reject-rcpt ADDRESS]...

--starttls offers STARTTLS and refuses mail before it; --tls-on-connect speaks TLS from the first byte. With --user,
AUTH PLAIN/LOGIN is required (and offered only over TLS when TLS is configured); wrong credentials get 535.
--reject-rcpt answers RCPT TO for that address with a permanent 550.
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, directory, rejected):
        self.directory = directory
        self.rejected = {r.lower() for r in rejected}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return "550 5.1.1 <%s>: Recipient address rejected: no such mailbox" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = "%04d" % self.count
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
                "authenticated": bool(session.authenticated)}
        for suffix, data in ((".json", json.dumps(meta).encode()), (".eml", envelope.original_content)):
            temporary = os.path.join(self.directory, "." + name + suffix + ".tmp")
            with open(temporary, "wb") as f:
                f.write(data)
            os.replace(temporary, os.path.join(self.directory, name + suffix))
        return "250 2.0.0 OK queued as %s" % name


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)
    return check


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--starttls", action="store_true")
    mode.add_argument("--tls-on-connect", action="store_true")
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--reject-rcpt", action="append", default=[])
    a = p.parse_args()

    context = None
    if a.starttls or a.tls_on_connect:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.tls_cert, a.tls_key)
    handler = Sink(a.dir, a.reject_rcpt)
    options = dict(hostname="smtp-sink.test", ident="smtp-sink (aiosmtpd)")
    if a.starttls:
        options.update(tls_context=context, require_starttls=True)
    if a.user:
        options.update(authenticator=authenticator(a.user, a.password or ""), auth_required=True,
                       auth_require_tls=bool(a.starttls))
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, **options), host="127.0.0.1", port=a.port,
                                      ssl=context if a.tls_on_connect else None)
    print("listening on %d" % server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
