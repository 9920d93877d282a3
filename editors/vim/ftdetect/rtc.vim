" Detects .rtc files (rtcc's infrastructure language).
autocmd BufRead,BufNewFile *.rtc setfiletype rtc
