#!/usr/bin/python3
"""A strict OAuth 1.0a provider (RFC 5849, HMAC-SHA1) for Keyport's tests, built on oauthlib.

Usage: oauth1_provider.py PORT [CONSUMER_KEY CONSUMER_SECRET [CALLBACK]]
(or OAUTH1_CONSUMER_KEY / OAUTH1_CONSUMER_SECRET / OAUTH1_CALLBACK). PORT 0 picks a free port.
Prints "LISTENING <port>" once bound to 127.0.0.1. Test peer only: plain http, in-memory state.
"""
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from oauthlib.common import add_params_to_uri
from oauthlib.oauth1 import (AccessTokenEndpoint, AuthorizationEndpoint, RequestTokenEndpoint,
                             RequestValidator, ResourceEndpoint)
from oauthlib.oauth1.rfc5849.signature import collect_parameters

ARGS = sys.argv[1:]
PORT = int(ARGS[0]) if ARGS else 0
KEY = ARGS[1] if len(ARGS) > 1 else os.environ.get("OAUTH1_CONSUMER_KEY", "0123456789abcdef0123456789abcdef")
SECRET = ARGS[2] if len(ARGS) > 2 else os.environ.get("OAUTH1_CONSUMER_SECRET", "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210")
CALLBACK = ARGS[3] if len(ARGS) > 3 else os.environ.get("OAUTH1_CALLBACK", "http://localhost:3000/api/oauth/callback")
USERS = {"alice": {"id": "5f0c1a2b3c4d5e6f70819203", "username": "alice", "fullName": "Alice Example"},
         "bob": {"id": "5f0c1a2b3c4d5e6f70819204", "username": "bob", "fullName": "Bob Example"}}

LOCK = threading.Lock()
REQUEST_TOKENS = {}  # token -> {secret, callback, realms}
VERIFIERS = {}  # request token -> {verifier, user}
ACCESS_TOKENS = {}  # token -> {secret, user}
NONCES = set()  # (client key, timestamp, nonce)
STATS = {"request_token": 0, "access_token": 0, "resource": 0, "authorize": 0, "denied": 0,
         "rejected": 0, "replays": 0, "callback_confirmed": 0, "request_token_calls": []}
DUMMY = "dummy_dummy_dummy_dummy_dummy"


class Validator(RequestValidator):
    enforce_ssl = False  # plain http on 127.0.0.1 only
    nonce_length = (20, 64)
    client_key_length = (8, 64)
    dummy_client = DUMMY
    dummy_request_token = DUMMY
    dummy_access_token = DUMMY

    @property
    def realms(self):
        return []

    def get_default_realms(self, client_key, request):
        return []

    def validate_client_key(self, client_key, request):
        return client_key == KEY

    def get_client_secret(self, client_key, request):
        return SECRET if client_key == KEY else "dummy"

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request, request_token=None,
                                     access_token=None):
        with LOCK:
            if (client_key, timestamp, nonce) in NONCES:
                STATS["replays"] += 1
                return False
            NONCES.add((client_key, timestamp, nonce))
            return True

    def validate_requested_realms(self, client_key, realms, request):
        return not realms

    def validate_redirect_uri(self, client_key, redirect_uri, request):
        return redirect_uri == CALLBACK

    def save_request_token(self, token, request):
        with LOCK:
            REQUEST_TOKENS[token["oauth_token"]] = {"secret": token["oauth_token_secret"],
                                                    "callback": request.redirect_uri, "client": request.client_key}

    def verify_request_token(self, token, request):
        return token in REQUEST_TOKENS

    def get_redirect_uri(self, token, request):
        return REQUEST_TOKENS[token]["callback"]

    def get_realms(self, token, request):
        return []

    def save_verifier(self, token, verifier, request):
        with LOCK:
            VERIFIERS[token] = {"verifier": verifier["oauth_verifier"], "user": request.user}

    def get_request_token_secret(self, client_key, token, request):
        entry = REQUEST_TOKENS.get(token)
        return entry["secret"] if entry and entry["client"] == client_key else "dummy"

    def validate_request_token(self, client_key, token, request):
        entry = REQUEST_TOKENS.get(token)
        return bool(entry and entry["client"] == client_key)

    def validate_verifier(self, client_key, token, verifier, request):
        entry = VERIFIERS.get(token)
        if not entry or entry["verifier"] != verifier:
            return False
        request.user = entry["user"]
        return True

    def invalidate_request_token(self, client_key, request_token, request):
        with LOCK:
            REQUEST_TOKENS.pop(request_token, None)
            VERIFIERS.pop(request_token, None)

    def save_access_token(self, token, request):
        with LOCK:
            ACCESS_TOKENS[token["oauth_token"]] = {"secret": token["oauth_token_secret"], "user": request.user,
                                                   "client": request.client_key}

    def get_access_token_secret(self, client_key, token, request):
        entry = ACCESS_TOKENS.get(token)
        return entry["secret"] if entry and entry["client"] == client_key else "dummy"

    def validate_access_token(self, client_key, token, request):
        entry = ACCESS_TOKENS.get(token)
        return bool(entry and entry["client"] == client_key)

    def validate_realms(self, client_key, token, request, uri=None, realms=None):
        return True


