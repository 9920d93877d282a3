Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 50

{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}