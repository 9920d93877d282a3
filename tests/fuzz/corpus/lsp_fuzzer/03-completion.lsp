Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 892

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc", "languageId": "rtc", "version": 1, "text": "// RUN: not %rtcc check %s 2>&1 | FileCheck %s\n// Every policy goes through rtcc_policy's Analyzer: the seed's typo\n// `dhs>DeleteTopic` and a project scope naming an undeclared project.\nimport \"Inputs/shared.rtc\"\n\nproject clicks { order = order.shared }\npolicy stream_dev {\n  allow [\"dhs>DeleteTopic\"] on [\"*\"]\n  allow [\"stream:GetProject\"] on [\"acs:stream:*:*:clickz\"]\n}\n\n// CHECK: policy-analysis.rtc:8:11: error: `dhs>DeleteTopic` is not an action: `>` does not separate service and action; did you mean `dhs:DeleteTopic`? [RTC0420]\n// CHECK: policy-analysis.rtc:9:36: warning: resource `acs:stream:*:*:clickz` names project `clickz`, which is not declared; did you mean `clicks`? [RTC0443]\n"}}}Content-Length: 180

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc"}, "position": {"line": 3, "character": 2}}}Content-Length: 180

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc"}, "position": {"line": 1, "character": 5}}}Content-Length: 50

{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}