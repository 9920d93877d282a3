" Vim syntax file for .rtc, rtcc's infrastructure language. The token classes
" mirror editors/vscode/syntaxes/rtc.tmLanguage.json; tests/editors/check_drift.py
" fails when a lexer keyword or a stdlib block kind is missing here.
if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match
syn iskeyword @,48-57,_
" Text blocks, raw strings and block comments span lines: sync from the top
" (.rtc files are small) so that highlighting never starts inside one.
syn sync fromstart

" ---- Operators and punctuation ----------------------------------------------
" Defined first: an item defined later wins when two start at the same column,
" so `//` and `/*` below beat `/` here.
syn match rtcError     "[;'&|@\\^~]"
syn match rtcOperator  "==\|!=\|<=\|>=\|&&\|||\|[-+*/%<>!=?:]"
syn match rtcBrace     "[{}]"
syn match rtcBracket   "[][]"
syn match rtcParen     "[()]"
syn match rtcComma     ","
syn match rtcAccessor  "\." nextgroup=rtcProperty skipwhite
syn match rtcProperty  "\h\w*" contained

" ---- Identifiers, references and calls --------------------------------------
syn match rtcIdentifier "\<\h\w*\>"
" cluster.analytics.id: the root of a member chain.
syn match rtcReference  "\%(\.\s*\)\@<!\<\h\w*\ze\s*\.\s*\h"
syn match rtcBuiltinVar "\%(\.\s*\)\@<!\<\%(var\|each\|local\|count\|self\|path\|builtin\)\ze\s*\.\s*\h"
syn match rtcFunction   "\%(\.\s*\)\@<!\<\h\w*\ze\s*("

" ---- Literals ---------------------------------------------------------------
syn match rtcNumber "\%(\.\)\@1<!\<\d\+\%(\.\d\+\)\=\%([eE][+-]\=\d\+\)\=\>"
" Lexer keywords, never identifiers: `syn keyword` is safe here.
syn keyword rtcBoolean true false
syn keyword rtcNull    null

" ---- Keywords ---------------------------------------------------------------
" import/as/let/allow/deny/on may still name attributes and labels (`on = ...`
" in a schema), so they are matches that the attribute rule below overrides.
syn match rtcImport   "\%(\.\s*\)\@<!\<import\>"
syn match rtcImport   "\%(\.\s*\)\@<!\<as\>\ze\s\+\h" nextgroup=rtcNamespace skipwhite
syn match rtcNamespace "\h\w*" contained
syn match rtcLet      "\%(\.\s*\)\@<!\<let\>\ze\s\+\h" nextgroup=rtcLetName skipwhite
syn match rtcLetName  "\h\w*" contained
syn match rtcEffect   "\%(\.\s*\)\@<!\<\%(allow\|deny\)\>"
syn match rtcOn       "\%(\.\s*\)\@<!\<on\>"

" ---- Blocks: `kind label* {` and attributes `name =` --------------------------
" The opening brace must be on the same line as the kind.
let s:labels = '\%(\s\+\%(\h\w*\|"\%([^"\\]\|\\.\)*"\)\)*\s*{'
let s:start = '\%(\.\s*\)\@<!\<'
exe 'syn match rtcBlockKind    /' . s:start . '\h\w*\ze' . s:labels . '/ nextgroup=rtcLabel,rtcLabelString skipwhite'
" Nested blocks of cluster (master slave engines), schema (attribute block) and
" any resource (lifecycle).
exe 'syn match rtcNestedKind   /' . s:start . '\%(master\|slave\|engines\|attribute\|block\|lifecycle\)\ze' . s:labels . '/ nextgroup=rtcLabel,rtcLabelString skipwhite'
" Language blocks.
exe 'syn match rtcLanguageKind /' . s:start . '\%(variable\|output\|module\|provider\|backend\|schema\|moved\)\ze' . s:labels . '/ nextgroup=rtcLabel,rtcLabelString skipwhite'
" Resource kinds from stdlib.
exe 'syn match rtcResourceKind /' . s:start . '\%(user\|group\|group_membership\|policy\|role\|policy_attachment\|order\|project\|cluster\|job\)\ze' . s:labels . '/ nextgroup=rtcLabel,rtcLabelString skipwhite'
syn match  rtcLabel       "\h\w*" contained nextgroup=rtcLabel,rtcLabelString skipwhite
syn region rtcLabelString start=+"+ end=+"+ end=+$+ contained oneline contains=@rtcStringContent nextgroup=rtcLabel,rtcLabelString skipwhite

syn match rtcAttribute "\%(\.\s*\)\@<!\<\h\w*\ze\s*=\%([=]\)\@!"

