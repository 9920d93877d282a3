content-length: 2
Content-Type: application/vscode-jsonrpc

{}Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}