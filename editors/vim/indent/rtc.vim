" Brace-based indentation for .rtc files: a line that leaves { [ ( open
" indents the next one shiftwidth; a line starting with } ] ) dedents.
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetRtcIndent(v:lnum)
setlocal indentkeys=0{,0},0),0],!^F,o,O
setlocal autoindent nolisp nosmartindent nocindent
let b:undo_indent = 'setlocal indentexpr< indentkeys< autoindent< lisp< smartindent< cindent<'

if exists('*GetRtcIndent')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" Syntax groups whose text is not code: brackets in them do not count, and a
" line that starts inside one of the multi-line ones keeps its indentation
" (text block content is significant; the compiler strips its common indent).
let s:multiline = '^rtc\%(TextBlock\|RawString\|BlockComment\)$'
let s:code_brackets = '^rtc\%(Brace\|Bracket\|Paren\)$'

function! s:SyntaxOn() abort
  return exists('b:current_syntax') && b:current_syntax ==# 'rtc' && exists('g:syntax_on')
endfunction

function! s:NameAt(lnum, col) abort
  return synIDattr(synID(a:lnum, a:col, 1), 'name')
endfunction

" True when line a:lnum begins inside a text block, raw string or block
" comment that opened on an earlier line.
function! s:StartsInside(lnum) abort
  if !s:SyntaxOn()
    return 0
  endif
  let line = getline(a:lnum)
  if s:NameAt(a:lnum, 1) !~# s:multiline
    return 0
  endif
  " Column 1 is in the token: inside, except for a block comment that opens
  " right there. (A string cannot start an item, so a `"""` or `` ` `` at
  " column 1 inside a string region is a closing delimiter or content.)
  return line !~# '^/\*'
endfunction

" The line's brackets as a list of +1 (opener) / -1 (closer), code only.
function! s:Brackets(lnum) abort
  let line = getline(a:lnum)
  let result = []
  if s:SyntaxOn()
    let col = 0
    while 1
      let col = match(line, '[][{}()]', col)
      if col < 0
        break
      endif
      if s:NameAt(a:lnum, col + 1) =~# s:code_brackets
        call add(result, line[col] =~# '[[{(]' ? 1 : -1)
      endif
      let col += 1
    endwhile
    return result
  endif
  " Without syntax: drop strings and comments lexically.
  let code = substitute(line, '"\%([^"\\]\|\\.\)*"\|`[^`]*`\|/\*.\{-}\*/', '', 'g')
  let code = substitute(code, '\%(//\|#\|/\*\).*$', '', '')
  for ch in split(substitute(code, '[^][{}()]', '', 'g'), '\zs')
    call add(result, ch =~# '[[{(]' ? 1 : -1)
  endfor
  return result
endfunction

" How many closers start line a:lnum (`}`, `})`, `] }`), given its brackets.
function! s:LeadingClosers(lnum, brackets) abort
  let run = matchstr(getline(a:lnum), '^\s*\zs[]})[:space:],]*')
  let n = 0
  for b in a:brackets
    if b > 0 || n >= len(substitute(run, '[^]})]', '', 'g'))
      break
    endif
    let n += 1
  endfor
  return n
endfunction

function! GetRtcIndent(lnum) abort
  if s:StartsInside(a:lnum)
    return -1
  endif

  let plnum = prevnonblank(a:lnum - 1)
  " A previous line inside a multi-line string or comment says nothing about
  " nesting: measure from the line where that token began.
  while plnum > 0 && s:StartsInside(plnum)
    let plnum = prevnonblank(plnum - 1)
  endwhile
  if plnum == 0
    return 0
  endif

  let prev = s:Brackets(plnum)
  let net = 0
  for b in prev
    let net += b
  endfor
  " The previous line's leading closers were already dedented on that line.
  let opened = net + s:LeadingClosers(plnum, prev)

  let cur = s:Brackets(a:lnum)
  " Only closers that start the line (`}`, `]`, `})`) pull it back.
  let closers = s:LeadingClosers(a:lnum, cur)

  " One level per line whatever the count, so `[{ ... }]` indents once.
  let ind = indent(plnum) + shiftwidth() * ((opened > 0) - (closers > 0) + (opened < 0 ? opened : 0))
  return ind < 0 ? 0 : ind
endfunction

let &cpo = s:cpo_save
unlet s:cpo_save
