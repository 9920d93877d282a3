Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 926

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc", "languageId": "rtc", "version": 1, "text": "// RUN: %rtcc check -verify %s\n// Values are checked against the stdlib schemas' types and enums.\n\norder o {\n  mode   = \"exclusiv\" // expected-error {{`mode` must be one of \"shared\", \"exclusive\", found \"exclusiv\"; did you mean \"exclusive\"?}}\n  region = 42         // expected-error {{`region` must be a string, found a number}}\n}\n\n// expected-error@+1 {{`order` is missing required attribute `region`}}\norder p {\n  mode = \"shared\"\n}\n\nuser u {\n  name = \"u\"\n  id   = \"x\" // expected-error {{`id` is set by the service and cannot be written}}\n}\n\nuser v {\n  name = \"v\"\n}\n\ngroup_membership m {\n  user  = user.v\n  group = user.v // expected-error {{`group` must refer to a `group`, found a reference to user.v}}\n}\n"}}}Content-Length: 175

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc"}, "position": {"line": 5, "character": 4}}}Content-Length: 181

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc"}, "position": {"line": 8, "character": 10}}}Content-Length: 50

{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}