#!/usr/bin/env python3
"""One signed ROA call (foas 2018-11-11) to the emulator, for suites that must
send what `rtcc` itself never would (e.g. a request `rtcc check` refuses).
Signs like runtime/cloud/RoaClient.cpp. Prints the JSON answer; exits 0.

usage: roa_call.py URL METHOD PATH [JSON-BODY]
env:   ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET
"""
import base64, email.utils, hashlib, hmac, os, sys, urllib.error, urllib.request, uuid


def main(argv):
    url, method, path = argv[1], argv[2].upper(), argv[3]
    body = argv[4].encode() if len(argv) > 4 else b""
    key = os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"]
    secret = os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"]
    ctype = "application/json" if body else ""
    md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
    date = email.utils.formatdate(usegmt=True)
    acs = {"x-acs-signature-method": "HMAC-SHA1", "x-acs-signature-nonce": uuid.uuid4().hex,
           "x-acs-signature-version": "1.0", "x-acs-version": "2018-11-11"}
    to_sign = "\n".join([method, "application/json", md5, ctype, date]) + "\n"
    to_sign += "".join(f"{k}:{acs[k]}\n" for k in sorted(acs)) + path
    sig = base64.b64encode(hmac.new(secret.encode(), to_sign.encode(), hashlib.sha1).digest()).decode()
    headers = dict(acs, **{"accept": "application/json", "date": date, "content-md5": md5,
                           "authorization": f"acs {key}:{sig}"})
    if ctype:
        headers["content-type"] = ctype
    req = urllib.request.Request(url + path, data=body if body else None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            print(r.read().decode())
    except urllib.error.HTTPError as e:
        print(e.read().decode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
