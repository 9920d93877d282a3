Content-Length: 5

{"a":Content-Type: x

Content-Length: 2

[]