// The syntactic grammar of the .rtc language (docs/language.md). The parse
// tree never leaves compiler/lib/Parse: AstBuilder turns it into rtc::ast.
parser grammar RtcParser;

options { tokenVocab = RtcLexer; }

file        : item* EOF;

item        : importDecl
            | letDecl
            | block
            | attribute      // only meaningful inside blocks; sema reports it at top level
            | rule_
            ;

importDecl  : IMPORT str (AS ident)?;
letDecl     : LET ident ASSIGN expr;
block       : ident label* LBRACE item* RBRACE;
label       : ident | str;
attribute   : ident ASSIGN expr;
// Policy statements: `allow ["stream:*"] on ["acs:stream:*:*:*"]`.
rule_       : effect=(ALLOW | DENY) expr ON expr;

expr
            : primary                                              # primaryExpr
            | expr DOT ident                                       # getAttrExpr
            | expr LBRACK expr RBRACK                               # indexExpr
            | op=(NOT | MINUS) expr                                # unaryExpr
            | expr op=(STAR | SLASH | PERCENT) expr                # binaryExpr
            | expr op=(PLUS | MINUS) expr                          # binaryExpr
            | expr op=(LT | LE | GT | GE) expr                     # binaryExpr
            | expr op=(EQ | NEQ) expr                              # binaryExpr
            | expr op=AND expr                                     # binaryExpr
            | expr op=OR expr                                      # binaryExpr
            | <assoc=right> expr QUESTION expr COLON expr          # condExpr
            ;

primary     : NUMBER                                               # numberLit
            | (TRUE_LIT | FALSE_LIT)                                     # boolLit
            | NULL_LIT                                             # nullLit
            | str                                                  # stringLit
            | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK           # listLit
            | LBRACE (mapEntry (COMMA? mapEntry)* COMMA?)? RBRACE  # mapLit
            | ident LPAREN (expr (COMMA expr)* COMMA?)? RPAREN     # callExpr
            | ident                                                # nameExpr
            | LPAREN expr RPAREN                                   # parenExpr
            ;

mapEntry    : key=mapKey (ASSIGN | COLON) expr;
mapKey      : ident | str;

str         : QUOTE_OPEN stringPart* (QUOTE_CLOSE | STRING_NEWLINE)  # quotedString
            | TEXT_BLOCK_OPEN blockPart* TEXT_BLOCK_CLOSE            # textBlock
            | RAW_STRING                                             # rawString
            | RAW_STRING_UNTERMINATED                                # rawString
            ;

stringPart  : STRING_TEXT | STRING_ESCAPE | STRING_BAD_ESCAPE | STRING_DOLLAR | STRING_DOLLAR_ESC
            | STRING_INTERP expr RBRACE
            ;
blockPart   : TB_TEXT | TB_ESCAPE | TB_BAD_ESCAPE | TB_DOLLAR | TB_DOLLAR_ESC | TB_QUOTE
            | TB_INTERP expr RBRACE
            ;

// Keywords may still name attributes and labels (`on = ...` in a schema).
ident       : IDENT | IMPORT | AS | LET | ALLOW | DENY | ON;
