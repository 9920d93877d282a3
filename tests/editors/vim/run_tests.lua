-- Headless Neovim checks for editors/vim: filetype detection, ftplugin
-- settings, highlight groups at annotated positions, and `gg=G` indentation.
-- Run: nvim --headless -u NONE -i NONE -n -c "luafile tests/editors/vim/run_tests.lua"
-- with RTC_SOURCE_DIR set to the repository root. Prints PASS/FAIL lines.
local root = assert(vim.env.RTC_SOURCE_DIR, 'RTC_SOURCE_DIR not set')
local here = root .. '/tests/editors/vim'

vim.opt.runtimepath:prepend(root .. '/editors/vim')
vim.cmd('filetype plugin indent on')
vim.cmd('syntax on')
vim.opt.shortmess:append('F')
vim.opt.swapfile = false

local passed, failed = 0, 0
local function report(ok, name, detail)
  if ok then
    passed = passed + 1
    io.stdout:write('PASS ' .. name .. '\n')
  else
    failed = failed + 1
    io.stdout:write('FAIL ' .. name .. (detail and (': ' .. detail) or '') .. '\n')
  end
end

local function open(path)
  vim.cmd('silent! %bwipeout!')
  vim.cmd('silent edit ' .. vim.fn.fnameescape(path))
end

-- ---- filetype detection and ftplugin ----------------------------------------
do
  local sample = here .. '/indent/expected.rtc'
  open(sample)
  report(vim.bo.filetype == 'rtc', 'ftdetect_sets_filetype_rtc_for_.rtc', 'filetype=' .. vim.bo.filetype)
  report(vim.b.current_syntax == 'rtc', 'syntax_file_loads', tostring(vim.b.current_syntax))
  report(vim.bo.commentstring == '// %s', 'ftplugin_commentstring_is_double_slash', vim.bo.commentstring)
  local com = vim.bo.comments
  report(com:find('://', 1, true) and com:find(':#', 1, true) and com:find('s1:/*', 1, true) ~= nil,
    'ftplugin_comments_cover_slash_hash_and_block', com)
  report(vim.bo.formatprg == 'rtcc fmt -', 'ftplugin_formatprg_is_rtcc_fmt', vim.bo.formatprg)
  report(vim.bo.indentexpr == 'GetRtcIndent(v:lnum)', 'indent_plugin_sets_indentexpr', vim.bo.indentexpr)
  report(vim.bo.shiftwidth == 2 and vim.bo.expandtab, 'ftplugin_recommended_style_two_spaces',
    'sw=' .. vim.bo.shiftwidth)
end

-- ---- highlight assertions -----------------------------------------------------
-- Files use the vscode-tmgrammar-test layout: a source line, then lines
--   //     ^^^ rtcGroup        (columns under the carets)
--   // <~~-- rtcGroup          (from column 1 + number of ~)
--   //   ^ - rtcGroup          (must NOT be that group)
-- Each assertion line is one check; the group is the innermost one at the
-- position (synID(l, c, 1)).
local function parse_assertion(line)
  local lead, carets, spec = line:match('^//(%s*)(%^+)%s+(.-)%s*$')
  if lead then
    return #lead + 2, #carets, spec
  end
  local tildes, dashes, spec2 = line:match('^// <(~*)(%-+)%s+(.-)%s*$')
  if tildes then
    return #tildes, #dashes, spec2
  end
  return nil
end

for _, file in ipairs(vim.fn.sort(vim.fn.glob(here .. '/highlight/*.test.rtc', false, true))) do
  open(file)
  local name = vim.fn.fnamemodify(file, ':t:r:r')
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  local src = nil
  for lnum, text in ipairs(lines) do
    local col0, width, spec = parse_assertion(text)
    if col0 and src then
      local negative = false
      local want = spec
      if spec:sub(1, 2) == '- ' then
        negative, want = true, vim.trim(spec:sub(3))
      end
      local bad = {}
      for c = col0 + 1, col0 + width do
        local got = vim.fn.synIDattr(vim.fn.synID(src, c, 1), 'name')
        if (got == want) == negative then
          table.insert(bad, string.format('col %d is %q', c, got))
        end
      end
      report(#bad == 0,
        string.format('highlight_%s_line_%d_col_%d_%s%s', name, src, col0 + 1, negative and 'not_' or '', want),
        table.concat(bad, ', ') .. ' in: ' .. (lines[src] or ''))
    elseif not col0 and lnum > 1 then
      src = lnum
    end
  end
end

-- ---- indentation ------------------------------------------------------------------
local function check_indent(input, expected, name)
  open(input)
  vim.cmd('silent normal! gg=G')
  local got = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  local want = vim.fn.readfile(expected)
  local diff = nil
  for i = 1, math.max(#got, #want) do
    if got[i] ~= want[i] then
      diff = string.format('line %d: got %q, want %q', i, got[i] or '<eof>', want[i] or '<eof>')
      break
    end
  end
  report(diff == nil, name, diff)
  vim.cmd('silent! %bwipeout!')
end

check_indent(here .. '/indent/input.rtc', here .. '/indent/expected.rtc', 'indent_gg=G_reindents_messy_sample')
check_indent(here .. '/indent/expected.rtc', here .. '/indent/expected.rtc', 'indent_gg=G_keeps_well_indented_sample')

-- Without syntax highlighting the indent falls back to a lexical scan.
vim.cmd('syntax off')
check_indent(here .. '/indent/plain_input.rtc', here .. '/indent/plain_expected.rtc', 'indent_gg=G_without_syntax_plain_sample')
vim.cmd('syntax on')

io.stdout:write(string.format('vim tests: %d ok, %d failing\n', passed, failed))
vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')
