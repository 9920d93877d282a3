-- Neovim (0.7+) end-to-end test of `rtcc lsp`: opens $RTC_LSP_FILE, attaches
-- the server and writes one "PASS name" / "FAIL name: why" line per check to
-- $RTC_LSP_RESULT, then quits. 0.7 has no vim.lsp.start, hence start_client.
local file = os.getenv('RTC_LSP_FILE')
local out = assert(io.open(os.getenv('RTC_LSP_RESULT'), 'w'))

local function report(name, ok, why)
  out:write((ok and 'PASS ' or 'FAIL ') .. name .. (ok and '' or (': ' .. tostring(why))) .. '\n')
  out:flush()
end

local function finish()
  out:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'rtcc',
    cmd = { 'rtcc', 'lsp' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
  })
  if not client_id then
    report('start', false, 'start_client failed')
    return
  end
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. Diagnostics: code and line of the `colour` error.
  local got = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  local diags = vim.diagnostic.get(bufnr)
  local expected_line
  for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if l:find('colour', 1, true) and not l:find('//', 1, true) then expected_line = i - 1 end
  end
  if not got then
    report('diagnostics', false, 'no diagnostics within 30 s')
  else
    local d = diags[1]
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    report('diagnostics', code == 'RTC0260' and d.lnum == expected_line,
      string.format('%d diagnostics; first: code=%s line=%d (want RTC0260 line %d) %s',
        #diags, tostring(code), d.lnum, expected_line, d.message))
  end

  local client = vim.lsp.get_client_by_id(client_id)
  local uri = vim.uri_from_bufnr(bufnr)
  local function find(pattern, nth)
    local seen = 0
    for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
      local col = l:find(pattern, 1, true)
      if col then
        seen = seen + 1
        if seen == (nth or 1) then return i - 1, col - 1 end
      end
    end
  end

  -- 2. Completion at the start of an item inside `cluster`.
  local line = find('  master {')
  local res = client.request_sync('textDocument/completion',
    { textDocument = { uri = uri }, position = { line = line, character = 2 } }, 10000, bufnr)
  local labels = {}
  local items = res and res.result and (res.result.items or res.result) or {}
  for _, it in ipairs(items) do labels[it.label] = true end
  report('completion', labels['master'] and labels['slave'],
    'labels: ' .. table.concat(vim.tbl_keys(labels), ','))

  -- 3. Hover on the slave's machine model.
  local hl, hc = find('"8c32g"', 2)
  res = client.request_sync('textDocument/hover',
    { textDocument = { uri = uri }, position = { line = hl, character = hc + 2 } }, 10000, bufnr)
  local value = res and res.result and res.result.contents and res.result.contents.value or ''
  report('hover', value:find('6 usable CU', 1, true) ~= nil, 'hover: ' .. value)

  client.stop()
end)
if not ok then report('lua', false, err) end
finish()
