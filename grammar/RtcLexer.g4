// The lexical grammar of the .rtc language (docs/language.md, "Lexical
// structure"). This file is the reference: the hand-written fast lexer in
// compiler/lib/Parse/FastLexer.cpp must produce the same tokens, and a unit
// test checks them token for token.
lexer grammar RtcLexer;

channels { COMMENTS }

// ---- Default mode: declarations and expressions -------------------------

// `{` and `}` nest modes so that `}` closes an interpolation `${ ... }` and
// returns to the string it came from. A stray `}` at top level must not pop an
// empty stack (the runtime would throw), so the pop is guarded.
LBRACE      : '{' -> pushMode(DEFAULT_MODE);
RBRACE      : '}' { if (!modeStack.empty()) popMode(); };
LBRACK      : '[';
RBRACK      : ']';
LPAREN      : '(';
RPAREN      : ')';
COMMA       : ',';
DOT         : '.';
QUESTION    : '?';
COLON       : ':';
EQ          : '==';
NEQ         : '!=';
LE          : '<=';
GE          : '>=';
LT          : '<';
GT          : '>';
ASSIGN      : '=';
AND         : '&&';
OR          : '||';
NOT         : '!';
PLUS        : '+';
MINUS       : '-';
STAR        : '*';
SLASH       : '/';
PERCENT     : '%';

IMPORT      : 'import';
AS          : 'as';
LET         : 'let';
ALLOW       : 'allow';
DENY        : 'deny';
ON          : 'on';
TRUE_LIT    : 'true';
FALSE_LIT   : 'false';
NULL_LIT    : 'null';

NUMBER      : DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)?;
IDENT       : [a-zA-Z_] [a-zA-Z0-9_]*;

// Raw strings: no escapes, no interpolation, may span lines. Meant for
// embedded JSON policy documents.
RAW_STRING  : '`' ~'`'* '`';
// Longest match: a terminated raw string is one character longer than this,
// so this only wins when the closing backtick is missing.
RAW_STRING_UNTERMINATED : '`' ~'`'*;

TEXT_BLOCK_OPEN : '"""' -> pushMode(TEXT_BLOCK);
QUOTE_OPEN      : '"' -> pushMode(STRING);

LINE_COMMENT  : ('//' | '#') ~[\r\n]* -> channel(COMMENTS);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(COMMENTS);
// As with raw strings, a terminated comment is longer and wins.
BLOCK_COMMENT_UNTERMINATED : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* -> channel(COMMENTS);

WS          : [ \t\r\n\f]+ -> skip;

// Anything else is a token of its own so that the parser can say what it saw
// (`;`, `'`, `&`, `|`, a stray `@`) rather than the lexer stopping.
ERROR_CHAR  : .;

fragment DIGITS   : [0-9]+;

// ---- "..." quoted template strings ---------------------------------------
mode STRING;
QUOTE_CLOSE       : '"' -> popMode;
STRING_INTERP     : '${' -> pushMode(DEFAULT_MODE);
STRING_DOLLAR_ESC : '$${';
STRING_DOLLAR     : '$';
STRING_ESCAPE     : '\\' ( [nrt"\\$] | 'u' HEX HEX HEX HEX | 'u{' HEX+ '}' );
STRING_BAD_ESCAPE : '\\' ~[\r\n]?;
STRING_TEXT       : ~["\\$\r\n]+;
// A quoted string may not span lines; the newline ends it with an error the
// parser reports as "unterminated string".
STRING_NEWLINE    : '\r'? '\n' -> popMode;

fragment HEX : [0-9a-fA-F];

// ---- """ text blocks: multi-line templates ---------------------------------
mode TEXT_BLOCK;
TEXT_BLOCK_CLOSE  : '"""' -> popMode;
TB_INTERP         : '${' -> pushMode(DEFAULT_MODE);
TB_DOLLAR_ESC     : '$${';
TB_DOLLAR         : '$';
TB_ESCAPE         : '\\' ( [nrt"\\$] | 'u' HEX HEX HEX HEX | 'u{' HEX+ '}' );
TB_BAD_ESCAPE     : '\\' .?;
TB_QUOTE          : '"';
TB_TEXT           : ~["\\$]+;
