Content-Length: 175

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc"}, "position": {"line": 0, "character": 0}}}Content-Length: 45

{"jsonrpc": "2.0", "id": 2, "method": "nope"}Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 50

{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}