VALIDATOR = Validator()
REQUEST_TOKEN = RequestTokenEndpoint(VALIDATOR)
AUTHORIZE = AuthorizationEndpoint(VALIDATOR)
ACCESS_TOKEN = AccessTokenEndpoint(VALIDATOR)
RESOURCE = ResourceEndpoint(VALIDATOR)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep the test output clean
        pass

    def reply(self, status, body=b"", headers=None, content_type="application/json"):
        body = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def oauth(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        uri = f"http://{self.headers.get('Host')}{self.path}"
        return uri, body, dict(self.headers.items())

    def token_reply(self, kind, status, body):
        with LOCK:
            STATS[kind] += 1
            if status != 200:
                STATS["rejected"] += 1
        self.reply(status, body or "", content_type="application/x-www-form-urlencoded")

    def do_POST(self):
        path = urlsplit(self.path).path
        uri, body, headers = self.oauth()
        if path == "/1/OAuthGetRequestToken":
            header_params = dict(collect_parameters(headers=headers, exclude_oauth_signature=False))
            _, out, status = REQUEST_TOKEN.create_request_token_response(uri, "POST", body, headers)
            if status == 200 and ("legacy", "1") in parse_qsl(urlsplit(self.path).query):
                # An OAuth 1.0 (not 1.0a) provider: no oauth_callback_confirmed in the answer.
                out = urlencode([(k, v) for k, v in parse_qsl(out) if k != "oauth_callback_confirmed"])
            answer = dict(parse_qsl(out or ""))
            with LOCK:
                STATS["request_token_calls"].append({
                    "status": status,
                    "callbackInHeader": header_params.get("oauth_callback"),
                    "nonceLength": len(header_params.get("oauth_nonce", "")),
                    "signatureMethod": header_params.get("oauth_signature_method"),
                    "bodyLength": len(body),
                    "query": urlsplit(self.path).query,
                    "callbackConfirmed": answer.get("oauth_callback_confirmed"),
                })
                if answer.get("oauth_callback_confirmed") == "true":
                    STATS["callback_confirmed"] += 1
                    STATS["last_request_token"] = {"token": answer.get("oauth_token"),
                                                   "secret": answer.get("oauth_token_secret")}
            return self.token_reply("request_token", status, out)
        if path == "/1/OAuthGetAccessToken":
            _, out, status = ACCESS_TOKEN.create_access_token_response(uri, "POST", body, headers)
            return self.token_reply("access_token", status, out)
        return self.resource(uri, body, headers, "POST")

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path == "/__stats":
            with LOCK:
                return self.reply(200, json.dumps(STATS))
        if parts.path == "/1/OAuthAuthorizeToken":
            return self.authorize(parts)
        uri, body, headers = self.oauth()
        return self.resource(uri, body, headers, "GET")

    def authorize(self, parts):
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        token = query.get("oauth_token", "")
        with LOCK:
            STATS["authorize"] += 1
            entry = REQUEST_TOKENS.get(token)
        if not entry:
            return self.reply(400, json.dumps({"error": "unknown or used oauth_token"}))
        if query.get("deny") == "1":
            with LOCK:
                STATS["denied"] += 1
                REQUEST_TOKENS.pop(token, None)
            params = [("denied", token)]
            if query.get("echo_token") == "1":  # some providers also send oauth_token back
                params.insert(0, ("oauth_token", token))
            return self.reply(302, "", {"Location": add_params_to_uri(entry["callback"], params)})
        if query.get("user") not in USERS:
            return self.reply(400, json.dumps({"error": "unknown user"}))
        uri = f"http://{self.headers.get('Host')}{self.path}"
        headers, _, status = AUTHORIZE.create_authorization_response(uri, "GET")
        return self.reply(status, "", headers)

    def resource(self, uri, body, headers, method):
        valid, request = RESOURCE.validate_protected_resource_request(uri, method, body, headers)
        path = urlsplit(uri).path
        with LOCK:
            STATS["resource"] += 1
            if not valid:
                STATS["rejected"] += 1
        if not valid:
            return self.reply(401, json.dumps({"error": "invalid signature, token or nonce"}))
        user = USERS[ACCESS_TOKENS[request.resource_owner_key]["user"]]
        if method == "GET" and path == "/1/members/me":
            return self.reply(200, json.dumps(user))
        if method == "POST" and path == "/1/cards":
            form = dict(parse_qsl(body, keep_blank_values=True))
            return self.reply(200, json.dumps({"id": "card1", "name": form.get("name"), "by": user["username"]}))
        return self.reply(404, json.dumps({"error": "not found"}))


def main():
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    server.daemon_threads = True
    print(f"LISTENING {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
