" Filetype settings for .rtc files: comments, commentstring and `rtcc fmt`.
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

let s:cpo_save = &cpo
set cpo&vim

" `//` is the canonical line comment (what `gcc`-style plugins insert); `#`
" and `/* */` are recognised so that `gq` and comment continuation work on them.
setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,://,:#
setlocal formatoptions-=t formatoptions+=croql
" `gq` formats through the compiler's formatter (reads stdin, writes stdout).
setlocal formatprg=rtcc\ fmt\ -
setlocal suffixesadd=.rtc
setlocal iskeyword=@,48-57,_

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< formatprg< suffixesadd< iskeyword<'

" The layout `rtcc fmt` produces: two spaces, no tabs. Opt out with
" `let g:rtc_recommended_style = 0`.
if get(g:, 'rtc_recommended_style', 1)
  setlocal expandtab shiftwidth=2 softtabstop=2 tabstop=8
  let b:undo_ftplugin .= ' | setlocal expandtab< shiftwidth< softtabstop< tabstop<'
endif

let &cpo = s:cpo_save
unlet s:cpo_save