" ---- Strings ----------------------------------------------------------------
syn cluster rtcStringContent contains=rtcEscape,rtcBadEscape,rtcDollarEscape,rtcInterp
syn match  rtcBadEscape    "\\.\=" contained
syn match  rtcEscape       +\\\%([nrt"\\$]\|u\x\{4}\|u{\x\+}\)+ contained
syn match  rtcDollarEscape "\$\${" contained

" A quoted string ends at the closing quote or, unterminated, at the line end.
syn region rtcString start=+"+ end=+"+ end=+$+ contains=@rtcStringContent,rtcArn,rtcActionService,rtcMachineModel,rtcEngineVersion,@Spell
" Text blocks: multi-line, quotes allowed inside.
syn region rtcTextBlock start=+"""+ end=+"""+ contains=@rtcStringContent,@Spell
" Raw strings: no escapes, no interpolation (for JSON documents).
syn region rtcRawString start=+`+ end=+`+

" ${ expr }: braces inside (map literals) nest so the first `}` does not end it.
syn cluster rtcExpr contains=rtcOperator,rtcBracket,rtcParen,rtcComma,rtcAccessor,rtcIdentifier,rtcReference,rtcBuiltinVar,rtcFunction,rtcNumber,rtcBoolean,rtcNull,rtcOn,rtcEffect,rtcString,rtcTextBlock,rtcRawString,rtcInnerBraces,rtcLineComment,rtcBlockComment,rtcError
syn region rtcInterp      matchgroup=rtcInterpDelim start=+\${+ end=+}+ contained contains=@rtcExpr
syn region rtcInnerBraces matchgroup=rtcBrace start=+{+ end=+}+ contained contains=@rtcExpr,rtcAttribute

" ARNs acs:service:region:account:resource and actions service:Action, when
" they are the whole string (so prose with colons is left alone).
syn region rtcArn start=+"\@1<=acs:+ end=+"\@=+ end=+$+ contained contains=@rtcStringContent,rtcArnSep,rtcWildcard
syn match  rtcArnSep ":" contained
syn match  rtcWildcard "\*" contained
syn match  rtcActionService +"\@1<=\l[a-z0-9-]*\ze:[A-Za-z*][A-Za-z0-9*]*"+ contained nextgroup=rtcActionSep
syn match  rtcActionSep ":" contained nextgroup=rtcActionName
syn match  rtcActionName +[A-Za-z*][A-Za-z0-9*]*"\@=+ contained contains=rtcWildcard

" Machine models ("8c32g") and Blink engine versions ("blink-2.2.6-hotfix0"),
" also only as whole strings.
syn match  rtcMachineModel  +"\@1<=\d\+c\d\+g"\@=+ contained
syn match  rtcEngineVersion +"\@1<=blink-\d\+\%(\.\d\+\)*\%(-[A-Za-z0-9]\+\)\="\@=+ contained

" ---- Comments (last: they win over `/` and `#` everywhere) -------------------
syn keyword rtcTodo contained TODO FIXME XXX NOTE
syn match  rtcLineComment "//.*$" contains=rtcTodo,@Spell
syn match  rtcLineComment "#.*$"  contains=rtcTodo,@Spell
syn region rtcBlockComment start="/\*" end="\*/" contains=rtcTodo,@Spell

" ---- Highlight links ----------------------------------------------------------
hi def link rtcLineComment   Comment
hi def link rtcBlockComment  Comment
hi def link rtcTodo          Todo
hi def link rtcImport        Include
hi def link rtcNamespace     Identifier
hi def link rtcLet           StorageClass
hi def link rtcLetName       Identifier
hi def link rtcEffect        Keyword
hi def link rtcOn            Keyword
hi def link rtcBoolean       Boolean
hi def link rtcNull          Constant
hi def link rtcNumber        Number
hi def link rtcResourceKind  Type
hi def link rtcLanguageKind  Structure
hi def link rtcNestedKind    Type
hi def link rtcBlockKind     Type
hi def link rtcLabel         Label
hi def link rtcLabelString   String
hi def link rtcAttribute     Identifier
hi def link rtcOperator      Operator
hi def link rtcError         Error
hi def link rtcString        String
hi def link rtcTextBlock     String
hi def link rtcRawString     String
hi def link rtcEscape        SpecialChar
hi def link rtcDollarEscape  SpecialChar
hi def link rtcBadEscape     Error
hi def link rtcInterpDelim   Delimiter
hi def link rtcArn           Constant
hi def link rtcArnSep        Delimiter
hi def link rtcWildcard      Special
hi def link rtcActionService Type
hi def link rtcActionSep     Delimiter
hi def link rtcActionName    Function
hi def link rtcMachineModel  Constant
hi def link rtcEngineVersion Constant
hi def link rtcReference     Identifier
hi def link rtcBuiltinVar    Special
hi def link rtcFunction      Function

let b:current_syntax = 'rtc'

let &cpo = s:cpo_save
unlet s:cpo_save
