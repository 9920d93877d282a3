Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 203

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc", "languageId": "rtc", "version": 1, "text": "user a {\n  name = \"a\"\n}\n"}}}Content-Length: 268

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc", "version": 2}, "contentChanges": [{"range": {"start": {"line": 1, "character": 9}, "end": {"line": 1, "character": 12}}, "text": "\"b${"}]}}Content-Length: 191

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc", "version": 3}, "contentChanges": [{"text": "let x = [1,2\n"}]}}Content-Length: 143

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc"}}}Content-Length: 188

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc"}, "options": {"tabSize": 2, "insertSpaces": true}}}Content-Length: 128

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/rtcc-fuzz-lsp/main.rtc"}}}Content-Length: 50

{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}